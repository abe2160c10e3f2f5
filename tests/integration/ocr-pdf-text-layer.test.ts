/**
 * Our searchable PDF (pdf-text-layer.ts): the text comes back out, in the lines' places,
 * with poppler's pdftotext and with pdf.js; the page image comes back pixel for pixel at
 * the page's real size. Then a PP-OCR page through readPage with `pdf: true`: its PDF is
 * ours (no tesseract.js pass) and holds what PP-OCR read.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { decodePages } from '../../electron/core/imaging/decode';
import { preparePage } from '../../electron/core/imaging/prepare';
import { pdfjs } from '../../electron/core/imaging/pdfjs-load';
import { encodeGreyPng, loadGrey, type GreyImage } from '../../electron/core/imaging/raw';
import { stageLangData } from '../../electron/core/ocr/lang-data';
import { textLayerPdf, type TextLayerLine } from '../../electron/core/ocr/pdf-text-layer';
import { OcrPool } from '../../electron/core/ocr/pool';
import { PpocrEngine } from '../../electron/core/ocr/ppocr/engine';
import { readPage } from '../../electron/core/forms/read-page';
import { cer } from '../../scripts/bench/ocr-metrics';
import { ocrSet } from '../helpers/ocr-set';
import { tempDir } from '../helpers/test-core';

const dir = tempDir('dangan-pdf-layer-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An A4 page at 200 dpi with a gradient and a few dark bars, so every pixel value counts. */
function pageImage(): GreyImage {
  const width = 1654;
  const height = 2339;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = y % 97 < 6 ? 20 : 150 + ((x + 2 * y) % 100);
  return { data, width, height };
}

const LINES: TextLayerLine[] = [
  { text: '常住人口登记表', bbox: { x0: 600, y0: 120, x1: 1050, y1: 190 } },
  { text: '姓名 张三 公民身份号码 330106196310030473', bbox: { x0: 120, y0: 300, x1: 1500, y1: 350 } },
  { text: '住址：浙江省杭州市西湖区文三路90号', bbox: { x0: 120, y0: 420, x1: 1200, y1: 470 } },
  { text: '𠀀𡃁 Extension B (1)', bbox: { x0: 120, y0: 600, x1: 700, y1: 640 } },
  // Taller than wide: a vertical line, read top to bottom.
  { text: '竖排备注', bbox: { x0: 1500, y0: 800, x1: 1550, y1: 1100 } },
];
const DPI = 200;

function writePdf(name: string, pdf: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  return file;
}

const pdftotext = (file: string, ...args: string[]) =>
  execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
const squash = (s: string) => s.replace(/\s+/g, '');

describe('the PDF text layer', () => {
  const image = pageImage();
  let png: Buffer;
  beforeAll(async () => {
    png = await encodeGreyPng(image, DPI);
  });

  it('gives back every line, in order, with pdftotext, Chinese and beyond the BMP included', () => {
    const file = writePdf('lines.pdf', textLayerPdf({ image, png, dpi: DPI, lines: LINES }));
    const got = pdftotext(file, '-raw')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && l !== '\f');
    expect(got.map(squash)).toEqual(LINES.map((l) => squash(l.text)));
    // The page is A4: 1654 × 2339 px at 200 dpi.
    const info = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
    expect(Number(info?.[1])).toBeCloseTo((1654 * 72) / DPI, 1);
    expect(Number(info?.[2])).toBeCloseTo((2339 * 72) / DPI, 1);
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(
      /CID TrueType\s+Identity-H\s+yes\s+no\s+yes/,
    );
  });

  it('places each horizontal line over its box (within a point)', () => {
    const file = writePdf('boxes.pdf', textLayerPdf({ image, png, dpi: DPI, lines: LINES }));
    const html = pdftotext(file, '-bbox-layout');
    const found = [
      ...html.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g),
    ].map((m) => ({
      box: m.slice(1, 5).map(Number),
      text: squash(m[5]!.replace(/<[^>]+>/g, '')),
    }));
    const k = 72 / DPI;
    for (const l of LINES.slice(0, 4)) {
      const hit = found.find((f) => f.text === squash(l.text));
      expect(hit, l.text).toBeDefined();
      const want = [l.bbox.x0, l.bbox.y0, l.bbox.x1, l.bbox.y1].map((v) => v * k);
      hit!.box.forEach((v, i) => expect(Math.abs(v - want[i]!), `${l.text} [${i}]`).toBeLessThan(1));
    }
  });

  it('reads back the same in pdf.js, and the page image is the page, pixel for pixel', async () => {
    for (const [name, withPng] of [
      ['png-rows.pdf', true],
      ['deflated.pdf', false],
    ] as const) {
      const pdf = textLayerPdf({ image, png: withPng ? png : null, dpi: DPI, lines: LINES });
      // The greyscale PNG's rows are used as they are (PNG predictors), or the pixels are deflated.
      expect(pdf.includes('/Predictor 15'), name).toBe(withPng);

      const lib = await pdfjs();
      const doc = await lib.getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false })
        .promise;
      const items = (await (await doc.getPage(1)).getTextContent()).items;
      const text = items.map((i) => ('str' in i ? i.str : '')).join('');
      expect(squash(text)).toBe(squash(LINES.map((l) => l.text).join('')));
      await doc.destroy();

      const [back] = await decodePages({ bytes: pdf, name });
      if (!back?.ok) throw new Error(`${name} did not decode`);
      const grey = await loadGrey(back.page.png);
      expect([grey.width, grey.height]).toEqual([image.width, image.height]);
      expect(Buffer.from(grey.data).equals(Buffer.from(image.data)), name).toBe(true);
    }
  }, 60_000);

  it('draws no text: the page renders exactly as the same page without lines', async () => {
    const render = async (name: string, lines: TextLayerLine[]) => {
      const file = writePdf(`${name}.pdf`, textLayerPdf({ image, png, dpi: DPI, lines }));
      execFileSync('pdftoppm', ['-r', '100', '-gray', '-png', '-singlefile', file, path.join(dir, name)]);
      return loadGrey(fs.readFileSync(path.join(dir, `${name}.png`)));
    };
    const withText = await render('with-text', LINES);
    const without = await render('without', []);
    expect(withText.width).toBe(827);
    expect(Buffer.from(withText.data).equals(Buffer.from(without.data))).toBe(true);
  }, 60_000);
});

describe('a PP-OCR page with a searchable PDF', () => {
  it('gets our PDF, holding what PP-OCR read, without a tesseract.js pass', async () => {
    const set = await ocrSet(dir, { seed: 5, count: 2 });
    const text = set.pages.find((p) => p.kind === 'text')!;
    const [d] = await decodePages({ bytes: fs.readFileSync(path.join(dir, text.file)), name: text.file });
    if (!d?.ok) throw new Error('fixture did not decode');
    const p = await preparePage(d.page);
    const engine = new PpocrEngine({ threads: 2 });
    const pool = new OcrPool({ langDir: stageLangData(path.join(os.tmpdir(), 'dangan-ocr-cache')), size: 1 });
    // A pool that must not be asked: PP-OCR reads the page and we write the PDF.
    const recognize = pool.recognize.bind(pool);
    let asked = 0;
    pool.recognize = (...args) => {
      asked++;
      return recognize(...args);
    };
    try {
      const r = await readPage(pool, p.png, {
        dpi: p.dpi,
        template: 'none',
        templates: BUILTIN_TEMPLATES,
        pdf: true,
        engine,
      });
      expect(r.engine).toBe(engine.label);
      expect(asked).toBe(0);
      expect(r.pdf).not.toBeNull();
      const file = writePdf('ppocr.pdf', r.pdf!);
      const extracted = pdftotext(file, '-raw');
      expect(cer(squash(r.lines.map((l) => l.text).join('')), squash(extracted))).toBe(0);
      expect(cer(text.text, extracted)).toBeLessThan(0.05);
      const meta = await sharp(p.png).metadata();
      const info = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
      expect(Number(info?.[1])).toBeCloseTo((meta.width! * 72) / p.dpi, 1);
      expect(Number(info?.[2])).toBeCloseTo((meta.height! * 72) / p.dpi, 1);
    } finally {
      await engine.close();
      await pool.close();
    }
  }, 180_000);
});
