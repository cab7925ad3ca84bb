import { appReady, expect, expectNoAxeViolations, test } from './helpers';

// Each area has its own page (its first screen) and heading.
const AREAS = [
  { path: '/dich-vu-cong', vi: 'Dịch vụ công', en: 'Public services', h1: 'Thủ tục hành chính', soon: false },
  { path: '/tra-cuu', vi: 'Tra cứu hồ sơ', en: 'Track an application', h1: 'Tra cứu hồ sơ', soon: false },
  { path: '/hoi-dap', vi: 'Hỏi đáp', en: 'Questions and answers', h1: 'Hỏi đáp', soon: false },
  { path: '/ky-nang-so', vi: 'Kỹ năng số', en: 'Digital skills', h1: 'Kỹ năng số', soon: false },
  { path: '/du-lich', vi: 'Du lịch', en: 'Visit My Tho', h1: 'Du lịch Mỹ Tho', soon: false },
];

test.afterEach(async ({ problems }) => {
  expect(problems).toEqual([]);
});

test('the first screen is useful before and without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('.site-header__name')).toHaveText('Mỹ Tho Số');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn cần làm gì hôm nay?');
  for (const area of AREAS) {
    await expect(page.locator('main').getByRole('link', { name: new RegExp(area.vi) })).toHaveAttribute('href', area.path);
  }
  await expect(page.locator('footer a[href="tel:1022"]')).toHaveText('1022');
  // Chromium's script switch does not change how <noscript> is parsed, so read it from the page served.
  const html = await response!.text();
  expect(html).toMatch(/<noscript>[\s\S]*Trình duyệt đang tắt JavaScript[\s\S]*gọi đường dây nóng <a href="tel:1022">[\s\S]*JavaScript is turned off[\s\S]*<\/noscript>/);
  await context.close();
});

test('the first screen is accessible while the app is still on its way', async ({ browser }) => {
  // Same markup as above; here scripts run (axe needs them) but the app's bundle never arrives.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(/\.(js|wasm)$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn cần làm gì hôm nay?');
  await expectNoAxeViolations(page);
  await context.close();
});

test('the app starts, takes over the first screen and shows the city from config', async ({ page }) => {
  const response = await page.goto('/');
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.locator('.site-header__name')).toHaveText('Mỹ Tho Số');
  await expect(page).toHaveTitle('Trang chủ – Mỹ Tho Số');
  // One app, not the static screen plus the app.
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('footer a[href="tel:1022"]')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('navigation, back and forward, and the current area marked', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  for (const area of AREAS) {
    await page.locator('.site-nav').getByRole('link', { name: area.vi, exact: true }).click();
    await expect(page).toHaveURL(area.path);
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(area.h1);
    await expect(page.locator('.site-nav [aria-current="page"]')).toHaveText(area.vi);
    if (area.soon) {
      await expect(page.getByText('Sắp ra mắt')).toBeVisible();
      await expect(page).toHaveTitle(`${area.vi} – Sắp ra mắt – Mỹ Tho Số`);
    } else {
      await expect(page).toHaveTitle(`${area.h1} – Mỹ Tho Số`);
    }
  }
  // Back and forward cross the areas too.
  await page.goBack();
  await expect(page).toHaveURL('/ky-nang-so');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kỹ năng số');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
  await page.goBack();
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tra cứu hồ sơ');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kỹ năng số');
  await page.locator('.site-header__name').click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn cần làm gì hôm nay?');
});

test('after a move by a link or by Back, focus is on the new page, never on the body; a page that places it keeps it', async ({ page }) => {
  const onBody = () => page.evaluate(() => document.activeElement === null || document.activeElement === document.body);
  await page.goto('/');
  await appReady(page);
  // The header's links stay on screen: focus leaves them for the new page (a screen reader reads it next).
  for (const area of AREAS) {
    await page.locator('.site-nav').getByRole('link', { name: area.vi, exact: true }).press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(area.h1);
    await expect(page.locator('#main')).toBeFocused();
  }
  // A link on the page goes away with it; Back too (the area's code is here, or is fetched first).
  await page.goto('/thanh-toan');
  await appReady(page);
  await page.locator('main').getByRole('link', { name: 'Tra cứu hồ sơ' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tra cứu hồ sơ');
  await expect(page.locator('#main')).toBeFocused();
  await page.locator('.site-header__name').press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn cần làm gì hôm nay?');
  await page.locator('main').getByRole('link', { name: 'Hỏi đáp' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
  expect(await onBody()).toBe(false);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn cần làm gì hôm nay?');
  expect(await onBody()).toBe(false);
  // A form's step puts focus on its own heading: that is kept.
  await page.goto('/dich-vu-cong/khai-sinh');
  await appReady(page);
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thông tin trẻ');
  await expect(page.locator('#step-heading')).toBeFocused();
});

test('deep links open the right page; a page an area does not have is a 404, page and status', async ({ page, problems }) => {
  for (const area of AREAS) {
    const response = await page.goto(`${area.path}/mot/trang/sau`);
    expect(response?.status()).toBe(404);
    // Chromium reports the document's own 404 status on the console; that is expected here.
    problems.length = 0;
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  }
  const response = await page.goto('/dich-vu-cong/khai-sinh');
  expect(response?.status()).toBe(200);
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng ký khai sinh');
  await expectNoAxeViolations(page);
});

test('an unknown address gets a real 404 page and status', async ({ page, problems }) => {
  const response = await page.goto('/trang-khong-co');
  expect(response?.status()).toBe(404);
  // Chromium reports the document's own 404 status on the console; that is expected here.
  problems.length = 0;
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  await expect(page).toHaveTitle('Không tìm thấy trang – Mỹ Tho Số');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Về trang chủ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn cần làm gì hôm nay?');
  problems.length = 0;
});

test('language switch changes every text, the html lang, and is remembered', async ({ page }) => {
  await page.goto('/ky-nang-so');
  await appReady(page);
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Digital skills');
  await expect(page.getByRole('link', { name: '1. Getting to know your phone' })).toBeVisible();
  await expect(page).toHaveTitle('Digital skills – My Tho Digital');
  await expect(page.locator('.site-header__name')).toHaveText('My Tho Digital');
  await expect(page.locator('.site-nav')).toHaveAttribute('aria-label', 'Main sections');
  await expect(page.locator('body')).not.toContainText('Sắp ra mắt');
  await expectNoAxeViolations(page);

  // Remembered across bundles' pages too.
  await page.goto('/hoi-dap');
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Questions and answers');
  await page.goto('/');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What do you need to do today?');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: /Tiếng Việt/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn cần làm gì hôm nay?');
  await page.reload();
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('a shared link with ?lang=en opens in English', async ({ page }) => {
  await page.goto('/du-lich?lang=en');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Visit My Tho');
});

test('the app still works where the browser keeps no storage', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await page.goto('/');
  await appReady(page);
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What do you need to do today?');
});

test('going offline is announced, and cleared when back online', async ({ page, context }) => {
  await page.goto('/');
  await appReady(page);
  const banner = page.locator('.connection-banner-region');
  await expect(banner).toHaveAttribute('aria-live', 'polite');
  await expect(banner).toBeEmpty();
  await context.setOffline(true);
  await expect(banner).toContainText('Không có kết nối mạng');
  await expectNoAxeViolations(page);
  await context.setOffline(false);
  await expect(banner).toBeEmpty();
});

test('a demo city says so on every page; the real one does not', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await expect(page.locator('.demo-banner')).toHaveCount(0);
  // The gateway serves this config when it runs with MYTHO_DEMO (`make run`).
  await page.route('**/config.json', async (route) => {
    const real = await (await route.fetch()).json();
    await route.fulfill({ json: { ...real, demo: true } });
  });
  for (const path of ['/', '/dich-vu-cong', '/tra-cuu', '/hoi-dap', '/ky-nang-so', '/du-lich', '/thanh-toan/ho-so/MTS-000101-0001']) {
    await page.goto(path);
    await appReady(page);
    await expect(page.locator('.demo-banner'), path).toHaveText('Bản chạy thử: hồ sơ, thanh toán và dữ liệu ở đây không có thật.');
  }
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.locator('.demo-banner')).toHaveText('Demo: applications, payments and data here are not real.');
  await expectNoAxeViolations(page);
});

const AREA_FIRST_SCREENS: [string, string][] = [
  ['/dich-vu-cong', 'Thủ tục hành chính'],
  ['/dich-vu-cong/khai-sinh', 'Thủ tục hành chính'],
  ['/tra-cuu', 'Tra cứu hồ sơ'],
  ['/hoi-dap', 'Hỏi đáp'],
  ['/ky-nang-so', 'Kỹ năng số'],
  ['/du-lich', 'Du lịch Mỹ Tho'],
  ['/thanh-toan/ho-so/MTS-000101-0001', 'Thanh toán lệ phí'],
];

test("each area's page shows its own heading before the app arrives", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [path, heading] of AREA_FIRST_SCREENS) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
    await expect(page.locator('footer a[href="tel:1022"]')).toHaveText('1022');
  }
  await context.close();
});

// The pages whose largest text is in their first screen: the app must not paint a larger one later, so
// their Largest Contentful Paint is the page's first paint. (A procedure's page and the payment page
// draw their largest text from the API.)
const LARGEST_IN_FIRST_SCREEN = ['/', '/dich-vu-cong', '/tra-cuu', '/hoi-dap', '/ky-nang-so', '/du-lich', '/phan-anh'];

test('nothing jumps when the app takes over a page on a slow connection (layout shift < 0.05), and its largest text comes with the page', async ({ browser }) => {
  test.slow();
  for (const [path] of [['/'], ...AREA_FIRST_SCREENS, ['/phan-anh']]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // A slow mobile link, so the first screen is painted well before the app replaces it.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 90_000 });
    await page.addInitScript(() => {
      (window as any).shift = 0;
      (window as any).largest = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) (window as any).largest.push({ at: e.startTime, what: `${e.element?.tagName}.${e.element?.className} ${e.element?.textContent?.slice(0, 40)}` });
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(path);
    await appReady(page, 45_000);
    await page.waitForLoadState('networkidle');
    const shift = await page.evaluate(() => (window as any).shift);
    expect(shift, path).toBeLessThan(0.05);
    if (LARGEST_IN_FIRST_SCREEN.includes(path)) {
      const firstPaint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
      const largest: { at: number; what: string }[] = await page.evaluate(() => (window as any).largest);
      // Over this link the app takes over seconds after the first paint.
      expect(largest.filter((e) => e.at > firstPaint + 200), `${path}: painted later and larger than the first screen`).toEqual([]);
    }
    await context.close();
  }
});

// src/boot.js asks for the app's files once the first screen is painted (the page holds their hints
// inert till then), so nothing competes with that paint; an area's page still asks for all its files
// at once, by those hints, not one after another as the app comes to need them.
test("a page asks for the app's files only after its first paint, and for all of its area's at once", async ({ browser }) => {
  for (const [path, own] of [['/', 'mytho-so_bg.wasm'], ['/hoi-dap', 'faq.json'], ['/phan-anh', 'split___reports_area_view']]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(path);
    await appReady(page);
    const { paint, files } = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      files: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => /\.wasm$|^\/(faq|lessons|tourism)\.json$/.test(new URL(e.name).pathname))
        .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, by: e.initiatorType })),
    }));
    expect(files.some((f) => f.name.includes(own)), `${path}: ${JSON.stringify(files)}`).toBe(true);
    for (const file of files) {
      expect(file.start, `${path}: ${file.name} asked for before the first paint (${paint} ms)`).toBeGreaterThanOrEqual(paint);
      // (The report form reads the guide's places later, when it needs them.)
      if (file.name.endsWith('.wasm')) expect(file.by, `${path}: ${file.name} not asked for by the page's hints`).toBe('link');
    }
    await context.close();
  }
});

// With no paint reported (the observer silenced here), a page out of sight (a tab opened in the
// background) starts at once, since it has no paint to wait for; one in sight starts by the 2 s fallback.
test('a page out of sight asks for the app at once; one whose paint is never reported, after 2 s', async ({ browser }) => {
  for (const [visibility, from, to] of [['hidden', 0, 1500], ['visible', 1950, 10_000]] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript((visibility) => {
      PerformanceObserver.prototype.observe = () => {};
      Object.defineProperty(document, 'visibilityState', { get: () => visibility });
    }, visibility);
    await page.goto('/hoi-dap');
    await appReady(page);
    // From the moment boot.js had come (it runs right after) to the first wasm asked for.
    const wait = await page.evaluate(() => {
      const files = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const boot = files.find((e) => e.name.endsWith('/boot.js'))!;
      return Math.min(...files.filter((e) => e.name.endsWith('.wasm')).map((e) => e.startTime)) - boot.responseEnd;
    });
    expect(wait, visibility).toBeGreaterThanOrEqual(from);
    expect(wait, visibility).toBeLessThan(to);
    await context.close();
  }
});

// The app draws its shell and its page in two tasks, so that neither holds up a tap for long on a slow
// phone (src/lib.rs `start`); in between, the first screen's content stays in the app's <main>.
test("while the app takes over, the page's heading never leaves the screen: the shell comes first, then the page", async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = ((window as any).seen = []);
    // Called once each task's changes are done (a microtask), so it sees every state a frame could paint.
    new MutationObserver(() => {
      const main = document.querySelector('main');
      const shell = document.querySelector('.lang-switch') ? 'app' : 'first-screen';
      const headings = [...(main?.querySelectorAll('h1') ?? [])].map((h) => (h.closest('.first-screen') ? 'first-screen' : h.id));
      seen.push(`${shell} h1=${headings.join(',') || 'none'}`);
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/phan-anh');
  await appReady(page);
  await expect(page.locator('#report-title')).toHaveText('Phản ánh');
  const seen: string[] = await page.evaluate(() => (window as any).seen);
  const states = [...new Set(seen.filter((s) => s.startsWith('app')))];
  // The shell came first, with the first screen's heading in its <main>, then the page's own; never an
  // empty <main>, never two headings.
  expect(states).toEqual(['app h1=first-screen', 'app h1=report-title']);
});

test('a search typed before the app arrives is kept, with the focus, when the app takes over', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Hold the app back until the visitor has typed.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/app-[0-9a-f]+\/boot\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  // The page is not "loaded" while its script is held: go on as soon as it arrives.
  await page.goto('/dich-vu-cong', { waitUntil: 'commit' });
  await page.getByLabel('Tìm thủ tục').fill('khai sinh');
  await expect(page.getByLabel('Tìm thủ tục')).toBeFocused();
  release();
  await appReady(page);
  await expect(page.getByLabel('Tìm thủ tục')).toHaveValue('khai sinh');
  await expect(page.getByLabel('Tìm thủ tục')).toBeFocused();
  // It is the app's own field now: searching finds the procedure.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?q=khai%20sinh$/);
  await expect(page.getByRole('link', { name: /khai sinh/i }).first()).toBeVisible();
  await context.close();
});

test("without JavaScript, the catalogue's search form still searches: it is a plain form to the same address", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/dich-vu-cong');
  await page.getByLabel('Tìm thủ tục').fill('hộ tịch');
  await page.getByRole('button', { name: 'Tìm' }).click();
  await expect(page).toHaveURL(/\/dich-vu-cong\?q=h/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thủ tục hành chính');
  await context.close();
});
