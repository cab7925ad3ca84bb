import * as fs from 'node:fs';
import { appReady, continueStep, expect, expectNoAxeViolations, test, switchOff } from './helpers';
import { FAKE_PDF, PDF } from './files';

test.afterEach(async ({ problems }) => {
  expect(problems).toEqual([]);
});

test('a learner follows a lesson step by step, in larger text, and takes its quiz with explanations', async ({ page }) => {
  await page.goto('/ky-nang-so');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kỹ năng số');
  await expect(page.locator('.cards .card')).toHaveCount(8);
  await expectNoAxeViolations(page);

  // Larger text for older eyes, remembered on the device.
  const larger = page.getByRole('button', { name: 'Chữ lớn' });
  await larger.click();
  await expect(larger).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/text-large/);

  await page.getByRole('link', { name: '1. Làm quen với điện thoại' }).click();
  await expect(page.getByText('Bước 1 trên 4')).toBeVisible();
  await expect(page.locator('.lesson-step__text')).toContainText('Chạm nhẹ một lần');
  await page.getByRole('link', { name: 'Tiếp', exact: true }).click();
  await expect(page.getByText('Bước 2 trên 4')).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(page.getByText('Bước 2 trên 4')).toBeVisible();
  await expect(page.locator('html')).toHaveClass(/text-large/);
  await page.goBack();
  await expect(page.getByText('Bước 1 trên 4')).toBeVisible();
  await page.goForward();
  await page.getByRole('link', { name: 'Tiếp', exact: true }).click();
  await page.getByRole('link', { name: 'Tiếp', exact: true }).click();
  await expect(page.getByText('Bước 4 trên 4')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Làm bài ôn tập' }).click();

  // Nothing chosen: the GOV.UK error summary, focused, one link per question.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ôn tập');
  await page.getByRole('button', { name: 'Nộp bài' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveCount(3);
  await expect(page).toHaveTitle(/^Lỗi: /);
  await expectNoAxeViolations(page);
  await page.getByLabel('Bấm Quay lại').check();
  await page.getByLabel('Mua điện thoại mới').check();
  await page.getByLabel('Gửi mật khẩu, mã OTP qua tin nhắn lạ').check();
  await page.getByRole('button', { name: 'Nộp bài' }).click();
  await expect(page.locator('#quiz-result')).toContainText('Bạn trả lời đúng 2 trên 3');
  await expect(page.locator('#quiz-result')).toContainText('Bạn đã đạt bài này.');
  await expect(page.locator('.quiz-feedback--wrong')).toContainText('Tăng cỡ chữ trong Cài đặt');
  await expect(page.locator('.quiz-feedback--wrong')).toContainText('Mọi điện thoại đều cho tăng cỡ chữ');
  await expect(page.locator('.quiz-feedback--right')).toHaveCount(2);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Về danh sách bài học' }).click();
  await expect(page.locator('.cards .card').first()).toContainText('Đã học · Điểm 2/3');
  await page.getByRole('link', { name: /Giấy chứng nhận \(1\/8\)/ }).click();
  await expect(page.getByText('Số bài đã học: 1/8')).toBeVisible();
});

test('finishing every lesson gives a printable certificate with the learner\'s name and the date', async ({ page }) => {
  test.slow();
  await page.goto('/ky-nang-so');
  await appReady(page);
  const links = page.locator('.cards .card h2 a');
  // The lessons arrive after the page: count them once they are drawn (a slow machine showed none).
  await expect(links).toHaveCount(8);
  const count = await links.count();
  const hrefs: string[] = [];
  for (let i = 0; i < count; i++) hrefs.push((await links.nth(i).getAttribute('href'))!);
  const content = JSON.parse(fs.readFileSync('public/lessons.json', 'utf8'));
  const take = async (href: string, pick: (answer: number, options: number) => number) => {
    const lesson = content.lessons.find((l: any) => href.endsWith(`/${l.id}`));
    await page.goto(`${href}/kiem-tra`);
    await appReady(page);
    const questions = page.locator('fieldset');
    await expect(questions).toHaveCount(lesson.quiz.length);
    for (let q = 0; q < lesson.quiz.length; q++) {
      const { answer, options } = lesson.quiz[q];
      await questions.nth(q).locator('input').nth(pick(answer, options.length)).check();
    }
    await page.getByRole('button', { name: 'Nộp bài' }).click();
    await expect(page.locator('#quiz-result')).toBeVisible();
  };
  // The pass mark is said before the quiz; every answer wrong is finished but not passed.
  await page.goto(`${hrefs[0]}/kiem-tra`);
  await appReady(page);
  await expect(page.getByText(/Để đạt bài này, cần trả lời đúng ít nhất \d\/\d câu/)).toBeVisible();
  await take(hrefs[0], (answer, n) => (answer + 1) % n);
  await expect(page.locator('#quiz-result')).toContainText('Bạn chưa đạt');
  for (const href of hrefs) await take(href, (answer) => answer);
  await expect(page.locator('#quiz-result')).toContainText('Bạn đã đạt bài này.');
  await page.goto('/ky-nang-so');
  await appReady(page);
  await expect(page.locator('.cards')).not.toContainText('Chưa đạt');
  await page.goto('/ky-nang-so/chung-nhan');
  await appReady(page);
  await page.getByLabel('Họ và tên ghi trên giấy chứng nhận').fill('Trần Thị Mười');
  const certificate = page.locator('.certificate');
  await expect(certificate).toContainText('GIẤY CHỨNG NHẬN');
  await expect(certificate).toContainText('Trần Thị Mười');
  await expect(certificate).toContainText(/Ngày hoàn thành: \d{2}\/\d{2}\/\d{4}/);
  await expect(page.getByRole('button', { name: 'In giấy chứng nhận' })).toBeVisible();
  await expectNoAxeViolations(page);
  // The name is printed, not kept.
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('Mười');
});

test('the presenter view moves with the arrow keys and a clicker\'s Page Down', async ({ page }) => {
  await page.goto('/ky-nang-so/an-toan');
  await appReady(page);
  await page.getByRole('link', { name: 'Trình chiếu bài này (cho người hướng dẫn)' }).click();
  await expect(page.locator('.presenter__meta')).toContainText('Bước 1 trên 4');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Mã OTP là chìa khóa');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.presenter__meta')).toContainText('Bước 2 trên 4');
  await page.keyboard.press('PageDown');
  await expect(page.locator('.presenter__meta')).toContainText('Bước 3 trên 4');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.presenter__meta')).toContainText('Bước 2 trên 4');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(page.locator('.presenter__meta')).toContainText('Bước 4 trên 4');
  await expectNoAxeViolations(page);
});

test('a trainer starts a class, two learners join with the code (one loses the Wi-Fi and syncs later), and the dashboard follows them until the class ends', async ({ page, browser, baseURL }) => {
  test.slow();
  await page.goto('/ky-nang-so');
  await appReady(page);
  await page.getByRole('link', { name: 'Người hướng dẫn: mở lớp học' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lớp học');
  await page.getByLabel('Bài học của lớp').selectOption('an-toan');
  await page.getByRole('button', { name: 'Bắt đầu lớp học' }).click();
  const code = (await page.locator('.class-code strong').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
  await page.getByRole('button', { name: 'Hiện mã QR để vào lớp' }).click();
  await expect(page.getByRole('img', { name: 'Mã QR mở trang vào lớp' })).toBeVisible();
  // It stays shown through the dashboard's refreshes (it is on the projector).
  await page.waitForResponse((r) => r.url().includes(`/api/v1/classes/${code}`) && r.request().method() === 'GET');
  await expect(page.getByRole('img', { name: 'Mã QR mở trang vào lớp' })).toBeVisible();
  await expect(page.getByText('Chưa có học viên nào vào lớp.')).toBeVisible();
  await expectNoAxeViolations(page);

  // On the projector: the presenter view shows the same code and, on demand, the join QR, which stays
  // while the trainer moves on (Space on the button shows it rather than turning the page).
  await page.goto('/ky-nang-so/an-toan/trinh-chieu');
  await appReady(page);
  await expect(page.locator('.class-code strong')).toHaveText(code);
  await page.getByRole('button', { name: 'Hiện mã QR để vào lớp' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('img', { name: 'Mã QR mở trang vào lớp' })).toBeVisible();
  await expect(page.locator('.presenter__meta')).toContainText('Bước 1 trên 4');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.presenter__meta')).toContainText('Bước 2 trên 4');
  await expect(page.getByRole('img', { name: 'Mã QR mở trang vào lớp' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/ky-nang-so/lop-hoc');
  await appReady(page);
  await expect(page.locator('.class-code strong')).toHaveText(code);

  // Two phones: one types the code, one opens the QR's address.
  const learners = [];
  for (const [name, viaQr] of [['Cô Năm', false], ['Anh Sáu', true]] as const) {
    const context = await browser.newContext({ baseURL, locale: 'vi-VN' });
    const phone = await context.newPage();
    await phone.goto(viaQr ? `/ky-nang-so/vao-lop?ma=${code}` : '/ky-nang-so');
    await appReady(phone);
    if (!viaQr) {
      await phone.getByRole('link', { name: 'Vào lớp học bằng mã' }).click();
      await phone.getByRole('button', { name: 'Vào lớp' }).click();
      await expect(phone.locator('.error-summary')).toContainText('Mã lớp có 6 ký tự');
      await expect(phone.locator('.error-summary')).toContainText('Hãy nhập tên hiển thị');
      await expectNoAxeViolations(phone);
      await phone.getByLabel('Mã lớp').fill(code.toLowerCase().replace('-', ' '));
    }
    await phone.getByLabel('Tên hiển thị').fill(name);
    await phone.getByRole('button', { name: 'Vào lớp' }).click();
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText('An toàn trên mạng');
    await expect(phone.getByText(`Bạn đang học trong lớp ${code}`)).toBeVisible();
    learners.push({ context, phone });
  }
  // Cô Năm reads on and takes the quiz; Anh Sáu stays on step 1.
  const nam = learners[0].phone;
  await nam.getByRole('link', { name: 'Tiếp', exact: true }).click();
  await nam.getByRole('link', { name: 'Tiếp', exact: true }).click();
  await expect(nam.getByText('Bước 3 trên 4')).toBeVisible();
  await nam.goto('/ky-nang-so/an-toan/kiem-tra');
  await appReady(nam);
  await nam.getByLabel('Không đưa mã, cúp máy').check();
  await nam.getByLabel('dichvucong.gov.vn', { exact: true }).check();
  await nam.getByLabel('Bấm ngay').check();
  await nam.getByRole('button', { name: 'Nộp bài' }).click();
  await expect(nam.locator('#quiz-result')).toContainText('Bạn trả lời đúng 2 trên 3');

  // The dashboard refreshes by itself.
  const rows = page.locator('table tbody tr');
  await expect(rows).toHaveCount(2, { timeout: 15_000 });
  await expect(rows.filter({ hasText: 'Cô Năm' })).toContainText('2: 2/3', { timeout: 15_000 });
  await expect(rows.filter({ hasText: 'Anh Sáu' })).toContainText('1');
  await expectNoAxeViolations(page);

  // The hall's Wi-Fi drops for Anh Sáu: the lesson and its quiz go on, and the class hears of it once back.
  const sau = learners[1];
  await sau.context.setOffline(true);
  for (const n of [2, 3, 4]) {
    await sau.phone.getByRole('link', { name: 'Tiếp', exact: true }).click();
    await expect(sau.phone.getByText(`Bước ${n} trên 4`)).toBeVisible();
  }
  await sau.phone.getByRole('link', { name: 'Làm bài ôn tập' }).click();
  await sau.phone.getByLabel('Không đưa mã, cúp máy').check();
  await sau.phone.getByLabel('dichvucong.gov.vn', { exact: true }).check();
  await sau.phone.getByLabel('Bỏ qua, xóa tin nhắn').check();
  await sau.phone.getByRole('button', { name: 'Nộp bài' }).click();
  await expect(sau.phone.locator('#quiz-result')).toContainText('Bạn trả lời đúng 3 trên 3');
  await page.waitForTimeout(5_000); // more than one dashboard refresh, while the phone is offline
  await expect(rows.filter({ hasText: 'Anh Sáu' })).not.toContainText('3/3');
  await sau.context.setOffline(false);
  await expect(rows.filter({ hasText: 'Anh Sáu' })).toContainText('2: 3/3', { timeout: 15_000 });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải danh sách (CSV)' }).click();
  const csv = await download;
  expect(csv.suggestedFilename()).toBe(`lop-${code}.csv`);
  // Byte for byte as the gateway sent it: the UTF-8 byte-order mark that Excel needs for Vietnamese names.
  const bytes = fs.readFileSync(await csv.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8')).toContain('Anh Sáu');
  await page.getByRole('button', { name: 'Kết thúc lớp' }).click();
  await expect(page.getByText('Lớp đã kết thúc')).toBeVisible();

  // A latecomer is told the class has ended.
  const late = learners[1].phone;
  await late.goto(`/ky-nang-so/vao-lop?ma=${code}`);
  await appReady(late);
  await late.getByLabel('Tên hiển thị').fill('Muộn');
  await late.getByRole('button', { name: 'Vào lớp' }).click();
  await expect(late.locator('.error-summary')).toContainText('Lớp học này đã kết thúc.');
  // The message is tied to the box for screen readers, as on every other form.
  await expect(late.getByLabel('Mã lớp')).toHaveAttribute('aria-describedby', 'join-code-hint join-code-error');
  for (const l of learners) await l.context.close();
});

test('"Thử ngay": a practice copy of a real form checks like the real one, keeps its own draft and sends nothing', async ({ page }) => {
  test.slow();
  // Anything but reading sent to the gateway's API would be a submission or an upload.
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/') && r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`);
  });
  await page.goto('/ky-nang-so/chup-giay-to?buoc=4');
  await appReady(page);
  const offer = page.locator('.notice').filter({ hasText: 'bản tập' });
  await expect(offer).toBeVisible();
  await expectNoAxeViolations(page);
  await offer.getByRole('link', { name: 'Thử ngay' }).click();

  // The real form's first step, on the practice's own address, saying what it is.
  await expect(page).toHaveURL('/dich-vu-cong/chung-thuc-ban-sao/tap/document');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.practice-banner')).toContainText('không gửi hồ sơ hay tệp nào đi');
  await expect(page.getByRole('button', { name: 'Tiếp tục trên thiết bị khác' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The same rules and messages as the real form (procedures.spec.ts), files included.
  await page.getByLabel('Tên giấy tờ').fill('Bằng tốt nghiệp trung học phổ thông');
  await page.getByLabel('Số trang của bản chính').fill('abc');
  await page.getByLabel('Số bản sao cần chứng thực').fill('3');
  const file = page.getByLabel('Ảnh chụp hoặc bản quét bản chính');
  await file.setInputFiles({ name: 'bang.pdf', mimeType: 'application/pdf', buffer: FAKE_PDF });
  await expect(page.locator('#f-scan-error')).toContainText('chỉ nhận ảnh (JPG, PNG, WebP) hoặc tệp PDF');
  await file.setInputFiles({ name: 'bang.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByText('Đã đính kèm: bang.pdf')).toBeVisible();
  await continueStep(page);
  await expect(page.locator('.error-summary')).toContainText('Số trang của bản chính chỉ gồm chữ số');
  await expectNoAxeViolations(page);
  await page.getByLabel('Số trang của bản chính').fill('10');
  await continueStep(page);

  // Kept on the device apart from real drafts: a reload loses nothing.
  await page.getByLabel('Họ và tên người yêu cầu').fill('Phan Văn Sáu');
  await page.getByLabel('Số định danh cá nhân của người yêu cầu').fill('082090123456');
  await page.getByLabel('Số điện thoại di động').fill('0912');
  await continueStep(page);
  await expect(page.locator('.error-summary')).toContainText('Số điện thoại');
  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('Họ và tên người yêu cầu')).toHaveValue('Phan Văn Sáu');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mts.draft.')))).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('mts.practice.chung-thuc-ban-sao'))).toContain('Phan Văn Sáu');
  await page.getByLabel('Số điện thoại di động').fill('0912 345 600');
  await continueStep(page);

  // The check page: answers, the fee, the declaration; no "keep my details", and Finish in place of Submit.
  await expect(page.locator('.practice-banner')).toBeVisible();
  await expect(page.locator('.notice').filter({ hasText: 'Lệ phí' })).toContainText('36.000 đ');
  await expect(page.getByLabel(/Lưu họ tên/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Nộp hồ sơ' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Xong bản tập' }).click();
  await expect(page.locator('.error-summary')).toContainText('Hãy đánh dấu vào ô cam đoan');
  await expectNoAxeViolations(page);
  await page.getByLabel(/Tôi cam đoan/).check();
  await page.getByRole('button', { name: 'Xong bản tập' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn đã điền xong bản tập');
  await expect(page.getByText('không có hồ sơ nào được gửi đi')).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => localStorage.getItem('mts.practice.chung-thuc-ban-sao'))).toBeNull();
  expect(sent).toEqual([]);

  await page.getByRole('link', { name: 'Quay lại bài học' }).click();
  await expect(page).toHaveURL('/ky-nang-so/chup-giay-to?buoc=4');
  await appReady(page);
  await expect(page.getByText('Bước 4 trên 4')).toBeVisible();

  // In English too, still leading back to the lesson it came from.
  await page.goto('/dich-vu-cong/khai-sinh/tap/child?lang=en');
  await appReady(page);
  await expect(page.locator('.practice-banner')).toContainText('sends no application and no files');
  await expect(page.getByRole('link', { name: 'Back to the lesson' })).toHaveAttribute('href', '/ky-nang-so/chup-giay-to?buoc=4');
  expect(sent).toEqual([]);
});

test('a city that switches online procedures off offers no practice forms', async ({ page, problems }) => {
  await switchOff(page, 'procedures');
  await page.goto('/ky-nang-so/nop-ho-so?buoc=2');
  await appReady(page);
  await expect(page.getByText('Bước 2 trên 4')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Thử ngay' })).toHaveCount(0);
  await page.goto('/dich-vu-cong/khai-sinh/tap/child');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  problems.length = 0;
});
