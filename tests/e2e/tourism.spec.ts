import { appReady, expect, expectNoAxeViolations, test } from './helpers';

test.afterEach(async ({ problems }) => {
  expect(problems).toEqual([]);
});

test('the guide lists the places, its own map shows them, and a marker opens the place with directions', async ({ page }) => {
  await page.goto('/du-lich');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du lịch Mỹ Tho');
  const places = page.locator('.place-list a');
  expect(await places.count()).toBeGreaterThanOrEqual(15);
  // One marker per place, drawn over the app's own sketch (no tile server: nothing but this origin).
  await expect(page.locator('.map__marker')).toHaveCount(await places.count());
  await expect(page.locator('.map svg polygon').first()).toBeAttached();
  await expectNoAxeViolations(page);

  const marker = page.locator('.map__marker', { hasText: /^3$/ });
  await expect(marker).toHaveAttribute('aria-label', '3. Chợ Mỹ Tho');
  await marker.click();
  await expect(page).toHaveURL('/du-lich/dia-diem/cho-my-tho');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chợ Mỹ Tho');
  await expect(page.locator('.summary-list')).toContainText('Phường Mỹ Tho');
  const directions = page.getByRole('link', { name: 'Chỉ đường' });
  // A geo: URI (RFC 5870) opens the phone's map app at the place.
  await expect(directions).toHaveAttribute('href', /^geo:10\.\d{5},106\.\d{5}\?q=10\.\d{5},106\.\d{5}\(Ch[^)]+\)$/);
  // And a web map of the same point for phones that do not open geo: links.
  await expect(page.getByRole('link', { name: /bản đồ trực tuyến/ })).toHaveAttribute('href', /^https:\/\/www\.openstreetmap\.org\/\?mlat=10\.\d{5}&mlon=106\.\d{5}#map=17\//);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Về trang du lịch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du lịch Mỹ Tho');
});

test('events: upcoming first, the past hidden; local products; everything in English too', async ({ page }) => {
  await page.goto('/du-lich/su-kien');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lễ hội và sự kiện');
  // The first Hủ tiếu festival (December 2024) is over: not listed.
  await expect(page.locator('.cards')).not.toContainText('2024');
  await expect(page.locator('.cards .card').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/du-lich/dac-san');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đặc sản và sản phẩm OCOP');
  await expect(page.locator('.lead')).toContainText('OCOP');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Local products and OCOP');
  await page.getByRole('link', { name: 'Back to the guide' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Visit My Tho');
  await expect(page.getByRole('heading', { name: 'Suggested itineraries' })).toBeVisible();
  await expect(page.locator('.map__marker').first()).toHaveAttribute('aria-label', /^1\. Vinh Trang Pagoda$/);
  await expectNoAxeViolations(page);
});

test('once opened, the guide keeps working offline', async ({ page, context, problems }) => {
  await page.goto('/du-lich');
  await appReady(page);
  await expect(page.locator('.map__marker').first()).toBeVisible();
  await context.setOffline(true);
  await page.locator('.place-list a', { hasText: 'Cồn Tân Long' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cồn Tân Long');
  await page.getByRole('link', { name: 'Về trang du lịch' }).click();
  await page.getByRole('link', { name: /Xem tất cả/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lễ hội và sự kiện');
  problems.length = 0;
  await context.setOffline(false);
});

for (const width of [390, 320]) {
  test(`at ${width} px the whole map is in sight: every marker whole inside it, no scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/du-lich');
    await appReady(page);
    const map = await page.locator('.map').boundingBox();
    expect(map!.width).toBeLessThanOrEqual(width);
    const markers = page.locator('.map__marker');
    expect(await markers.count()).toBeGreaterThanOrEqual(15);
    for (const box of await markers.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      expect(box.left).toBeGreaterThanOrEqual(map!.x);
      expect(box.right).toBeLessThanOrEqual(map!.x + map!.width + 0.5);
      expect(box.top).toBeGreaterThanOrEqual(map!.y);
      expect(box.bottom).toBeLessThanOrEqual(map!.y + map!.height + 0.5);
    }
    expect(await page.locator('.map').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });
}
