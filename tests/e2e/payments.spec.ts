import { APIRequestContext } from '@playwright/test';
import { appReady, expect, expectNoAxeViolations, fillPersonStep, test } from './helpers';

const OFFICER = { authorization: 'Bearer e2e-officer-token-0123456789abcdef' };

test.afterEach(async ({ problems }) => {
  expect(problems).toEqual([]);
});

/** A permanent-residence dossier (fee 10.000 đ) submitted through the API, as its receipt says. */
async function residenceDossier(request: APIRequestContext): Promise<string> {
  const r = await request.post('/api/v1/dossiers', {
    data: {
      procedure_id: 'thuong-tru',
      idempotency_key: `e2e-pay-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
      answers: {
        name: 'Phạm Văn Hùng', 'dob.day': '10', 'dob.month': '8', 'dob.year': '1990', sex: 'male',
        id_number: '082090123456', address: '12 Hùng Vương', ward: '28261', basis: 'owner',
        phone: '0987 654 321',
      },
    },
  });
  expect(r.status()).toBe(201);
  return (await r.json()).code;
}

test('a fee paid through the provider: cancelled first, then paid, as the gateway records it', async ({ page, request }) => {
  // A long journey: more time before giving up on a busy machine (never a speed check).
  test.slow();
  const code = await residenceDossier(request);
  await page.goto(`/thanh-toan/ho-so/${code}`);
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thanh toán lệ phí');
  await expectNoAxeViolations(page);
  // No receipt on this device: the second factor is asked for and checked first.
  await page.getByRole('button', { name: /VNPay/ }).click();
  await expect(page.locator('#pay-phone-error')).toContainText('4 chữ số cuối');
  await page.getByLabel('4 số cuối số điện thoại').fill('4321');

  await page.getByRole('button', { name: /VNPay/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cổng thanh toán mô phỏng (VNPay 2.1.0)');
  await expect(page.getByText('10000 đ')).toBeVisible();
  await page.getByRole('button', { name: 'Khách hàng hủy giao dịch' }).click();
  await expect(page).toHaveURL(/\/thanh-toan\/ket-qua\?/);
  const cancelled = page.url();
  await appReady(page);
  await expect(page.locator('.error-panel')).toContainText('Đã hủy thanh toán');
  await expect(page.getByText('Bạn chưa bị trừ tiền')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Chọn cách thanh toán khác hoặc thử lại' }).click();
  await appReady(page);
  await page.getByLabel('4 số cuối số điện thoại').fill('4321');
  await page.getByRole('button', { name: /VNPay/ }).click();
  await page.getByRole('button', { name: 'Thanh toán thành công' }).click();
  await appReady(page);
  // The receipt (biên lai) of what the gateway recorded, printable.
  await expect(page.getByRole('heading', { name: 'Biên lai thanh toán' })).toBeVisible();
  await expect(page.locator('.panel--confirmation')).toContainText('Đã thanh toán – 10.000 đ');
  await expect(page.locator('.summary-list')).toContainText('VNPay');
  await expect(page.locator('.summary-list')).toContainText('Thời điểm thanh toán');
  await expect(page.getByRole('button', { name: 'In biên nhận' })).toBeVisible();
  await expectNoAxeViolations(page);

  const listed = await request.get(`/api/v1/dossiers/${code}/payments`, { headers: { 'x-phone-last4': '4321' } });
  expect((await listed.json()).map((p: any) => p.status)).toEqual(['paid', 'cancelled']);

  // Tracking shows the fee as paid.
  await page.goto(`/tra-cuu?ma=${code}`);
  await appReady(page);
  await page.getByLabel('4 số cuối số điện thoại').fill('4321');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.locator('.tracking')).toContainText('10.000 đ – Đã thanh toán');
  await expect(page.locator('.timeline')).toContainText('Đã thanh toán lệ phí 10.000 đ');
  await expect(page.locator('.tracking').getByRole('link', { name: 'Thanh toán lệ phí' })).toHaveCount(0);
});

test('an altered return address never shows "paid"', async ({ page, request, problems }) => {
  const code = await residenceDossier(request);
  await page.goto(`/thanh-toan/ho-so/${code}`);
  await appReady(page);
  await page.getByLabel('4 số cuối số điện thoại').fill('4321');
  await page.getByRole('button', { name: /VNPay/ }).click();
  await page.getByRole('button', { name: 'Khách hàng hủy giao dịch' }).click();
  await expect(page).toHaveURL(/vnp_ResponseCode=24/);
  await page.goto(page.url().replace('vnp_ResponseCode=24', 'vnp_ResponseCode=00'));
  await appReady(page);
  await expect(page.getByText('Không xác minh được kết quả thanh toán trả về')).toBeVisible();
  await expect(page.locator('.panel--confirmation')).toHaveCount(0);
  // No "try again" of the same failing check: the way on is this dossier's tracking.
  await expect(page.getByRole('button', { name: 'Thử lại' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Tra cứu hồ sơ này' }).click();
  await expect(page).toHaveURL(`/tra-cuu?ma=${code}`);
  await appReady(page);
  await expect(page.getByLabel('Mã hồ sơ')).toHaveValue(code);
  // The gateway's 400 for the altered parameters is logged by Chromium; it is the point here.
  problems.length = 0;
});

test('a fee paid by VietQR stays pending until the treasury confirms it', async ({ page, request }) => {
  const code = await residenceDossier(request);
  // From tracking: the fee is not paid yet, and the link opens the payments page.
  await page.goto(`/tra-cuu?ma=${code}`);
  await appReady(page);
  await page.getByLabel('4 số cuối số điện thoại').fill('4321');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.locator('.tracking')).toContainText('10.000 đ – Chưa thanh toán');
  await page.locator('.tracking').getByRole('link', { name: 'Thanh toán lệ phí' }).click();
  await expect(page).toHaveURL(`/thanh-toan/ho-so/${code}`);
  await appReady(page);
  await page.getByLabel('4 số cuối số điện thoại').fill('4321');
  await page.getByRole('button', { name: /VietQR/ }).click();
  await expect(page.getByRole('img', { name: 'Mã QR chuyển khoản' })).toBeVisible();
  const details = page.locator('.summary-list').last();
  await expect(details).toContainText('0011001234567');
  await expect(details).toContainText(code);
  // The bank by name; the amount as people read it, copied as the bank app wants it.
  await expect(details).toContainText('Vietcombank (970436)');
  await expect(details).toContainText('10.000 đ');
  await expect(details).not.toContainText('10000');
  // What the copy button hands the clipboard (the page may write it, never read it).
  await page.evaluate(() => {
    navigator.clipboard.writeText = (t: string) => { (window as any).copied = t; return Promise.resolve(); };
  });
  await details.getByRole('button', { name: 'Sao chép Số tiền' }).click();
  expect(await page.evaluate(() => (window as any).copied)).toBe('10000');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Kiểm tra trạng thái thanh toán' }).click();
  await expect(page.getByText('Chờ xác nhận thanh toán')).toBeVisible();
  const payments = await (await request.get(`/api/v1/dossiers/${code}/payments`, { headers: { 'x-phone-last4': '4321' } })).json();
  const confirm = await request.post(`/api/v1/officer/payments/${payments[0].txn_ref}/received`, { headers: OFFICER });
  expect(confirm.status()).toBe(200);
  // Nobody presses anything: the open page checks again by itself and says so.
  await expect(page.locator('.panel--confirmation')).toContainText('Đã thanh toán', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: /VietQR/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a dossier with a fee, submitted in the browser, is paid from its receipt and shows paid on the timeline', async ({ page }) => {
  // A long journey: more time before giving up on a busy machine (never a speed check).
  test.slow();
  await page.goto('/dich-vu-cong/thuong-tru');
  await appReady(page);
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await fillPersonStep(page, { name: 'Phạm Văn Hùng', dob: ['10', '8', '1990'], sex: 'Nam', id: '082090123456' });
  await page.getByLabel('Số nhà, đường, khu phố').fill('12 Hùng Vương, khu phố 1');
  await page.getByLabel('Chủ sở hữu chỗ ở').check();
  // The ward is chosen from today's list, found here by an old commune's name typed without accents.
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  await expect(page.locator('.error-summary')).toContainText('Hãy tìm và chọn phường, xã trong danh sách phường, xã hiện nay');
  await page.getByLabel('Tìm theo tên hiện nay hoặc tên cũ').fill('tan my chanh');
  await page.getByLabel('Tìm theo tên hiện nay hoặc tên cũ').press('Enter');
  await page.getByLabel('Phường Mỹ Phong (gồm Xã Tân Mỹ Chánh, TP. Mỹ Tho cũ)').check();
  await expect(page.getByText('Đã chọn: Phường Mỹ Phong')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  await page.getByLabel('Số điện thoại di động').fill('0987 654 321');
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  await expect(page.locator('.summary-list').nth(1)).toContainText('Phường Mỹ Phong');
  await page.getByLabel(/Tôi cam đoan/).check();
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã nộp hồ sơ');
  const code = (await page.locator('.receipt-code').textContent())!.trim();

  // Straight from the receipt: the second factor is already known on this device.
  await page.getByRole('link', { name: 'Thanh toán lệ phí (10.000 đ)' }).click();
  await expect(page).toHaveURL(`/thanh-toan/ho-so/${code}`);
  await appReady(page);
  await expect(page.getByLabel('4 số cuối số điện thoại')).toHaveValue('4321');
  await expect(page.locator('.summary-list').first()).toContainText('Đăng ký thường trú');
  await page.getByRole('button', { name: /VNPay/ }).click();
  await page.getByRole('button', { name: 'Thanh toán thành công' }).click();
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Biên lai thanh toán' })).toBeVisible();

  await page.goto(`/tra-cuu?ma=${code}`);
  await appReady(page);
  await page.getByLabel('4 số cuối số điện thoại').fill('4321');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.locator('.timeline')).toContainText('Đã thanh toán lệ phí 10.000 đ');
});

test('/thanh-toan on its own says a fee is paid from its application, and leads to tracking', async ({ page }) => {
  await page.goto('/thanh-toan');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thanh toán lệ phí');
  await expect(page.getByText('Lệ phí được thanh toán theo từng hồ sơ.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pay the fee');
  await page.getByRole('link', { name: 'Track an application' }).last().click();
  await expect(page).toHaveURL(/\/tra-cuu$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Track an application');
});
