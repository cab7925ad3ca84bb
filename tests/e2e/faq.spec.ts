import { appReady, expect, expectNoAxeViolations, test } from './helpers';

test.afterEach(async ({ problems }) => {
  expect(problems).toEqual([]);
});

test('a question sent before the answers have loaded is kept and answered when they come', async ({ page }) => {
  let release = () => {};
  const held = new Promise<void>((done) => (release = done));
  await page.route('**/faq.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/hoi-dap');
  await appReady(page);
  const input = page.getByLabel('Câu hỏi của bạn');
  await input.fill('lam giay khai sanh cho con can gi');
  await input.press('Enter');
  // Not an error: the page says the question is in hand, and it stays in the box meanwhile.
  const waiting = page.locator('.chat-form [role="status"]');
  await expect(waiting).toHaveText('Đã nhận câu hỏi. Trợ lý sẽ trả lời ngay khi tải xong phần hỏi đáp.');
  await expect(page.locator('#faq-error')).toHaveCount(0);
  await expect(input).toHaveValue('lam giay khai sanh cho con can gi');
  await expect(input).toBeFocused();
  await expectNoAxeViolations(page);
  release();
  await expect(page.locator('.bubble--bot').first().locator('.bubble__title')).toHaveText('Đăng ký khai sinh cho con cần những gì?');
  await expect(input).toHaveValue('');
  await expect(waiting).toBeEmpty();
  await expect(input).toBeFocused();
});

test('the FAQ answers questions typed without accents, declines honestly, and takes feedback', async ({ page }) => {
  await page.goto('/hoi-dap');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
  await expect(page.locator('.chips').first()).toBeVisible();
  await expectNoAxeViolations(page);

  // An empty question is explained, GOV.UK style.
  await page.getByRole('button', { name: 'Gửi' }).click();
  await expect(page.locator('#faq-error')).toContainText('Hãy nhập câu hỏi của bạn');
  await expect(page).toHaveTitle(/^Lỗi: Hỏi đáp/);

  const input = page.getByLabel('Câu hỏi của bạn');
  await input.fill('lam giay khai sanh cho con can gi');
  await input.press('Enter');
  // The first reply stays the first: the locator is live.
  const answer = page.locator('.bubble--bot').first();
  await expect(answer.locator('.bubble__title')).toHaveText('Đăng ký khai sinh cho con cần những gì?');
  await expect(input).toHaveValue('');
  await expectNoAxeViolations(page);

  const feedback = page.waitForResponse((r) => r.url().endsWith('/api/v1/faq/feedback'));
  await answer.getByRole('button', { name: 'Có' }).click();
  expect((await feedback).ok()).toBe(true);
  await expect(answer.getByText('Cảm ơn bạn đã góp ý.')).toBeVisible();

  // Something it does not know: no guess, the hotline instead.
  await input.fill('giá vé máy bay đi Paris');
  await input.press('Enter');
  await expect(page.locator('.bubble--bot').last()).toContainText('Xin lỗi, tôi chưa có câu trả lời chắc chắn');
  await expect(page.locator('.bubble--bot').last().getByRole('link', { name: '1022' })).toBeVisible();

  // The answer's action opens the procedure, which another bundle draws (a page load).
  await answer.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await expect(page).toHaveURL('/dich-vu-cong/khai-sinh');
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng ký khai sinh');
});

test('once loaded, the FAQ keeps answering offline, in English too', async ({ page, context }) => {
  await page.goto('/hoi-dap');
  await appReady(page);
  await expect(page.locator('.chips').first()).toBeVisible();
  await context.setOffline(true);
  await page.getByRole('button', { name: /English/ }).click();
  const input = page.getByLabel('Your question');
  await input.fill('free wifi');
  await input.press('Enter');
  await expect(page.locator('.bubble--bot').last().locator('.bubble__title')).toContainText(/Wi-?Fi/i);
  await context.setOffline(false);
  await page.getByRole('link', { name: 'See all questions by topic' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All questions');
  await expect(page.locator('details.faq-item').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the chat works with the keyboard alone', async ({ page }) => {
  await page.goto('/hoi-dap');
  await appReady(page);
  await expect(page.locator('.chips').first()).toBeVisible();
  // From the top of the page, Tab reaches a suggested question; Enter asks it.
  let onChip = false;
  for (let i = 0; i < 20 && !onChip; i++) {
    await page.keyboard.press('Tab');
    onChip = await page.evaluate(() => document.activeElement?.classList.contains('chip') ?? false);
  }
  expect(onChip).toBe(true);
  const asked = (await page.evaluate(() => document.activeElement!.textContent))!.trim();
  await page.keyboard.press('Enter');
  await expect(page.locator('.bubble--bot').first().locator('.bubble__title')).toHaveText(asked);
  // Then the text box, typed into and sent with Enter.
  let inBox = false;
  for (let i = 0; i < 40 && !inBox; i++) {
    await page.keyboard.press('Tab');
    inBox = await page.evaluate(() => document.activeElement?.tagName === 'INPUT');
  }
  expect(inBox).toBe(true);
  await page.keyboard.type('mat can cuoc phai lam sao');
  await page.keyboard.press('Enter');
  await expect(page.locator('.bubble--user')).toHaveCount(2);
  await expect(page.locator('.bubble--bot')).toHaveCount(2);
});

test('death registration is not confused with birth; English is answered in English; nothing empty is offered; focus stays in the conversation', async ({ page }) => {
  await page.goto('/hoi-dap');
  await appReady(page);
  await expect(page.getByText(/hỏi bằng tiếng Anh thì trợ lý trả lời bằng tiếng Anh/)).toBeVisible();
  // The suggestion chips are tap targets of at least 24 × 24 px, apart from one another.
  const boxes = await page.locator('.chips').first().locator('.chip').evaluateAll((els) =>
    els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; }));
  expect(boxes.length).toBeGreaterThan(3);
  for (const b of boxes) expect(Math.min(b.w, b.h)).toBeGreaterThanOrEqual(44);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const apart = a.x + a.w + 8 <= b.x || b.x + b.w + 8 <= a.x || a.y + a.h + 8 <= b.y || b.y + b.h + 8 <= a.y;
      expect(apart, `chips ${i} and ${j}`).toBe(true);
    }

  const input = page.getByLabel('Câu hỏi của bạn');
  await input.fill('đăng ký khai tử');
  await input.press('Enter');
  const death = page.locator('.bubble--bot').last();
  await expect(death.locator('.bubble__title')).toContainText('khai tử');

  // Feedback: the thanks takes the focus from the button it replaces.
  await death.getByRole('button', { name: 'Không' }).click();
  await expect(death.getByText('Cảm ơn bạn đã góp ý.')).toBeFocused();

  await input.fill('birth certificate for newborn');
  await input.press('Enter');
  const english = page.locator('.bubble--bot').last();
  await expect(english).toHaveAttribute('lang', 'en');
  await expect(english.locator('.bubble__title')).toContainText(/birth/i);
  await expect(english.getByRole('button', { name: 'Yes' })).toBeVisible();

  await input.fill('bitcoin price');
  await input.press('Enter');
  const declined = page.locator('.bubble--bot').last();
  await expect(declined).toContainText('Xin lỗi');
  await expect(declined.getByText('Có phải bạn muốn hỏi:')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
