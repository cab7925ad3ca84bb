import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

// The browser tests run Debian's Chromium against the real gateway serving the release build in dist/
// (built by `make test`), with a fresh SQLite file each run.
const port = Number(process.env.E2E_PORT ?? 8181);
// Requests a service worker makes are reported (app.spec.ts checks what the worker is sent).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS ??= '1';
const gateway = process.env.E2E_GATEWAY ?? 'target/debug/mytho-gateway';
const dbPath = path.join(os.tmpdir(), `mytho-e2e-${process.pid}-${Date.now()}`, 'e2e.sqlite3');

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
      ],
    },
    locale: 'vi-VN',
    trace: 'off',
    // Most tests see the app as a browser without the service worker does (captive-portal browsers,
    // private windows) and route requests freely; app.spec.ts turns it on to test it.
    serviceWorkers: 'block',
  },
  webServer: {
    command: gateway,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: {
      MYTHO_ADDR: `127.0.0.1:${port}`,
      MYTHO_DIST: 'dist',
      MYTHO_DB_PATH: dbPath,
      MYTHO_LOG: 'warn',
      // Card payments through the simulator, which makes its own secret (never a real one).
      MYTHO_PAYMENT_SIMULATOR: '1',
      // Tests stand in for the city's reverse proxy: each test's X-Forwarded-For is its own client.
      MYTHO_TRUSTED_PROXY: '127.0.0.1',
      MYTHO_OFFICER_TOKEN: 'e2e-officer-token-0123456789abcdef',
      // A test account for VietQR transfers (not a real one).
      MYTHO_VIETQR_BIN: '970436',
      MYTHO_VIETQR_ACCOUNT: '0011001234567',
      MYTHO_VIETQR_NAME: 'UBND PHUONG MY THO',
    },
  },
});
