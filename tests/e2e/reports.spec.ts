import { APIRequestContext, Page } from '@playwright/test';
import { appReady, expect, expectNoAxeViolations, test } from './helpers';

const OFFICER = { authorization: 'Bearer e2e-officer-token-0123456789abcdef' };
const CENTRE = { latitude: 10.3522, longitude: 106.3669, accuracy: 12 };
// A 2×2 PNG, as a phone's photo reduced to its simplest.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d494844520000000200000002080600000072b60d240000001149444154789c63f8cfc0f01f8419600c0047ca07f967596eb70000000049454e44ae426082',
  'hex',
);

test.afterEach(async ({ problems }) => {
  expect(problems).toEqual([]);
});

/** What the app's config gives it to post with (the standard's api_key, not a secret). */
async function appKey(request: APIRequestContext): Promise<string> {
  return (await (await request.get('/config.json')).json()).reports.api_key;
}

/** A report already sent by a neighbour, through Open311 as any client would. */
async function neighboursReport(request: APIRequestContext, description: string): Promise<string> {
  const r = await request.post('/open311/v2/requests.json', {
    form: {
      api_key: await appKey(request), service_code: 'den-duong', lat: '10.35225', long: '106.36695',
      description, 'attribute[tinh-trang]': 'tat',
    },
  });
  expect(r.status()).toBe(201);
  return (await r.json())[0].service_request_id;
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe('with the location granted', () => {
  test.use({ geolocation: CENTRE, permissions: ['geolocation'], viewport: { width: 390, height: 844 } });

  test('a report with two photos, the service questions and the location; a neighbour\'s offered first; the status follows the ward', async ({ page, request }) => {
    test.slow();
    const theirs = await neighboursReport(request, `Cột đèn số 7 không sáng ${Date.now()}`);
    await page.goto('/phan-anh');
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phản ánh');
    await expect(page.getByText('tên và số điện thoại của bạn chỉ cán bộ phường xem')).toBeVisible();
    await expectNoAxeViolations(page);

    // Nothing chosen: the error summary names what is missing and links to it.
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Hãy chọn việc bạn muốn phản ánh');
    await expect(summary).toContainText('Hãy dùng vị trí của bạn hoặc nhập địa chỉ');
    await expectNoAxeViolations(page);
    await summary.getByRole('link', { name: 'Hãy chọn việc bạn muốn phản ánh' }).click();
    await expect(page.locator('#svc-0')).toBeFocused();

    await page.getByLabel(/Đèn đường hỏng/).check();
    await expect(page.getByText('Đèn thế nào?')).toBeVisible();
    await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    await expect(page.locator('#report-location-status')).toContainText('chính xác khoảng 12 m');
    // The neighbour's open report of the same kind, a few metres away, is offered before a new one.
    const nearby = page.getByRole('region', { name: 'Đã có người báo việc này?' });
    await expect(nearby).toBeVisible();
    await expect(nearby.getByRole('link', { name: /Cột đèn số 7/ })).toHaveAttribute('href', `/phan-anh/${theirs}`);
    await expectNoAxeViolations(page);

    // A required question left out is caught too.
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await expect(summary).toContainText('Hãy trả lời câu hỏi này: Đèn thế nào?');
    await page.getByLabel('Nhấp nháy').check();
    await page.getByLabel(/Số đèn bị hỏng/).fill('2');
    await page.getByLabel('Mô tả').fill('Hai đèn trước chợ Mỹ Tho nhấp nháy cả đêm');
    await expect(page.locator('#report-description-count')).toContainText('41 / 4000');
    for (const name of ['den-1.png', 'den-2.png']) {
      await page.locator('#report-photo').setInputFiles({ name, mimeType: 'image/png', buffer: PNG });
      await expect(page.locator('.report-photos')).toContainText(name);
    }
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();

    await expect(page).toHaveURL(/\/phan-anh\/[A-Z0-9]{8}\?moi=1$/);
    const id = (await page.locator('#report-number').textContent())!.trim();
    await expect(page.getByRole('heading', { name: 'Đã gửi phản ánh' })).toBeVisible();
    await expect(page.locator('.summary-list')).toContainText('Đang xử lý');
    await expect(page.locator('.summary-list')).toContainText('Hai đèn trước chợ Mỹ Tho');
    await expect(page.locator('img.report-photo')).toBeVisible();
    await expectNoAxeViolations(page);

    // What the server keeps in public: both photos, the point; never the phone.
    const record = (await (await request.get(`/open311/v2/requests/${id}.json`)).json())[0];
    expect(record.media_urls).toHaveLength(2);
    expect(record.lat).toBeCloseTo(10.3522, 4);
    expect(JSON.stringify(record)).not.toContain('0912');

    // The ward acts; the page shows it when refreshed.
    const done = await request.post(`/api/v1/officer/reports/${id}/status`, {
      headers: OFFICER, data: { status: 'closed', note: 'Đã thay hai bóng đèn ngày 2/12' },
    });
    expect(done.status()).toBe(204);
    await page.getByRole('button', { name: 'Tải lại tình trạng' }).click();
    await expect(page.locator('.summary-list')).toContainText('Đã xử lý xong');
    await expect(page.locator('.summary-list')).toContainText('Đã thay hai bóng đèn ngày 2/12');

    // The public list shows it with what the ward did.
    await page.getByRole('link', { name: 'Xem các phản ánh gần đây' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phản ánh gần đây');
    const item = page.locator('.report-list__item', { has: page.locator(`a[href="/phan-anh/${id}"]`) });
    await expect(item).toContainText('Đã xử lý xong');
    await expect(item).toContainText('Đã thay hai bóng đèn');
    await expectNoAxeViolations(page);
  });
});

test.describe('with the location refused, at 320 px, in English', () => {
  test.use({ permissions: [], viewport: { width: 320, height: 740 } });

  test('a report by address alone: the refusal never blocks it', async ({ page }) => {
    test.slow();
    await page.goto('/phan-anh');
    await appReady(page);
    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Report a problem');
    await noSidewaysScroll(page);
    await page.getByLabel(/Rubbish dumped or not collected/).check();
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect(page.locator('#report-location-status')).toContainText('Your location is not available');
    await page.getByLabel('Building rubble').check();
    await page.getByLabel('Address').fill('Bến Chương Dương, Phường Mỹ Tho');
    await page.getByLabel('Phone number').fill('12345');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await expect(page.locator('.error-summary')).toContainText('A phone number has 10 digits');
    await expectNoAxeViolations(page);
    await page.getByLabel('Phone number').fill('');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await expect(page.getByRole('heading', { name: 'Report sent' })).toBeVisible();
    await expect(page.locator('.summary-list')).toContainText('Bến Chương Dương');
    await expect(page.locator('.summary-list')).toContainText('Open');
    await noSidewaysScroll(page);
    await expectNoAxeViolations(page);
  });
});
