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
