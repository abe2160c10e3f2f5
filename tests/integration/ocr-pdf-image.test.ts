/**
 * The searchable PDF of a page read by tesseract.js is ours (pdf-text-layer.ts), as for
 * PP-OCR: the processed page as scanned, rules included, under the recognised lines. A
 * ruled page comes back with its rules although Tesseract read it without them; a page of
 * Chinese prose extracts without the spaces Tesseract's own PDF put between characters.
 * Real tesseract.js, real pdf.js and pdftotext reading the result back.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePages } from '../../electron/core/imaging/decode';
import { preparePage } from '../../electron/core/imaging/prepare';
import { encodeGreyPng, loadGrey, type GreyImage } from '../../electron/core/imaging/raw';
import { stageLangData } from '../../electron/core/ocr/lang-data';
import { OcrPool } from '../../electron/core/ocr/pool';
import { readPage } from '../../electron/core/forms/read-page';
import { cer } from '../../scripts/bench/ocr-metrics';
import { ocrSet } from '../helpers/ocr-set';
import { tempDir } from '../helpers/test-core';

const dir = tempDir('dangan-pdf-');
const pool = new OcrPool({ langDir: stageLangData(tempDir('dangan-tessdata-')), size: 1 });
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A page with a ruled frame and a few ink blobs. */
function ruledPage(): GreyImage {
  const width = 620;
  const height = 410;
  const data = new Uint8Array(width * height).fill(250);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const frame = x === 20 || x === 600 || y === 20 || y === 390 || y === 200;
      const blob = (x - 100) ** 2 + (y - 100) ** 2 < 400 || (x - 400) ** 2 + (y - 300) ** 2 < 225;
      if (frame || blob) data[y * width + x] = 10;
    }
  return { data, width, height };
}

const read = (png: Buffer) => readPage(pool, png, { dpi: 300, template: 'none', templates: [], pdf: true });

async function pdfImage(pdf: Buffer): Promise<GreyImage> {
  const [back] = await decodePages({ bytes: pdf, name: 'page.pdf' });
  if (!back?.ok) throw new Error('the PDF did not decode');
  return loadGrey(back.page.png);
}

describe('searchable PDF of a page read by tesseract.js', () => {
  it('carries the processed page, rules included, and opens as a PDF', async () => {
    const ruled = ruledPage();
    const r = await read(await encodeGreyPng(ruled, 300));
    expect(r.engine).toContain('tesseract.js');
    expect(r.pdf!.subarray(0, 5).toString()).toBe('%PDF-');
    const grey = await pdfImage(r.pdf!);
    expect([grey.width, grey.height]).toEqual([ruled.width, ruled.height]);
    let diff = 0;
    for (let i = 0; i < grey.data.length; i++) diff += Math.abs(grey.data[i]! - ruled.data[i]!);
    expect(diff / grey.data.length).toBeLessThan(1);
    // The rule row at y = 200 is there (Tesseract read the page without it).
    expect(grey.data[200 * grey.width + 300]).toBeLessThan(60);
  }, 120_000);

  it('puts the text read under a page of Chinese prose, extractable without spaces between characters', async () => {
    const set = await ocrSet(path.join(dir, 'set'), { seed: 23, count: 2 });
    const prose = set.pages.find((p) => p.kind === 'text')!;
    const [d] = await decodePages({ bytes: fs.readFileSync(path.join(dir, 'set', prose.file)), name: prose.file });
    if (!d?.ok) throw new Error('the generated page did not decode');
    const processed = await preparePage(d.page);
    const r = await readPage(pool, processed.png, { dpi: processed.dpi, template: 'none', templates: [], pdf: true });
    const file = path.join(dir, 'prose.pdf');
    fs.writeFileSync(file, r.pdf!);
    const extracted = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    // The PDF holds what the page text holds, and the page is Chinese read well.
    expect(extracted.replace(/\s+/g, '')).toBe(r.text.replace(/\s+/g, ''));
    expect(cer(prose.text, extracted)).toBeLessThan(0.15);
    expect(extracted).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/u);
    const grey = await pdfImage(r.pdf!);
    const page = await loadGrey(processed.png);
    expect([grey.width, grey.height]).toEqual([page.width, page.height]);
  }, 180_000);
});
