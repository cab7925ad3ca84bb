import { Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appReady, expect, expectNoAxeViolations, test } from './helpers';

// One app: areas are modules fetched when first opened; the service worker keeps what was visited.

test.afterEach(async ({ problems }) => {
  expect(problems).toEqual([]);
});

/** The areas' modules (`split_<area>_area_view_…wasm`), the documents and the scripts and wasm files a
 * page has fetched. */
function watch(page: Page) {
  const seen = { documents: [] as string[], modules: [] as string[], code: [] as string[] };
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.resourceType() === 'document') seen.documents.push(url.pathname);
    if (/\.(wasm|js)$/.test(url.pathname)) seen.code.push(url.pathname.split('/').pop()!);
    const module = url.pathname.match(/\/split___(\w+?)_area_view_/);
    if (module) seen.modules.push(module[1]);
  });
  return seen;
}

test('moving between areas loads no page, fetches an area only when it opens, and keeps the language and the connection notice', async ({ page, context }) => {
  const seen = watch(page);
  await page.goto('/');
  await appReady(page);
  expect(seen.documents).toEqual(['/']);
  expect(seen.modules).toEqual([]);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What do you need to do today?');

  await page.locator('.site-nav').getByRole('link', { name: 'Questions and answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Questions and answers');
  expect(seen.modules).toEqual(['faq']);
  await page.locator('.site-nav').getByRole('link', { name: 'Track an application' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Track an application');
  expect(seen.modules).toEqual(['faq', 'tracking']);

  // Offline: the notice shows, and stays while moving to an area already here.
  await context.setOffline(true);
  await expect(page.locator('.connection-banner')).toBeVisible();
  await page.locator('.site-nav').getByRole('link', { name: 'Questions and answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Questions and answers');
  await expect(page.locator('.connection-banner')).toBeVisible();
  await context.setOffline(false);
  await expect(page.locator('.connection-banner')).toHaveCount(0);

  // Within an area and back home, nothing more is fetched, and English stays.
  await page.getByRole('link', { name: 'See all questions by topic' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All questions');
  await page.locator('.site-header__name').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What do you need to do today?');
  expect(seen.modules).toEqual(['faq', 'tracking']);
  expect(seen.documents).toEqual(['/']);
});

test('a page landed on directly paints its first screen from the page alone, and fetches its own area at once', async ({ page }) => {
  const seen = watch(page);
  // Everything but the page itself comes late, as on a slow link: the first paint must not wait for it.
  await page.route((url) => url.pathname !== '/du-lich', async (route) => {
    await new Promise((done) => setTimeout(done, 1500));
    await route.continue();
  });
  await page.goto('/du-lich');
  const timing = await page.evaluate(async () => {
    const paint = await new Promise<number>((done) =>
      new PerformanceObserver((list, observer) => {
        const entry = list.getEntriesByName('first-contentful-paint')[0];
        if (entry) {
          observer.disconnect();
          done(entry.startTime);
        }
      }).observe({ type: 'paint', buffered: true }),
    );
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return { paint, firstOther: Math.min(...entries.map((e) => e.responseEnd).filter((t) => t > 0), Infinity) };
  });
  expect(timing.paint).toBeLessThan(1500);
  expect(timing.paint).toBeLessThan(timing.firstOther);
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du lịch Mỹ Tho');
  expect(seen.modules).toEqual(['tourism']);
  // One script, the main module, the area's module and a few packs of shared code (the splitter's 145
  // chunks packed at build), each once.
  expect(seen.code.filter((f) => f.endsWith('.js'))).toEqual(['boot.js']);
  expect(new Set(seen.code).size).toBe(seen.code.length);
  expect(seen.code.length).toBeLessThanOrEqual(12);
});

/** What the failed fetches of an area's code leave in the console (the browser's and the splitter's
 * loader's own lines); anything else, a panic above all, stays a problem. */
function onlyFailedFetches(problems: string[]) {
  expect(problems.filter((p) => !/Failed to fetch|net::ERR_/.test(p))).toEqual([]);
  problems.length = 0;
}

test("an area whose code cannot come says so and offers a retry; the rest of the app keeps working", async ({ page, problems }) => {
  await page.goto('/');
  await appReady(page);
  const cut = (route: any) => route.abort('internetdisconnected');
  await page.route(/\/split___tourism_area_view_/, cut);
  await page.locator('.site-nav').getByRole('link', { name: 'Du lịch', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chưa mở được trang này');
  await expect(page).toHaveURL(/\/du-lich$/);
  await expect(page).toHaveTitle(/^Chưa mở được trang này/);
  await expect(page.locator('main')).toContainText('Hãy kiểm tra Wi‑Fi hoặc dữ liệu di động');
  await expect(page.locator('main')).toBeFocused();
  await expectNoAxeViolations(page);

  // Still not there: the retry says so, and focus stays on it.
  const retry = page.getByRole('button', { name: 'Thử lại' });
  await retry.click();
  await expect(page.getByRole('alert')).toHaveText('Vẫn chưa tải được. Hãy kiểm tra kết nối mạng rồi thử lại.');
  await expect(retry).toBeFocused();
  await expectNoAxeViolations(page);
  // Each further tap is answered: the alert is cleared, the page says it is trying, then the alert
  // comes back (a repeated alert is read out again only when it changes).
  await page.locator('main').evaluate((main) => {
    const seen: Record<string, string[]> = { alert: [], status: [] };
    for (const [role, selector] of [['alert', '[role="alert"]'], ['status', '.notice--opening']]) {
      const region = main.querySelector(selector)!;
      new MutationObserver(() => seen[role].push(region.textContent!)).observe(region, { childList: true, subtree: true, characterData: true });
    }
    (window as any).seen = seen;
  });
  await retry.click();
  await expect(page.getByRole('alert')).toHaveText('Vẫn chưa tải được. Hãy kiểm tra kết nối mạng rồi thử lại.');
  await expect(page.locator('.notice--opening')).toBeEmpty();
  expect(await page.evaluate(() => (window as any).seen)).toEqual({
    alert: ['', 'Vẫn chưa tải được. Hãy kiểm tra kết nối mạng rồi thử lại.'],
    status: ['Đang mở trang…', ''],
  });
  await expect(retry).toBeFocused();

  // The rest of the app works (no panic stopped it), and the same area comes once its code can.
  await page.locator('.site-nav').getByRole('link', { name: 'Hỏi đáp', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chưa mở được trang này');
  await expect(page.getByRole('alert')).toBeEmpty();
  await page.unroute(/\/split___tourism_area_view_/, cut);
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du lịch Mỹ Tho');
  await expect(page.locator('main')).toBeFocused();
  onlyFailedFetches(problems);
});

test("a page landed on whose area's code cannot come says so, in place of its first screen", async ({ page, problems }) => {
  const cut = (route: any) => route.abort('internetdisconnected');
  await page.route(/\/split___faq_area_view_/, cut);
  await page.goto('/hoi-dap');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chưa mở được trang này');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page could not be opened');
  await expectNoAxeViolations(page);
  await page.unroute(/\/split___faq_area_view_/, cut);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Questions and answers');
  onlyFailedFetches(problems);
});

test('while an area\'s code is slow to come, a notice says the page is opening, then that it is slow, and goes when it has come', async ({ page }) => {
  // The page's clock, so that a long wait takes no time in the test (it runs on its own until told).
  await page.clock.install();
  await page.goto('/');
  await appReady(page);
  const notice = page.locator('.notice--opening');
  await expect(notice).toBeEmpty();
  let release!: () => void;
  const released = new Promise<void>((done) => { release = done; });
  await page.route(/\/split___faq_area_view_/, async (route) => {
    await released;
    await route.continue();
  });
  await page.locator('.site-nav').getByRole('link', { name: 'Hỏi đáp', exact: true }).click();
  await expect(notice).toHaveText('Đang mở trang…');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn cần làm gì hôm nay?');
  await expectNoAxeViolations(page);
  // A weak connection: the browser may wait minutes; the notice says why it is long.
  await page.clock.fastForward(8000);
  await expect(notice).toHaveText('Trang đang mở chậm, có lẽ do mạng yếu. Xin chờ thêm một chút; trong lúc chờ, bạn vẫn đọc được trang này.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn cần làm gì hôm nay?');
  await expectNoAxeViolations(page);
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
  await expect(notice).toBeEmpty();
  // The next slow move starts from the first notice again.
  await page.route(/\/split___tutorials_area_view_/, async (route) => {
    await new Promise((done) => setTimeout(done, 1500));
    await route.continue();
  });
  await page.locator('.site-nav').getByRole('link', { name: 'Kỹ năng số', exact: true }).click();
  await expect(notice).toHaveText('Đang mở trang…');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kỹ năng số');
  await expect(notice).toBeEmpty();
});

test('a retry that is slow says so too, without pointing to a page there is nothing to read on', async ({ page, problems }) => {
  await page.clock.install();
  const cut = (route: any) => route.abort('internetdisconnected');
  await page.route(/\/split___faq_area_view_/, cut);
  await page.goto('/');
  await appReady(page);
  await page.locator('.site-nav').getByRole('link', { name: 'Hỏi đáp', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chưa mở được trang này');
  // The connection is back, but weak: the module takes minutes.
  await page.unroute(/\/split___faq_area_view_/, cut);
  let release!: () => void;
  const released = new Promise<void>((done) => { release = done; });
  await page.route(/\/split___faq_area_view_/, async (route) => {
    await released;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Thử lại' }).click();
  const notice = page.locator('.notice--opening');
  await expect(notice).toHaveText('Đang mở trang…');
  await page.clock.fastForward(8000);
  await expect(notice).toHaveText('Trang đang mở chậm, có lẽ do mạng yếu. Xin chờ thêm một chút.');
  await expectNoAxeViolations(page);
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
  await expect(notice).toBeEmpty();
  onlyFailedFetches(problems);
});

test('on a phone, after a tap in the header, the opening notice and then the slow one are in the window to be read', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.clock.install();
  await page.goto('/');
  await appReady(page);
  await page.route(/\/split___faq_area_view_/, () => {});
  await page.locator('.site-nav').getByRole('link', { name: 'Hỏi đáp', exact: true }).click();
  const notice = page.locator('.notice--opening');
  const inWindow = async () => {
    const box = (await notice.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(640);
  };
  await expect(notice).toHaveText('Đang mở trang…');
  await inWindow();
  await page.clock.fastForward(8000);
  await expect(notice).toContainText('Trang đang mở chậm');
  await inWindow();
});

test('on a small screen scrolled down, a bar at the top of the window shows the next page is opening', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 480 });
  await page.goto('/');
  await appReady(page);
  await page.route(/\/split___faq_area_view_/, async (route) => {
    await new Promise((done) => setTimeout(done, 2000));
    await route.continue();
  });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.locator('.entries').getByRole('link', { name: /^Hỏi đáp/ }).click();
  const notice = page.locator('.notice--opening');
  await expect(notice).toHaveText('Đang mở trang…');
  // The notice is above the window, out of sight; the bar is not.
  expect(await notice.evaluate((n) => n.getBoundingClientRect().bottom)).toBeLessThanOrEqual(0);
  const bar = () => notice.evaluate((n) => {
    const style = getComputedStyle(n, '::before');
    return { content: style.content, position: style.position, top: style.top, height: parseFloat(style.height) };
  });
  expect(await bar()).toMatchObject({ position: 'fixed', top: '0px' });
  expect((await bar()).height).toBeGreaterThanOrEqual(4);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
  await expect(notice).toBeEmpty();
  expect((await bar()).content).toBe('none');
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  /** Opens the home page and waits until the service worker controls it. */
  async function installed(page: Page) {
    await page.goto('/');
    await appReady(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
      }
    });
  }

  test("the worker's own fetches of an area's code carry the dictionary too (dcb)", async ({ page, context }) => {
    await installed(page);
    const byWorker = new Map<string, string>();
    context.on('response', async (response) => {
      const path = new URL(response.url()).pathname;
      if (response.request().serviceWorker() && path.startsWith('/app-') && path.endsWith('.wasm')) {
        byWorker.set(path.split('/').pop()!, (await response.headerValue('content-encoding')) ?? 'none');
      }
    });
    await page.locator('.site-nav').getByRole('link', { name: 'Hỏi đáp', exact: true }).click();
    await expect(page.locator('.chips').first()).toBeVisible();
    const areas = [...byWorker].filter(([name]) => name !== 'mytho-so_bg.wasm');
    expect(areas.length).toBeGreaterThan(0);
    for (const [name, encoding] of areas) expect(encoding, name).toBe('dcb');
  });

  test('every page once visited opens offline and says so; a repeat visit takes the app from the device', async ({ page, context }) => {
    await installed(page);
    for (const [name, h1] of [['Hỏi đáp', 'Hỏi đáp'], ['Du lịch', 'Du lịch Mỹ Tho'], ['Kỹ năng số', 'Kỹ năng số']]) {
      await page.locator('.site-nav').getByRole('link', { name, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1);
    }

    // A repeat visit: what leaves the browser (the worker's own fetches included) is the page, the
    // config, the API and the FAQ's content file revalidated in the background (a 304 when the city has
    // not changed it; this test's routing turns the HTTP cache off); the app's files come from the worker.
    const toServer: string[] = [];
    await context.route('**/*', (route) => {
      toServer.push(new URL(route.request().url()).pathname);
      return route.continue();
    });
    const again = await context.newPage();
    await again.goto('/hoi-dap');
    await appReady(again);
    await expect(again.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
    await expect(again.locator('.chips').first()).toBeVisible();
    expect(toServer.filter((p) => !p.startsWith('/api/')).sort()).toEqual(['/config.json', '/faq.json', '/hoi-dap']);
    await context.unroute('**/*');

    await context.setOffline(true);
    for (const [path, h1] of [['/', 'Bạn cần làm gì hôm nay?'], ['/hoi-dap', 'Hỏi đáp'], ['/du-lich', 'Du lịch Mỹ Tho'], ['/ky-nang-so', 'Kỹ năng số']]) {
      await again.goto(path);
      await appReady(again);
      await expect(again.getByRole('heading', { level: 1 })).toHaveText(h1);
      await expect(again.locator('.connection-banner')).toContainText('Không có kết nối mạng');
    }
    // The FAQ still answers from what it kept.
    await again.goto('/hoi-dap');
    await appReady(again);
    const input = again.getByRole('textbox');
    await input.fill('wifi mien phi');
    await input.press('Enter');
    await expect(again.locator('.bubble--bot').last().locator('.bubble__title')).toContainText(/Wi-?Fi/i);

    // An area never opened on this device cannot come offline: a page says so, and it comes once online.
    await again.locator('.site-nav').getByRole('link', { name: 'Dịch vụ công', exact: true }).click();
    await expect(again.getByRole('heading', { level: 1 })).toHaveText('Chưa mở được trang này');
    await expect(again.locator('.connection-banner')).toContainText('Không có kết nối mạng');
    await context.setOffline(false);
    await again.getByRole('button', { name: 'Thử lại' }).click();
    await expect(again.getByRole('heading', { level: 1 })).toHaveText('Thủ tục hành chính');
  });

  test('a new deployment is picked up on the next visit, and the old build is dropped', async ({ browser }) => {
    // A city of its own: a gateway serving a copy of the build, which is then deployed anew.
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'mytho-deploy-'));
    fs.cpSync('dist', dist, { recursive: true });
    const port = 8190 + test.info().workerIndex;
    const gateway = spawn(process.env.E2E_GATEWAY ?? 'target/debug/mytho-gateway', [], {
      env: { ...process.env, MYTHO_ADDR: `127.0.0.1:${port}`, MYTHO_DIST: dist, MYTHO_DB_PATH: path.join(dist, 'db.sqlite3'), MYTHO_LOG: 'warn' },
      stdio: 'ignore',
    });
    try {
      await expect.poll(() => fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false), { timeout: 15_000 }).toBe(true);
      const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, serviceWorkers: 'allow' });
      const page = await context.newPage();
      await installed(page);
      const before = await page.evaluate(() => caches.keys());
      expect(before).toHaveLength(1);

      // The next deployment: every page and the worker name a new build (here, the same files renamed).
      const build = before[0].replace(/^mytho-/, '');
      fs.renameSync(path.join(dist, build), path.join(dist, 'app-0123456789abcdef'));
      for (const file of fs.readdirSync(dist).filter((f) => /\.(html|js)$/.test(f))) {
        const text = fs.readFileSync(path.join(dist, file), 'utf8').replaceAll(build, 'app-0123456789abcdef');
        fs.writeFileSync(path.join(dist, file), file === 'index.html' ? text.replace('<title>', '<meta name="deployment" content="next"><title>') : text);
        for (const copy of ['.br', '.gz']) fs.rmSync(path.join(dist, file + copy), { force: true });
      }
      await page.reload();
      await appReady(page);
      await expect(page.locator('meta[name="deployment"]')).toHaveAttribute('content', 'next');
      await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 15_000 }).toEqual(['mytho-app-0123456789abcdef']);
      // The new build runs, from its own folder, and an area opens.
      await page.locator('.site-nav').getByRole('link', { name: 'Hỏi đáp', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
      await context.close();
    } finally {
      gateway.kill();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});

// Compression dictionary transport (crates/gateway/src/assets/dictionary.rs): once the home page has
// loaded the main module, an area's files travel compressed against it (`dcb`), ≈ 12 % smaller.
test("an area's code travels compressed against the main module the browser already has, and runs", async ({ page, problems }) => {
  const encodings = new Map<string, string>();
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/app-') && path.endsWith('.wasm')) {
      encodings.set(path.split('/').pop()!, (await response.headerValue('content-encoding')) ?? 'none');
    }
  });
  await page.goto('/');
  await appReady(page);
  await page.locator('.site-nav').getByRole('link', { name: 'Hỏi đáp', exact: true }).click();
  // The home page stays until the FAQ's code has come: type only once the FAQ is shown.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
  await page.getByRole('textbox').first().fill('làm giấy khai sinh cần gì');
  await page.getByRole('textbox').first().press('Enter');
  await expect(page.locator('.chat')).toContainText(/khai sinh/i);
  expect(encodings.get('mytho-so_bg.wasm')).toBe('br');
  const areas = [...encodings].filter(([name]) => name !== 'mytho-so_bg.wasm');
  expect(areas.length).toBeGreaterThan(0);
  for (const [name, encoding] of areas) expect(encoding, name).toBe('dcb');
  expect(problems).toEqual([]);
});
