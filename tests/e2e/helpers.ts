import { expect, Page, test as base } from '@playwright/test';
import * as fs from 'node:fs';

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Each test is its own citizen: requests carry an address of their own, as the city's reverse proxy
 * forwards it (the gateway trusts 127.0.0.1 as that proxy), so the gateway's per-client limits apply to
 * each test as to one person, not to the whole suite as one client.
 */
export function clientAddress(seed: string): string {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `198.18.${(h >>> 8) & 255}.${(h & 255) || 1}`;
}

/** Every test page records console errors, uncaught exceptions and CSP violations; a test fails on any. */
export const test = base.extend<{ problems: string[] }>({
  extraHTTPHeaders: async ({ extraHTTPHeaders }, use, testInfo) => {
    await use({ ...extraHTTPHeaders, 'x-forwarded-for': clientAddress(testInfo.testId) });
  },
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      // A request refused because a test took the browser offline is the test's doing, not the app's.
      if (m.type() === 'error' && !m.text().includes('net::ERR_INTERNET_DISCONNECTED')) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await use(problems);
  },
});

export { expect };

/** Waits until the app (not the static first screen) is in charge: only it renders the language switch. */
export async function appReady(page: Page, timeout = 15_000) {
  await expect(page.locator('.lang-switch')).toBeVisible({ timeout });
  // The app draws its shell, then its page a moment later in place of the first screen's (src/lib.rs `start`).
  await expect(page.locator('main > .first-screen')).toHaveCount(0, { timeout });
}

/** axe-core with the WCAG 2.x A/AA rules (2.2 included); returns the violations, described. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP stays strict during the check.
  await page.evaluate(axeSource);
  const results: any = await page.evaluate(async () => {
    // @ts-ignore axe is injected above
    return await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  return results.violations.map(
    (v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`,
  );
}

export async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** Serves config.json with one of the city's areas switched off. */
export async function switchOff(page: Page, feature: string) {
  await page.route('**/config.json', async (route) => {
    const real = await (await route.fetch()).json();
    real.features[feature] = false;
    await route.fulfill({ json: real });
  });
}

/** Presses a form step's Continue. */
export async function continueStep(page: Page) {
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
}

/** The "person" step that several forms share (name, date of birth, sex, ID number), then Continue. */
export async function fillPersonStep(page: Page, p: { name: string; dob: [string, string, string]; sex: 'Nam' | 'Nữ'; id: string }) {
  await page.getByLabel('Họ và tên', { exact: true }).fill(p.name);
  await page.getByLabel('Ngày', { exact: true }).fill(p.dob[0]);
  await page.getByLabel('Tháng', { exact: true }).fill(p.dob[1]);
  await page.getByLabel('Năm', { exact: true }).fill(p.dob[2]);
  await page.getByLabel(p.sex, { exact: true }).check();
  await page.getByLabel('Số định danh cá nhân').fill(p.id);
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
}
