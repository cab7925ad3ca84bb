import { appReady, expect, expectNoAxeViolations, fillPersonStep, test, continueStep } from './helpers';
import { cameraPhoto, FAKE_PDF, jpegSize, progressReached, watchProgress } from './files';

const OFFICER = { authorization: 'Bearer e2e-officer-token-0123456789abcdef' };

test.afterEach(async ({ problems }) => {
  expect(problems).toEqual([]);
});

test('a citizen finds, fills, submits, tracks and corrects a birth registration', async ({ page, request }) => {
  // A long journey: more time before giving up on a busy machine (never a speed check).
  test.slow();
  await page.goto('/');
  await appReady(page);
  await page.locator('.site-nav').getByRole('link', { name: 'Dịch vụ công', exact: true }).click();
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thủ tục hành chính');
  await expect(page.getByRole('link', { name: 'Đăng ký khai sinh' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Found by typing without accents.
  await page.getByLabel('Tìm thủ tục').fill('lam giay khai sinh');
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await expect(page).toHaveURL(/\?q=lam%20giay%20khai%20sinh/);
  await expect(page.locator('.procedure-list a').first()).toHaveText('Đăng ký khai sinh');
  await page.locator('.procedure-list a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng ký khai sinh');
  await expect(page.getByText('Giấy tờ cần có')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();

  // Step 1: nothing typed → the GOV.UK error summary, focused, and "Lỗi: " in the title.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thông tin trẻ');
  await expect(page.getByText('Bước 1 trên 5')).toBeVisible();
  await continueStep(page);
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveCount(6);
  // A choice asks to select, a text box to type.
  await expect(summary).toContainText('Hãy chọn giới tính');
  await expect(summary).toContainText('Hãy nhập nơi sinh');
  await expect(page).toHaveTitle(/^Lỗi: Thông tin trẻ/);
  await expectNoAxeViolations(page);
  // A name goes onto a certificate: an emoji is named for the user to remove.
  await page.getByLabel('Họ, chữ đệm và tên của trẻ').fill('Nguyễn Thị Bình 👶');
  await continueStep(page);
  await expect(page.locator('#f-child_name-error')).toContainText('chỉ gồm chữ cái (có dấu hoặc không), dấu cách');
  await expect(page.locator('#f-child_name-error')).toContainText('hãy xoá “👶”');
  await expect(page.getByLabel('Họ, chữ đệm và tên của trẻ')).toHaveValue('Nguyễn Thị Bình 👶');
  await page.getByLabel('Họ, chữ đệm và tên của trẻ').fill('Nguyễn Thị Bình');
  await page.getByLabel('Ngày', { exact: true }).fill('1');
  await page.getByLabel('Tháng', { exact: true }).fill('3');
  await page.getByLabel('Năm', { exact: true }).fill('2025');
  await page.getByLabel('Nữ').check();
  await page.getByLabel('Nơi sinh').fill('Bệnh viện Đa khoa Tiền Giang');
  await page.getByLabel('Dân tộc').fill('Kinh');
  await page.getByLabel('Quốc tịch').fill('Việt Nam');
  await continueStep(page);

  // Step 2: a wrong ID number is explained, and what was typed stays.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thông tin người mẹ');
  await page.getByLabel('Họ và tên người mẹ').fill('Trần Thị Cúc');
  await page.getByLabel('Số định danh cá nhân của người mẹ').fill('08219512345');
  await continueStep(page);
  await expect(summary).toContainText('có 12 chữ số; bạn đã nhập 11');
  await expect(page.locator('#f-mother_id-error')).toContainText('có 12 chữ số; bạn đã nhập 11');
  await expectNoAxeViolations(page);
  await summary.getByRole('link').first().click();
  await expect(page.getByLabel('Số định danh cá nhân của người mẹ')).toBeFocused();
  await expect(page.getByLabel('Họ và tên người mẹ')).toHaveValue('Trần Thị Cúc');

  // A reload half-way loses nothing.
  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('Họ và tên người mẹ')).toHaveValue('Trần Thị Cúc');
  await expect(page.getByLabel('Số định danh cá nhân của người mẹ')).toHaveValue('08219512345');
  await page.getByLabel('Số định danh cá nhân của người mẹ').fill('082195123456');
  // The parents' residence, with today's ward picked from the list (found by an old name).
  await page.getByLabel('Năm sinh của người mẹ').fill('1995');
  await page.getByLabel('Nơi cư trú của người mẹ: số nhà, đường, khu phố').fill('25 Lê Lợi, khu phố 3');
  await page.getByLabel('Tìm theo tên hiện nay hoặc tên cũ').fill('phuong 5');
  await page.getByLabel('Tìm theo tên hiện nay hoặc tên cũ').press('Enter');
  // Several towns had a Phường 5: the city's own comes first and says it was Mỹ Tho's.
  const hits = page.locator('.radios__label');
  await expect(hits.first()).toHaveText('Phường Đạo Thạnh (gồm Phường 5, TP. Mỹ Tho cũ)');
  expect(await hits.count()).toBeGreaterThan(1);
  for (const other of (await hits.allTextContents()).slice(1)) expect(other).toContain('(gồm Phường 5 ở nơi khác trong tỉnh)');
  await page.getByLabel('Phường Đạo Thạnh (gồm Phường 5, TP. Mỹ Tho cũ)').check();
  await continueStep(page);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thông tin người cha');
  await continueStep(page);

  // The birth notice: required; a program posing as a PDF is refused at once; a 12 MP photo goes up
  // small, with a progress bar, and stays attached through a reload.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Giấy tờ đính kèm');
  await continueStep(page);
  await expect(summary).toContainText('Giấy chứng sinh: hãy đính kèm ảnh chụp hoặc tệp PDF');
  await expectNoAxeViolations(page);
  const notice = page.getByLabel('Giấy chứng sinh', { exact: true });
  await notice.setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: FAKE_PDF });
  await expect(page.locator('#f-birth_notice-error')).toContainText('chỉ nhận ảnh (JPG, PNG, WebP) hoặc tệp PDF');
  await expectNoAxeViolations(page);
  const photo = await cameraPhoto(page);
  expect(photo.length).toBeGreaterThan(3_000_000);
  await watchProgress(page);
  await notice.setInputFiles({ name: 'giay-chung-sinh.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.locator('.form-group').first().locator('.file-status')).toContainText('Đã đính kèm: giay-chung-sinh.jpg', { timeout: 20_000 });
  await expect(page.locator('#f-birth_notice-error')).toHaveCount(0);
  expect(await progressReached(page)).toBe(100);
  await expectNoAxeViolations(page);
  await page.reload();
  await appReady(page);
  await expect(page.getByText(/Đã đính kèm: giay-chung-sinh\.jpg \(\d+ KB\)/)).toBeVisible();
  await continueStep(page);

  await page.getByLabel('Họ và tên người đi đăng ký').fill('Trần Thị Cúc');
  await page.getByLabel('Số định danh cá nhân của người đi đăng ký').fill('082195123456');
  await page.getByLabel('Số điện thoại di động').fill('0912 345 678');
  await continueStep(page);

  // Check your answers; a Change link goes back to the field and returns here.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra thông tin trước khi nộp');
  await expect(page.locator('.summary-list').first()).toContainText('01/03/2025');
  await expect(page.locator('.summary-list').first()).toContainText('Nữ');
  await expect(page.locator('.summary-list').nth(3)).toContainText('giay-chung-sinh.jpg');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Thay đổi Họ, chữ đệm và tên của trẻ' }).click();
  await page.getByLabel('Họ, chữ đệm và tên của trẻ').fill('Nguyễn Thị Bảo Bình');
  await continueStep(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra thông tin trước khi nộp');
  await expect(page.locator('.summary-list').first()).toContainText('Nguyễn Thị Bảo Bình');

  // The declaration is required.
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(summary).toContainText('Hãy đánh dấu vào ô cam đoan');
  await expectNoAxeViolations(page);
  await page.getByLabel(/Tôi cam đoan/).check();

  // The first answer is lost on the way back: the app sends again with the same key, and the
  // gateway answers with the dossier it already made.
  let posts = 0;
  let firstCode = '';
  await page.route('**/api/v1/dossiers', async (route) => {
    posts += 1;
    if (posts === 1) {
      const response = await route.fetch();
      firstCode = (await response.json()).code;
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã nộp hồ sơ', { timeout: 15_000 });
  const code = (await page.locator('.receipt-code').textContent())!.trim();
  expect(posts).toBe(2);
  expect(code).toMatch(/^MTS-\d{6}-[2-9A-HJKMNP-Z]{6}$/);
  expect(code).toBe(firstCode);
  // The access key, shown once, as text and as a QR code, and kept with the receipt on this device.
  const accessKey = (await page.locator('.receipt-key').textContent())!.trim();
  expect(accessKey).toMatch(/^([2-9A-HJKMNP-Z]{4}-){3}[2-9A-HJKMNP-Z]{4}$/);
  await expect(page.getByRole('img', { name: 'Mã QR chứa mã hồ sơ và mã truy cập' })).toBeVisible();
  await expect(page.getByText('Ngày hẹn trả kết quả')).toBeVisible();
  // What reached the office is the photo made smaller in the browser: 2000 × 1500, well under 1 MB.
  expect((await request.get(`/api/v1/dossiers/${code}/answers`, { headers: { 'x-phone-last4': '5678' } })).status()).toBe(401);
  const stored = await request.get(`/api/v1/dossiers/${code}/answers`, { headers: { 'x-access-key': accessKey } });
  const uploadId = (await stored.json()).answers.birth_notice;
  const file = await request.get(`/api/v1/officer/dossiers/${code}/attachments/${uploadId}`, { headers: OFFICER });
  expect(file.status()).toBe(200);
  const sent = await file.body();
  expect(jpegSize(sent)).toEqual({ width: 2000, height: 1500 });
  expect(sent.length).toBeLessThan(1_000_000);
  // Birth registration is free: no payment step.
  await expect(page.getByRole('link', { name: /Thanh toán lệ phí/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // The draft is gone once submitted.
  expect(await page.evaluate(() => localStorage.getItem('mts.draft.khai-sinh'))).toBeNull();
  // Nothing personal is kept without the box ticked.
  expect(await page.evaluate(() => localStorage.getItem('mts.profile'))).toBeNull();

  // Tracking needs the second factor; the timeline shows the official status.
  await page.getByRole('link', { name: 'Tra cứu hồ sơ này' }).click();
  await expect(page.getByLabel('Mã hồ sơ')).toHaveValue(code);
  await page.getByLabel('4 số cuối số điện thoại').fill('5678');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.locator('.timeline')).toContainText('Mới nộp');
  await expectNoAxeViolations(page);

  // The office asks for more; the citizen sees why and resubmits without retyping.
  for (const body of [
    { status: 'received' },
    { status: 'awaiting_supplement', note: { vi: 'Ghi rõ nơi sinh theo giấy chứng sinh', en: 'Give the place of birth as on the birth certificate' } },
  ]) {
    const r = await request.post(`/api/v1/officer/dossiers/${code}/status`, { headers: OFFICER, data: body });
    expect(r.status()).toBe(200);
  }
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.locator('.tag--status')).toHaveText('Chờ bổ sung hồ sơ');
  await expect(page.locator('.tracking')).toContainText('Ghi rõ nơi sinh theo giấy chứng sinh');
  // On the phone that submitted, the key kept with the receipt is used: nothing more to type.
  await expect(page.getByLabel('Mã truy cập hồ sơ')).toHaveCount(0);
  await page.getByRole('button', { name: 'Bổ sung hồ sơ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thông tin trẻ');
  await expect(page.getByText(/Bạn đang sửa hồ sơ theo yêu cầu bổ sung/)).toBeVisible();
  await expect(page.getByLabel('Họ, chữ đệm và tên của trẻ')).toHaveValue('Nguyễn Thị Bảo Bình');
  await expect(page.getByLabel('Năm', { exact: true })).toHaveValue('2025');
  await page.getByLabel('Nơi sinh').fill('Bệnh viện Đa khoa Trung tâm Tiền Giang, phường Mỹ Tho');
  for (let i = 0; i < 5; i++) await continueStep(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra thông tin trước khi nộp');
  await page.getByLabel(/Tôi cam đoan/).check();
  await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã gửi bổ sung');
  await expect(page.locator('.receipt-code')).toHaveText(code);

  const tracked = await request.get(`/api/v1/dossiers/${code}`, { headers: { 'x-phone-last4': '5678' } });
  expect((await tracked.json()).status).toBe('processing');
});

test('on another phone the access key typed from the paper receipt opens the supplement; a wrong key is explained', async ({ page, request }) => {
  const answers = {
    name: 'Trần Thị Bình', 'dob.day': '5', 'dob.month': '3', 'dob.year': '1995', sex: 'female', id_number: '082195123456',
    history: 'divorced', divorce_ref: '12/2020/QĐST-HNGĐ', purpose: 'marriage', phone: '0912 345 678',
  };
  const submitted = await request.post('/api/v1/dossiers', {
    data: { procedure_id: 'xac-nhan-hon-nhan', idempotency_key: `k-other-phone-${Date.now()}`, answers },
  });
  expect(submitted.status()).toBe(201);
  const { code, access_key: accessKey } = await submitted.json();
  for (const body of [
    { status: 'received' },
    { status: 'awaiting_supplement', note: { vi: 'Ghi số bản án ly hôn theo bản sao', en: 'Give the judgment number as on the copy' } },
  ]) {
    expect((await request.post(`/api/v1/officer/dossiers/${code}/status`, { headers: OFFICER, data: body })).status()).toBe(200);
  }
  // Secrets travel in headers: no address the app asks for holds the digits or the key.
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));

  await page.goto(`/tra-cuu?ma=${code}`);
  await appReady(page);
  // This phone kept an old receipt whose key no longer opens the dossier: the page asks for the paper's.
  await page.evaluate(([c]) => localStorage.setItem(`mts.receipt.${c}`, JSON.stringify({
    receipt: { code: c, procedure_id: 'xac-nhan-hon-nhan', status: 'submitted', submitted_at: '2026-12-01T00:00:00Z', appointment: '2026-12-04', access_key: 'ZZZZ-ZZZZ-ZZZZ-ZZZY' },
    procedure_name: { vi: 'Xác nhận tình trạng hôn nhân', en: 'Marital status' }, supplement: false,
  })), [code]);
  await page.getByLabel('4 số cuối số điện thoại').fill('5678');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.locator('.tag--status')).toHaveText('Chờ bổ sung hồ sơ');
  const keyBox = page.getByLabel('Mã truy cập hồ sơ');
  await expect(keyBox).toHaveCount(0);
  await page.getByRole('button', { name: 'Bổ sung hồ sơ' }).click();
  await expect(keyBox).toBeVisible();
  await expect(page.locator('.error-summary')).toContainText('mã truy cập không đúng');
  await expectNoAxeViolations(page);

  // Not typed, then mistyped, then another dossier's key: each explained at the field and in the summary.
  await page.getByRole('button', { name: 'Bổ sung hồ sơ' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('Hãy nhập mã truy cập hồ sơ');
  await keyBox.fill('ABCD-EFGH');
  await page.getByRole('button', { name: 'Bổ sung hồ sơ' }).click();
  await expect(summary).toContainText('Mã truy cập gồm 16 chữ và số');
  await keyBox.fill('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  await page.getByRole('button', { name: 'Bổ sung hồ sơ' }).click();
  await expect(summary).toContainText('mã truy cập không đúng');
  await expect(page.locator('#supplement-key-error')).toContainText('16 ký tự');
  await expect(keyBox).toHaveAttribute('aria-describedby', 'supplement-key-hint supplement-key-error');
  await expect(keyBox).toHaveValue('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  await expectNoAxeViolations(page);
  await summary.getByRole('link').first().click();
  await expect(keyBox).toBeFocused();

  // Typed as people type it: lower case, spaces.
  await keyBox.fill(accessKey.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: 'Bổ sung hồ sơ' }).click();
  await expect(page.getByText(/Bạn đang sửa hồ sơ theo yêu cầu bổ sung/)).toBeVisible();
  await expect(page.getByLabel('Họ và tên', { exact: true })).toHaveValue('Trần Thị Bình');
  for (const next of ['Tình trạng hôn nhân', 'Liên hệ', 'Kiểm tra thông tin trước khi nộp']) {
    await continueStep(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(next);
  }
  await page.getByLabel(/Tôi cam đoan/).check();
  await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã gửi bổ sung');
  const tracked = await request.get(`/api/v1/dossiers/${code}`, { headers: { 'x-phone-last4': '5678' } });
  expect((await tracked.json()).status).toBe('processing');
  const leaked = urls.filter((u) => u.includes('5678') || u.toUpperCase().includes(accessKey.slice(0, 4) + '-'));
  expect(leaked).toEqual([]);
});

test('tracking explains what to fix, in both languages', async ({ page }) => {
  await page.goto('/tra-cuu');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tra cứu hồ sơ');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['Hãy nhập mã hồ sơ', /Hãy nhập đúng 4 chữ số cuối/]);
  await expect(page).toHaveTitle(/^Lỗi: Tra cứu hồ sơ/);
  await expectNoAxeViolations(page);
  await page.getByLabel('Mã hồ sơ').fill('MTS-991231-0001');
  await page.getByLabel('4 số cuối số điện thoại').fill('0000');
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.getByText('Không tìm thấy hồ sơ với mã và 4 số cuối điện thoại này')).toBeVisible();
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Track an application');
  await expect(page.getByLabel('Application code')).toHaveValue('MTS-991231-0001');
  await expectNoAxeViolations(page);
});

test('drafts are listed, resumed here or on another device with a code, and deleted', async ({ page, browser }) => {
  await page.goto('/dich-vu-cong/xac-nhan-hon-nhan');
  await appReady(page);
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await page.getByLabel('Họ và tên', { exact: true }).fill('Lê Văn An');
  await page.goto('/tra-cuu/ho-so-dang-soan');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ đang soạn');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Cấp giấy xác nhận tình trạng hôn nhân' }).click();
  await expect(page.getByLabel('Họ và tên', { exact: true })).toHaveValue('Lê Văn An');

  // A resume code carries the draft to another device (a fresh browser context, no shared storage).
  await page.getByRole('button', { name: 'Tiếp tục trên thiết bị khác' }).click();
  const resume = (await page.locator('.draft-note .receipt-code').textContent())!.trim();
  expect(resume).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await expect(page.locator('.draft-note')).toContainText('Dùng được đến');
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'vi-VN' });
  const phone = await other.newPage();
  await phone.goto('/tra-cuu/ho-so-dang-soan');
  await appReady(phone);
  await phone.getByRole('button', { name: 'Mở bản nháp' }).click();
  await expect(phone.locator('#resume-code-error')).toContainText('Hãy nhập mã tiếp tục');
  await phone.getByLabel('Mã tiếp tục').fill(resume.toLowerCase().replace(/-/g, ' '));
  await phone.getByRole('button', { name: 'Mở bản nháp' }).click();
  await expect(phone.getByLabel('Họ và tên', { exact: true })).toHaveValue('Lê Văn An');
  await other.close();

  await page.getByRole('button', { name: 'Xoá bản nháp' }).click();
  await expect(page.getByText('Đã xoá bản nháp trên thiết bị này.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' })).toBeVisible();
  await page.goto('/tra-cuu/ho-so-dang-soan');
  await appReady(page);
  await expect(page.getByText('Chưa có hồ sơ nào đang soạn trên thiết bị này.')).toBeVisible();
});

test('a conditional question, a select, and a submission queued offline then sent when back online', async ({ page, context, problems }) => {
  await page.goto('/dich-vu-cong/xac-nhan-hon-nhan/nop/person');
  await appReady(page);
  await fillPersonStep(page, { name: 'Lê Văn An', dob: ['5', '3', '1995'], sex: 'Nam', id: '082095123456' });

  await expect(page.getByLabel('Số bản án hoặc quyết định ly hôn')).toHaveCount(0);
  await page.getByLabel('Đã ly hôn').check();
  await expect(page.getByLabel('Số bản án hoặc quyết định ly hôn')).toBeVisible();
  await page.getByLabel('Mục đích sử dụng').selectOption('marriage');
  await continueStep(page);
  await expect(page.locator('.error-summary')).toContainText('Hãy nhập số bản án hoặc quyết định ly hôn');
  await page.getByLabel('Số bản án hoặc quyết định ly hôn').fill('15/2020/QĐST-HNGĐ');
  await continueStep(page);
  await page.getByLabel('Số điện thoại di động').fill('0987 654 321');
  await continueStep(page);
  await expect(page.locator('.summary-list').nth(1)).toContainText('Đã ly hôn');
  await expect(page.locator('.summary-list').nth(1)).toContainText('Để đăng ký kết hôn');
  await page.getByLabel(/Tôi cam đoan/).check();

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page.locator('.error-panel')).toContainText('Không có kết nối mạng');
  await expect(page.locator('.error-panel')).toContainText('sẽ tự gửi lại khi có mạng');
  const draft = JSON.parse((await page.evaluate(() => localStorage.getItem('mts.draft.xac-nhan-hon-nhan')))!);
  expect(draft.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
  await expectNoAxeViolations(page);
  // Chromium logs the failed fetches while offline; they are the point of this test.
  problems.length = 0;
  await context.setOffline(false);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã nộp hồ sơ', { timeout: 15_000 });
  await expect(page.locator('.receipt-code')).toHaveText(/^MTS-\d{6}-[2-9A-HJKMNP-Z]{6}$/);
});

test('my details are kept only when I agree, fill the next form, and can be erased', async ({ page }) => {
  // A long journey: more time before giving up on a busy machine (never a speed check).
  test.slow();
  await page.goto('/dich-vu-cong/xac-nhan-hon-nhan/nop/person');
  await appReady(page);
  await fillPersonStep(page, { name: 'Võ Thị Mai', dob: ['20', '11', '1993'], sex: 'Nữ', id: '082193123456' });
  await page.getByLabel('Chưa từng kết hôn').check();
  await page.getByLabel('Mục đích sử dụng').selectOption('marriage');
  await continueStep(page);
  await page.getByLabel('Số điện thoại di động').fill('0912 000 111');
  await continueStep(page);
  await page.getByLabel(/Tôi cam đoan/).check();
  await page.getByLabel(/Lưu họ tên, số định danh/).check();
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã nộp hồ sơ');

  // Another procedure's form starts filled from them, and says so.
  await page.goto('/dich-vu-cong/thuong-tru/nop/person');
  await appReady(page);
  await expect(page.getByText('Một số ô đã được điền sẵn')).toBeVisible();
  await expect(page.getByLabel('Họ và tên', { exact: true })).toHaveValue('Võ Thị Mai');
  await expect(page.getByLabel('Năm', { exact: true })).toHaveValue('1993');
  await expect(page.getByLabel('Số định danh cá nhân')).toHaveValue('082193123456');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Thông tin của tôi' }).click();
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thông tin của tôi');
  await expect(page.locator('.summary-list')).toContainText('Võ Thị Mai');
  await expect(page.locator('.summary-list')).toContainText('20/11/1993');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Xoá thông tin của tôi' }).click();
  await expect(page.getByText('Đã xoá thông tin của bạn khỏi thiết bị này.')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('mts.profile'))).toBeNull();
  await page.goto('/dich-vu-cong/khai-sinh/nop/requester');
  await appReady(page);
  await expect(page.getByLabel('Họ và tên người đi đăng ký')).toHaveValue('');
});

test('a shared phone is cleared of everything the app kept, after a second question; language and text size stay', async ({ page }) => {
  const keys = () => page.evaluate(() => Object.keys(localStorage).sort());
  await page.goto('/tra-cuu/thong-tin-cua-toi');
  await appReady(page);
  await page.evaluate(() => {
    const kept: Record<string, string> = {
      'mts.draft.khai-sinh': '{}', 'mts.receipt.MTS-261123-0001': '{}', 'mts.profile': '{}', 'mts.practice.khai-sinh': '{}',
      'mts.practice-return': '/ky-nang-so', 'mts.lessons': '{"finished":{}}', 'mts.class.learner': '{}', 'mts.lang': 'vi',
      'mts.large-text': '1', 'another.site': 'x',
    };
    for (const [k, v] of Object.entries(kept)) localStorage.setItem(k, v);
  });
  await page.reload();
  await appReady(page);
  const erase = page.getByRole('button', { name: 'Xoá mọi dữ liệu trên thiết bị này' });
  await erase.click();
  await expect(page.locator('#erase-confirm')).toBeFocused();
  await expect(page.locator('#erase-confirm')).toContainText('ghi lại mã hồ sơ');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Không, giữ lại' }).click();
  expect(await keys()).toContain('mts.draft.khai-sinh');
  await erase.click();
  await page.getByRole('button', { name: 'Có, xoá hết' }).click();
  await expect(page.getByText('Đã xoá mọi dữ liệu của ứng dụng trên thiết bị này.')).toBeVisible();
  expect(await keys()).toEqual(['another.site', 'mts.lang', 'mts.large-text']);
  await expectNoAxeViolations(page);

  // The tracking page ("my applications") leads there.
  await page.goto('/tra-cuu');
  await appReady(page);
  await page.getByRole('link', { name: 'Mọi dữ liệu trên thiết bị này' }).click();
  await expect(page).toHaveURL('/tra-cuu/thong-tin-cua-toi');
});
