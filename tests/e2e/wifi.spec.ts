import { expect, expectNoAxeViolations, test } from './helpers';

// Every request that would leave the gateway's origin (the Wi-Fi controller) is answered here, so no
// traffic goes anywhere but the test gateway.
async function captureOutside(context: any, base: string) {
  const outside: { method: string; url: string; body: string | null }[] = [];
  await context.route((url: URL) => !url.href.startsWith(base), (route: any) => {
    const r = route.request();
    outside.push({ method: r.method(), url: r.url(), body: r.postData() });
    return route.fulfill({ status: 200, contentType: 'text/plain', body: 'connected' });
  });
  return outside;
}

test('the Wi-Fi page works with JavaScript off and Connect posts what the controller expects', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const outside = await captureOutside(context, baseURL!);
  const page = await context.newPage();
  const response = await page.goto('/wifi');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chào mừng bạn đến Mỹ Tho');
  await expect(page.getByRole('heading', { name: 'Điểm nổi bật' })).toBeVisible();
  await expect(page.locator('main a[href^="geo:"]')).toHaveCount(3);
  await expect(page.getByLabel('Đường dẫn hướng dẫn du lịch')).toHaveValue(`${baseURL}/du-lich`);
  await page.getByRole('button', { name: 'Kết nối' }).click();
  await expect.poll(() => outside.length).toBe(1);
  expect(outside[0]).toEqual({ method: 'POST', url: 'http://10.5.50.1/login', body: 'accept_terms=yes' });
  await context.close();
});

test('the Wi-Fi page in English, with storage blocked, accessible and usable at 320 px', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  await captureOutside(context, baseURL!);
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  const page = await context.newPage();
  await page.goto('/wifi');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/wifi\?lang=en$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await context.close();
});
