import * as fs from 'node:fs';
import * as path from 'node:path';
import { appReady, continueStep, expect, expectNoAxeViolations, fillPersonStep, test, switchOff } from './helpers';

test.afterEach(async ({ problems }) => {
  expect(problems).toEqual([]);
});

// The real gateway refuses to start with a broken config.json, so these cases break the response on
// its way to the browser: the app must still explain itself when a city's server serves it badly.
test('a broken config.json shows a clear error page, not a blank screen', async ({ page, problems }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"app_name": ' }),
  );
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không khởi động được ứng dụng');
  await expect(page.getByRole('alert')).toContainText('không phải do bạn');
  await page.getByText('Chi tiết kỹ thuật').click();
  await expect(page.locator('pre.detail')).toContainText('config.json is not valid');
  await expect(page.getByRole('button', { name: 'Thử lại' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The app could not start');
  await expectNoAxeViolations(page);
  problems.length = 0;
});

test('a config.json that cannot be fetched is retried, then explained, and Try again recovers', async ({ page, problems }) => {
  let calls = 0;
  await page.route('**/config.json', (route) => {
    calls += 1;
    return route.fulfill({ status: 503, body: 'unavailable' });
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không khởi động được ứng dụng');
  // Idempotent GETs are retried with backoff before giving up (3 attempts by default).
  expect(calls).toBe(3);
  await expect(page.locator('pre.detail')).toContainText('Server');
  await page.unroute('**/config.json');
  problems.length = 0;
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn cần làm gì hôm nay?');
  problems.length = 0;
});

test('the whole shell works with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  // Name link, then the language switch.
  await page.keyboard.press('Shift+Tab');
  await page.goto('/');
  await appReady(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.locator('.lang-switch')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.keyboard.press('Tab');
  await expect(page.locator('.site-nav a').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administrative procedures');
});

for (const width of [320, 640]) {
  // 640 px is a 1280 px screen at 200 % zoom; 320 px is the WCAG reflow width.
  test(`usable at ${width} px wide: no sideways scrolling, targets at least 24 px`, async ({ page }) => {
    // 28 pages, each loaded afresh and checked by axe.
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    const pages = [
      '/', '/hoi-dap', '/khong-co', '/dich-vu-cong', '/dich-vu-cong/khai-sinh', '/dich-vu-cong/khai-sinh/nop/child',
      '/dich-vu-cong/khai-sinh/nop/kiem-tra', '/dich-vu-cong/khai-sinh/tap/child', '/dich-vu-cong/khai-sinh/tap/kiem-tra',
      '/dich-vu-cong/khai-sinh/tap/xong', '/ky-nang-so/nop-ho-so?buoc=2', '/tra-cuu', '/tra-cuu/ho-so-dang-soan', '/tra-cuu/thong-tin-cua-toi',
      '/thanh-toan/ho-so/MTS-000101-0001', '/du-lich', '/du-lich/dia-diem/cho-my-tho', '/du-lich/su-kien', '/du-lich/dac-san',
      '/ky-nang-so', '/ky-nang-so/vneid', '/ky-nang-so/vneid/kiem-tra', '/ky-nang-so/chung-nhan', '/ky-nang-so/vneid/trinh-chieu', '/ky-nang-so/lop-hoc', '/ky-nang-so/vao-lop',
      '/phan-anh', '/phan-anh/danh-sach',
    ];
    for (const path of pages) {
      await page.goto(path);
      await appReady(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      // Targets not inside a sentence must be at least 24×24 CSS px (WCAG 2.2 SC 2.5.8).
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('a, button, input, select, textarea')]
          .filter((el) => !el.closest('p') && !el.classList.contains('skip-link'))
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width > 0 && (r.width < 24 || r.height < 24))
          .map(({ el, r }) => `${el.textContent} ${r.width}x${r.height}`),
      );
      expect(small, `${path} small targets`).toEqual([]);
      await expectNoAxeViolations(page);
    }
  });
}

test('an area the city switches off in config.json leaves the navigation and answers 404', async ({ page, problems }) => {
  await switchOff(page, 'tourism');
  await page.goto('/');
  await appReady(page);
  await expect(page.locator('.site-nav a')).toHaveCount(5);
  await expect(page.locator('.site-nav')).not.toContainText('Du lịch');
  await expect(page.locator('main')).not.toContainText('Du lịch');
  await page.goto('/du-lich');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  problems.length = 0;
});

test('no payment secret or signing code reaches the browser', async ({ page, request }) => {
  const urls = new Set<string>(['/', '/config.json', '/faq.json']);
  page.on('request', (r) => urls.add(new URL(r.url()).pathname));
  // Every group of areas' page, and what each loads.
  for (const address of ['/', '/dich-vu-cong', '/tra-cuu', '/hoi-dap', '/thanh-toan/ho-so/MTS-000101-0001']) {
    await page.goto(address);
    await appReady(page);
  }
  // The main module and the modules of the four areas opened, all from the build's own folder.
  const wasm = [...urls].filter((u) => u.endsWith('.wasm'));
  expect(wasm.filter((u) => u.includes('/split_')).length).toBe(4);
  expect(wasm.every((u) => /^\/app-[0-9a-f]{16}\//.test(u))).toBe(true);
  // And every file of the build, loaded or not.
  for (const file of fs.readdirSync('dist', { recursive: true }) as string[]) {
    if (file.endsWith('.br') || file.endsWith('.gz') || fs.statSync(path.join('dist', file)).isDirectory()) continue;
    const text = fs.readFileSync(path.join('dist', file)).toString('latin1');
    expect(text, file).not.toContain('e2e-officer-token');
    expect(text, file).not.toContain('vnp_SecureHash');
  }
  for (const url of urls) {
    const body = await (await request.get(url, { headers: { 'accept-encoding': 'identity' } })).body();
    const text = body.toString('latin1');
    expect(text, url).not.toContain('e2e-officer-token');
    expect(text, url).not.toContain('vnp_SecureHash');
  }
});

test('one long word wraps on the check page at 320 px, and a long button stays one box at 390 px', async ({ page, request }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/dich-vu-cong/xac-nhan-hon-nhan/nop/person');
  await appReady(page);
  await fillPersonStep(page, { name: 'Lê Văn An', dob: ['5', '3', '1995'], sex: 'Nam', id: '082095123456' });
  await page.getByLabel('Chưa từng kết hôn').check();
  await page.getByLabel('Mục đích sử dụng').selectOption('marriage');
  await continueStep(page);
  await page.getByLabel('Số điện thoại di động').fill('0987 654 321');
  await page.getByLabel('Địa chỉ email').fill('nguyenhuynhthibaongocnguyenhuynh@gmail.com');
  await continueStep(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra thông tin trước khi nộp');
  await expect(page.locator('.summary-list').last()).toContainText('nguyenhuynhthibaongocnguyenhuynh@gmail.com');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the check page scrolls sideways').toBeLessThanOrEqual(0);

  // A link styled as a button is one box around its text, however many lines it takes.
  await page.setViewportSize({ width: 390, height: 800 });
  const answers = {
    name: 'Lê Văn Cường', 'dob.day': '1', 'dob.month': '2', 'dob.year': '1990', sex: 'male', id_number: '082090123456',
    address: '12 Hùng Vương', ward: '28261', basis: 'owner', phone: '0987 654 321',
  };
  const r = await request.post('/api/v1/dossiers', { data: { procedure_id: 'thuong-tru', idempotency_key: `k-wrap-${Date.now()}`, answers } });
  const code = (await r.json()).code;
  await page.goto(`/thanh-toan/ho-so/${code}`);
  await appReady(page);
  await page.getByLabel('4 số cuối số điện thoại').fill('4321');
  await page.getByRole('button', { name: /VNPay/ }).click();
  await page.getByRole('button', { name: 'Khách hàng hủy giao dịch' }).click();
  await appReady(page);
  const again = page.getByRole('link', { name: 'Chọn cách thanh toán khác hoặc thử lại' });
  await expect(again).toBeVisible();
  expect(await again.evaluate((el) => el.getClientRects().length)).toBe(1);
  expect(await again.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

// The browser parses answers (JSON.parse) and the app reads only the fields it knows: a newer server's
// extra fields break nothing, and an answer it cannot read is explained, with a way to try again.
test("a server's answer with fields the app does not know still works; one it cannot read is explained", async ({ page, problems }) => {
  let mode: 'extra' | 'html' | 'shape' = 'extra';
  await page.route('**/api/v1/procedures', async (route) => {
    const real = await (await route.fetch()).json();
    const body =
      mode === 'extra'
        ? JSON.stringify({ ...real, added_by_a_newer_server: [1, 2], procedures: real.procedures.map((p: object) => ({ ...p, extra: { x: 1 } })) })
        : mode === 'html'
          ? '<!doctype html><p>Bad gateway</p>'
          : JSON.stringify({ procedures: 'none' });
    return route.fulfill({ status: 200, contentType: 'application/json', body });
  });
  await page.goto('/dich-vu-cong');
  await appReady(page);
  await expect(page.locator('.procedure-list a')).toHaveCount(7);

  for (const broken of ['html', 'shape'] as const) {
    mode = broken;
    await page.reload();
    await appReady(page);
    await expect(page.getByRole('alert')).toContainText('Máy chủ trả về dữ liệu không đọc được.');
    await expect(page.locator('.procedure-list a')).toHaveCount(0);
  }
  mode = 'extra';
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await expect(page.locator('.procedure-list a')).toHaveCount(7);
  await expectNoAxeViolations(page);
  problems.length = 0;
});
