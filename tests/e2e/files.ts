import { Page } from '@playwright/test';

/**
 * A phone-camera-like photo of a paper, made by the browser itself: 4000 × 3000 (12 MP), lines of "text"
 * on white with sensor grain, as JPEG at high quality. Several MB, as a real one is.
 */
export async function cameraPhoto(page: Page): Promise<Buffer> {
  const base64: string = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 4000;
    canvas.height = 3000;
    const ctx = canvas.getContext('2d')!;
    const img = ctx.createImageData(4000, 3000);
    let seed = 12345;
    for (let i = 0; i < img.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const v = 215 + (seed % 40);
      img.data[i] = v;
      img.data[i + 1] = v - 3;
      img.data[i + 2] = v - 8;
      img.data[i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    ctx.fillStyle = '#222';
    ctx.font = '64px serif';
    for (let y = 200; y < 2900; y += 110) ctx.fillText('GIẤY CHỨNG SINH — Họ và tên: Nguyễn Thị Bảo Bình', 200, y);
    const blob: Blob = await new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.95));
    // Handed over as base64: a list of millions of numbers is slow to pass out of the page.
    const url: string = await new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsDataURL(blob);
    });
    return url.slice(url.indexOf(',') + 1);
  });
  return Buffer.from(base64, 'base64');
}

/** Width and height from a JPEG's frame header (SOF0–SOF2). */
export function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let i = 2;
  while (i < jpeg.length) {
    const marker = jpeg[i + 1];
    const length = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  throw new Error('not a JPEG with a frame header');
}

/** Records the highest value any upload progress bar reached (watched from outside the app). */
export async function watchProgress(page: Page) {
  await page.evaluate(() => {
    (window as any).__progressMax = -1;
    new MutationObserver(() => {
      for (const bar of Array.from(document.querySelectorAll('progress'))) {
        (window as any).__progressMax = Math.max((window as any).__progressMax, Number(bar.value));
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

export async function progressReached(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__progressMax);
}

/** A small, well-formed PDF. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A Windows program given a PDF's name and type. */
export const FAKE_PDF = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(2000, 0x41)]);
