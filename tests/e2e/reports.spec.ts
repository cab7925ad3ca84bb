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
    const stamp = Date.now();
    const theirs = await neighboursReport(request, `Cột đèn số 7 không sáng ${stamp}`);
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
    await expect(summary).toContainText('Hãy dùng vị trí của bạn, chạm vào sơ đồ, hoặc nhập địa chỉ');
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
    // (Named by this run's stamp: an earlier run's neighbour may still be open on the same database.)
    await expect(nearby.getByRole('link', { name: new RegExp(`Cột đèn số 7.*${stamp}`) })).toHaveAttribute('href', `/phan-anh/${theirs}`);
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
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912 345 678');
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
    // On the sketch too, numbered as in the list.
    const number = await item.getAttribute('value');
    await expect(page.locator(`.map__marker[href="/phan-anh/${id}"]`)).toHaveText(number!);
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
    await page.getByLabel('Address').fill('Bến Chương Dương');
    await page.getByLabel('Phone number').fill('12345');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await expect(page.locator('.error-summary')).toContainText('A phone number has 10 digits');
    // Without a point, the ward is needed to find the place.
    await expect(page.locator('.error-summary')).toContainText('Choose the ward where it is');
    await page.getByLabel('Ward', { exact: true }).selectOption('Phường Mỹ Tho');
    await expectNoAxeViolations(page);
    await page.getByLabel('Phone number').fill('');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await expect(page.getByRole('heading', { name: 'Report sent' })).toBeVisible();
    await expect(page.locator('.summary-list')).toContainText('Bến Chương Dương, Phường Mỹ Tho');
    await expect(page.locator('.summary-list')).toContainText('Open');
    await noSidewaysScroll(page);
    await expectNoAxeViolations(page);
  });
});

/**
 * A second, different Open311 server, in its own process: numeric service codes, nulls everywhere,
 * a wrapped list, string booleans, and a token (not an id) for a posted report, as real servers do.
 * The page reaches it on its own origin (the CSP stays strict): its `/khac-311/` requests are passed on
 * to that process.
 */
function startOtherServer(): Promise<{ url: string; posted: string[]; stop: () => void }> {
  const { spawn } = require('node:child_process');
  const code = `
    const http = require('node:http');
    const services = { services: [{ service_code: 101, service_name: 'Pothole', description: null, metadata: 'true', type: 'realtime', keywords: null, group: null, extra: { a: 1 } }] };
    const definition = { service_code: 101, attributes: [
      { variable: 'true', code: 7, datatype: 'SingleValueList', required: 'true', datatype_description: null, order: 1, description: 'How big?', values: [{ key: 1, name: 'Small' }, { key: 2, name: 'Large' }] },
    ] };
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const send = (status, value) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(value)); };
        const path = req.url.split('?')[0];
        if (path === '/services.json') return send(200, services);
        if (path === '/services/101.json') return send(200, definition);
        if (path === '/requests.json' && req.method === 'POST') { process.stdout.write('POST ' + body + '\\n'); return send(200, [{ token: 'T-4242', service_notice: null }]); }
        if (path.startsWith('/requests')) return send(200, [{ service_request_id: 4242, status: 'Open', status_notes: null, service_name: 'Pothole', service_code: 101, lat: null, long: null, address: 'Main St', media_url: null, requested_datetime: null }]);
        send(404, [{ code: 404, description: 'Not here' }]);
      });
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write('PORT ' + server.address().port + '\\n'));
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', code]);
    const posted: string[] = [];
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line.startsWith('PORT ')) resolve({ url: `http://127.0.0.1:${line.slice(5)}`, posted, stop: () => child.kill() });
        if (line.startsWith('POST ')) posted.push(line.slice(5));
      }
    });
  });
}

test('the app speaks Open311 to another server: numeric codes, nulls, a token for the report', async ({ page }) => {
  test.slow();
  const other = await startOtherServer();
  try {
    await page.route('**/config.json', async (route) => {
      const real = await (await route.fetch()).json();
      real.reports = { base_url: '/khac-311', api_key: 'their-key' };
      await route.fulfill({ json: real });
    });
    await page.route('**/khac-311/**', async (route) => {
      const url = new URL(route.request().url());
      const response = await route.fetch({ url: other.url + url.pathname.replace('/khac-311', '') + url.search });
      await route.fulfill({ response });
    });
    await page.goto('/phan-anh');
    await appReady(page);
    await page.getByLabel('Pothole').check();
    await expect(page.getByText('How big?')).toBeVisible();
    await page.getByLabel('Large').check();
    await page.getByLabel('Địa chỉ').fill('Main St 12');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await expect(page).toHaveURL(/\/phan-anh\/T-4242\?moi=1$/);
    await expect(page.locator('.summary-list')).toContainText('Pothole');
    await expect(page.locator('.summary-list')).toContainText('Main St');
    expect(other.posted).toHaveLength(1);
    const sent = new URLSearchParams(other.posted[0]);
    expect([sent.get('api_key'), sent.get('service_code'), sent.get('attribute[7]'), sent.get('address_string')]).toEqual(['their-key', '101', '2', 'Main St 12']);
    await expectNoAxeViolations(page);
  } finally {
    other.stop();
  }
});

/** The reports of the last 90 days whose description is this one, as anyone can read them. */
async function reportsDescribed(request: APIRequestContext, description: string): Promise<any[]> {
  const all = await (await request.get('/open311/v2/requests.json?page_size=200')).json();
  return all.filter((r: any) => r.description === description);
}

/** Opens the form with the service chosen that asks no required question. */
async function startReport(page: Page) {
  await page.goto('/phan-anh');
  await appReady(page);
  await page.getByLabel(/Xây dựng không phép/).check();
}

test.describe('offline, at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a place tapped on the map; a report sent offline waits, and goes exactly once when the connection returns', async ({ page, context, request }) => {
    test.slow();
    await startReport(page);
    const map = page.locator('#report-map');
    await map.click({ position: { x: 120, y: 80 } });
    const status = page.locator('#report-location-status');
    await expect(status).toContainText('Đã chọn trên sơ đồ, sai số khoảng');
    await expect(page.locator('.map__pin')).toBeVisible();
    // The keyboard moves the point too.
    const before = await status.textContent();
    await map.focus();
    await page.keyboard.press('ArrowRight');
    await expect(status).not.toHaveText(before!);
    await expectNoAxeViolations(page);

    const description = `Lấn chiếm vỉa hè trước số 12 ${Date.now()}`;
    await page.getByLabel('Mô tả').fill(description);
    await page.getByLabel(/Giữ phản ánh này trên thiết bị này/).check();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const queued = page.locator('.notice--queued');
    await expect(queued).toContainText('Chưa gửi được: mất kết nối');
    await expect(queued).toContainText('cho đến khi gửi xong, kể cả khi bạn đóng trang');
    await expect(page.locator('#report-refused')).toBeFocused();
    await expectNoAxeViolations(page);
    // Nothing typed is lost, and the waiting report is on the device (the citizen agreed).
    await expect(page.getByLabel('Mô tả')).toHaveValue(description);
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('mts.report-draft')!));
    expect(kept.queued).toBe(true);
    expect(await reportsDescribed(request, description)).toHaveLength(0);

    await context.setOffline(false);
    await expect(page).toHaveURL(/\/phan-anh\/[A-Z0-9]{8}\?moi=1$/);
    const id = (await page.locator('#report-number').textContent())!.trim();
    const made = await reportsDescribed(request, description);
    expect(made.map((r) => r.service_request_id)).toEqual([id]);
    expect(made[0].lat).toBeGreaterThan(10);
    expect(await page.evaluate(() => localStorage.getItem('mts.report-draft'))).toBeNull();
  });

  test('an answer lost on the way: the resend carries the same key, and the city has one report', async ({ page, request }) => {
    test.slow();
    await startReport(page);
    const description = `Xây lấn ra lòng rạch ${Date.now()}`;
    await page.getByLabel('Mô tả').fill(description);
    await page.getByLabel('Địa chỉ').fill('Rạch Bảo Định, gần cầu Quây');
    await page.getByLabel('Phường', { exact: true }).selectOption('Phường Mỹ Tho');
    // The first post reaches the gateway, which makes the report; its answer never reaches the phone.
    const keys: string[] = [];
    await page.route('**/open311/v2/requests.json', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.fallback();
    });
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await expect(page.locator('.notice--queued')).toContainText('Hãy để trang này mở cho đến khi gửi xong');
    expect(await reportsDescribed(request, description)).toHaveLength(1);

    await page.getByRole('button', { name: 'Thử gửi ngay' }).click();
    await expect(page).toHaveURL(/\/phan-anh\/[A-Z0-9]{8}\?moi=1$/);
    const id = (await page.locator('#report-number').textContent())!.trim();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const made = await reportsDescribed(request, description);
    expect(made.map((r) => r.service_request_id)).toEqual([id]);
    expect(made[0].address).toBe('Rạch Bảo Định, gần cầu Quây, Phường Mỹ Tho');
  });
});

test('a draft comes back after a reload; the ward is asked for; the reports this device sent, by ward, then forgotten', async ({ page, request }) => {
  test.slow();
  const neighbours = await neighboursReport(request, `Đèn tắt ở Mỹ Tho ${Date.now()}`);
  await startReport(page);
  const description = `Dựng mái che lấn lối đi ${Date.now()}`;
  await page.getByLabel('Mô tả').fill(description);
  await page.getByLabel('Địa chỉ').fill('Hẻm 5 đường Lý Thường Kiệt');
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('Hãy chọn phường nơi xảy ra');
  await expectNoAxeViolations(page);
  await summary.getByRole('link', { name: 'Hãy chọn phường nơi xảy ra' }).click();
  await expect(page.locator('#report-ward')).toBeFocused();

  // A reload (a phone that closed the tab, a battery that died) loses nothing typed.
  await page.reload();
  await appReady(page);
  await expect(page.locator('.notice--restored')).toContainText('đã được mở lại');
  await expect(page.getByLabel('Mô tả')).toHaveValue(description);
  await expect(page.getByLabel('Địa chỉ')).toHaveValue('Hẻm 5 đường Lý Thường Kiệt');
  await expect(page.getByLabel(/Xây dựng không phép/)).toBeChecked();
  await expectNoAxeViolations(page);

  await page.getByLabel('Phường', { exact: true }).selectOption('Phường Đạo Thạnh');
  await page.getByLabel(/Giữ phản ánh này trên thiết bị này/).check();
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await expect(page).toHaveURL(/\/phan-anh\/[A-Z0-9]{8}\?moi=1$/);
  const id = (await page.locator('#report-number').textContent())!.trim();

  await page.getByRole('link', { name: 'Xem các phản ánh gần đây' }).click();
  const mine = page.getByRole('region', { name: 'Phản ánh bạn đã gửi từ thiết bị này' });
  await expect(mine.getByRole('link', { name: id })).toHaveAttribute('href', `/phan-anh/${id}`);
  await expect(mine).toContainText('Xây dựng không phép');
  const ours = page.locator('.report-list__item', { has: page.locator(`a[href="/phan-anh/${id}"]`) });
  const theirs = page.locator('.report-list__item', { has: page.locator(`a[href="/phan-anh/${neighbours}"]`) });
  await expect(theirs).toBeVisible();
  await page.getByLabel('Lọc theo phường').selectOption('Phường Đạo Thạnh');
  await expect(ours).toBeVisible();
  await expect(theirs).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByLabel('Lọc theo phường').selectOption('Phường Trung An');
  await expect(ours).toHaveCount(0);
  await page.getByLabel('Lọc theo phường').selectOption('');
  await expect(ours).toBeVisible();

  await page.getByRole('button', { name: 'Xoá danh sách này khỏi thiết bị' }).click();
  await expect(mine).toHaveCount(0);
  await expect(page.locator('#main')).toBeFocused();
  expect(await page.evaluate(() => localStorage.getItem('mts.reports'))).toBeNull();
  // The report itself stays public.
  await expect(ours).toBeVisible();
});
