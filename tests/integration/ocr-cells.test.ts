/**
 * A ruled form read cell by cell (ocr/cells.ts) with real tesseract.js on a generated
 * scan: more accurate than reading the whole unruled page, in the form's reading order
 * (each printed row on one line), lines in page coordinates, and the searchable PDF
 * written from those lines over the page as processed (rules included).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { decodePages } from '../../electron/core/imaging/decode';
import { preparePage } from '../../electron/core/imaging/prepare';
import { encodeGreyPng, loadGrey, TRANSIENT_PNG_LEVEL, type GreyImage } from '../../electron/core/imaging/raw';
import { findRules } from '../../electron/core/imaging/rules';
import { unruleGrey } from '../../electron/core/imaging/unrule';
import { readCells } from '../../electron/core/ocr/cells';
import { stageLangData } from '../../electron/core/ocr/lang-data';
import { OcrPool } from '../../electron/core/ocr/pool';
import { readPage, type PageReading } from '../../electron/core/forms/read-page';
import { rowMajorText } from '../../electron/core/ocr/reading-order';
import { cer } from '../../scripts/bench/ocr-metrics';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { tempDir } from '../helpers/test-core';

const dir = tempDir('dangan-ocr-cells-');
const pool = new OcrPool({ langDir: stageLangData(tempDir('dangan-tessdata-')), size: 2 });
let form: OcrPage;
let png: Buffer;
let dpi: number;
let grey: GreyImage;
let reading: PageReading;

beforeAll(async () => {
  const set = await ocrSet(dir, { seed: 11, count: 1 });
  form = set.pages[0]!;
  const [d] = await decodePages({ bytes: fs.readFileSync(path.join(dir, form.file)), name: form.file });
  if (!d?.ok) throw new Error('fixture did not decode');
  const p = await preparePage(d.page);
  png = p.png;
  dpi = p.dpi ?? 300;
  grey = await loadGrey(png);
  reading = await readPage(pool, png, { dpi, template: 'auto', templates: BUILTIN_TEMPLATES, pdf: true });
}, 180_000);

afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const squash = (s: string) => s.replace(/\s+/g, '');

describe('a ruled form read cell by cell', () => {
  it('reads it better than the whole page with its rules removed', async () => {
    expect(reading.template?.id).toBe(form.templateId);
    const cells = cer(form.text, reading.text);
    // The way ruled pages were read before: the whole unruled page, lines put in row order.
    const rules = findRules(grey);
    const clean = await encodeGreyPng(unruleGrey(grey, rules), dpi, TRANSIENT_PNG_LEVEL);
    const whole = await pool.recognize(clean, { psm: 'auto', dpi });
    const before = cer(form.text, rowMajorText(whole.lines));
    expect(cells).toBeLessThan(0.1);
    expect(cells).toBeLessThan(before);
  }, 180_000);

  it('puts each printed row on one line, its labels in order', () => {
    const template = BUILTIN_TEMPLATES.find((t) => t.id === form.templateId)!;
    const bare = (s: string) => s.replace(/[\s\p{P}]/gu, '');
    // The template's printed rows: labels with the same top edge, left to right.
    const rows = new Map<number, string[]>();
    for (const l of [...template.labels].sort((a, b) => a.box.x - b.box.x))
      rows.set(l.box.y, [...(rows.get(l.box.y) ?? []), bare(l.text)]);
    const got = reading.text.split('\n').map(bare);
    const inOrder = (line: string, labels: string[]) => {
      let at = 0;
      for (const l of labels) {
        const i = line.indexOf(l, at);
        if (i < 0) return false;
        at = i + l.length;
      }
      return true;
    };
    const multi = [...rows.values()].filter((r) => r.length >= 2);
    expect(multi.length).toBeGreaterThanOrEqual(4);
    // One slip allowed (a seal over a label).
    expect(multi.filter((r) => got.some((g) => inOrder(g, r))).length).toBeGreaterThanOrEqual(multi.length - 1);
    expect(bare(reading.text.split('\n')[0]!)).toBe(bare(form.text.split('\n')[0]!));
  });

  it('gives lines in page coordinates: the title centred at the top, each value right of its label', () => {
    for (const l of reading.lines) {
      expect(l.bbox.x0).toBeGreaterThanOrEqual(0);
      expect(l.bbox.x1).toBeLessThanOrEqual(grey.width);
      expect(l.bbox.y1).toBeLessThanOrEqual(grey.height);
    }
    const title = reading.lines.find((l) => squash(l.text) === squash(form.text.split('\n')[0]!))!;
    expect(title).toBeDefined();
    expect(title.bbox.y1).toBeLessThan(grey.height * 0.25);
    expect(Math.abs((title.bbox.x0 + title.bbox.x1) / 2 - grey.width / 2)).toBeLessThan(grey.width * 0.1);
    // The ID number's digits sit in the cell right of 公民身份号码, on the same row.
    const label = reading.lines.find((l) => l.text.includes('公民身份号码'))!;
    const id = reading.lines.find((l) => /\d{15,}/.test(squash(l.text)))!;
    expect(label && id).toBeTruthy();
    expect(id.bbox.x0).toBeGreaterThan(label.bbox.x1);
    expect(Math.abs((id.bbox.y0 + id.bbox.y1) / 2 - (label.bbox.y0 + label.bbox.y1) / 2)).toBeLessThan(40);
  });

  it('writes the searchable PDF from those lines, over the page with its rules', async () => {
    expect(reading.pdf).not.toBeNull();
    const file = path.join(dir, 'form.pdf');
    fs.writeFileSync(file, reading.pdf!);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    expect(cer(squash(reading.lines.map((l) => l.text).join('')), squash(text))).toBe(0);
    const [back] = await decodePages({ bytes: reading.pdf!, name: 'form.pdf' });
    if (!back?.ok) throw new Error('the PDF did not decode');
    const image = await loadGrey(back.page.png);
    expect([image.width, image.height]).toEqual([grey.width, grey.height]);
    expect(Buffer.from(image.data).equals(Buffer.from(grey.data))).toBe(true);
  }, 60_000);

  it('leaves a page whose rules enclose no cells to the whole-page reading', async () => {
    const width = 1200;
    const height = 1600;
    const data = new Uint8Array(width * height).fill(250);
    // Three underlines and two short uprights that meet none of them.
    for (const y of [400, 800, 1200]) for (let x = 100; x < 1100; x++) data[y * width + x] = 0;
    for (const x of [300, 900]) for (let y = 1300; y < 1550; y++) data[y * width + x] = 0;
    const page = { data, width, height };
    const rules = findRules(page);
    const none = await readCells(pool, { grey: page, clean: page, rules, dpi: 150 });
    expect(none).toBeNull();
  });
});
