import { appReady, expect, expectNoAxeViolations, test } from './helpers';

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
  await expect(page.locator('#quiz-result')).toHaveText('Bạn trả lời đúng 2 trên 3');
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
  const count = await links.count();
  const hrefs: string[] = [];
  for (let i = 0; i < count; i++) hrefs.push((await links.nth(i).getAttribute('href'))!);
  for (const href of hrefs) {
    await page.goto(`${href}/kiem-tra`);
    await appReady(page);
    const questions = page.locator('fieldset');
    await expect(questions.first()).toBeVisible();
    for (let q = 0; q < (await questions.count()); q++) await questions.nth(q).locator('input').first().check();
    await page.getByRole('button', { name: 'Nộp bài' }).click();
    await expect(page.locator('#quiz-result')).toBeVisible();
  }
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
