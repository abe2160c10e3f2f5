/**
 * The searchable PDF of a ruled form shows the page as scanned: Tesseract reads the page
 * with its rules removed, and the processed page (rules and all) is put back as the PDF's
 * image. Real tesseract.js, real pdf.js reading the result back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { decodePages } from '../../electron/core/imaging/decode';
import { encodeGreyPng, loadGrey, type GreyImage } from '../../electron/core/imaging/raw';
import { stageLangData } from '../../electron/core/ocr/lang-data';
import { swapPdfImage } from '../../electron/core/ocr/pdf-image-swap';
import { OcrPool } from '../../electron/core/ocr/pool';
import { tempDir } from '../helpers/test-core';

const pool = new OcrPool({ langDir: stageLangData(tempDir('dangan-tessdata-')), size: 1 });
afterAll(() => pool.close());

/** A page with a ruled frame and a few ink blobs; `rules: false` leaves the frame out. */
function page(rules: boolean): GreyImage {
  const width = 620;
  const height = 410;
  const data = new Uint8Array(width * height).fill(250);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const frame = rules && (x === 20 || x === 600 || y === 20 || y === 390 || y === 200);
      const blob = (x - 100) ** 2 + (y - 100) ** 2 < 400 || (x - 400) ** 2 + (y - 300) ** 2 < 225;
      if (frame || blob) data[y * width + x] = 10;
    }
  return { data, width, height };
}

describe('searchable PDF of a ruled page', () => {
  it('carries the processed page, rules included, and still opens as a PDF', async () => {
    const clean = page(false);
    const ruled = page(true);
    const out = await pool.recognize(await encodeGreyPng(clean, 300), { psm: 'auto', pdf: true, dpi: 300 });
    const swapped = swapPdfImage(out.pdf!, ruled);
    expect(swapped.equals(out.pdf!)).toBe(false);
    expect(swapped.subarray(0, 5).toString()).toBe('%PDF-');

    const [back] = await decodePages({ bytes: swapped, name: 'page.pdf' });
    if (!back?.ok) throw new Error('the swapped PDF did not decode');
    const grey = await loadGrey(back.page.png);
    expect([grey.width, grey.height]).toEqual([ruled.width, ruled.height]);
    let diff = 0;
    for (let i = 0; i < grey.data.length; i++) diff += Math.abs(grey.data[i]! - ruled.data[i]!);
    expect(diff / grey.data.length).toBeLessThan(1);
    // The rule row at y = 200 is there again (it was not in the image Tesseract read).
    expect(grey.data[200 * grey.width + 300]).toBeLessThan(60);
  }, 120_000);

  it('leaves a PDF alone when the image does not match the page', async () => {
    const out = await pool.recognize(await encodeGreyPng(page(false), 300), { psm: 'auto', pdf: true, dpi: 300 });
    const other: GreyImage = { data: new Uint8Array(100 * 50).fill(255), width: 100, height: 50 };
    expect(swapPdfImage(out.pdf!, other).equals(out.pdf!)).toBe(true);
  }, 120_000);
});
