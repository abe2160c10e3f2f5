/**
 * The PP-OCR engine with the real ONNX Runtime and the real PP-OCRv4 models on generated
 * scans: a plain-text page, a form through the app's page pipeline, single lines; and
 * bad model files: a clear error naming the file, and tesseract.js taking over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { decodePages } from '../../electron/core/imaging/decode';
import { preparePage } from '../../electron/core/imaging/prepare';
import { loadGrey } from '../../electron/core/imaging/raw';
import { openEngine } from '../../electron/core/ocr/choose';
import { stageLangData } from '../../electron/core/ocr/lang-data';
import { OcrPool } from '../../electron/core/ocr/pool';
import { PpocrEngine } from '../../electron/core/ocr/ppocr/engine';
import { packagedModels } from '../../electron/core/ocr/ppocr/models';
import { readPage } from '../../electron/core/forms/read-page';
import { TESSERACT_LABEL } from '../../electron/core/ocr/tesseract-engine';
import { cer } from '../../scripts/bench/ocr-metrics';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { dangan } from '../helpers/cli';
import { tempDir } from '../helpers/test-core';

let dir: string;
let pages: OcrPage[];
let engine: PpocrEngine;
let pool: OcrPool;

beforeAll(async () => {
  dir = tempDir('dangan-ppocr-');
  pages = (await ocrSet(dir, { seed: 11, count: 2 })).pages;
  engine = new PpocrEngine({ threads: 2 });
  await engine.warm();
  pool = new OcrPool({ langDir: stageLangData(path.join(os.tmpdir(), 'dangan-ocr-cache')), size: 1 });
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await pool?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function prepared(p: OcrPage) {
  const [d] = await decodePages({ bytes: fs.readFileSync(path.join(dir, p.file)), name: p.file });
  if (!d?.ok) throw new Error('fixture did not decode');
  return preparePage(d.page);
}

/** One line of text rendered like a printed form value, as grey pixels. */
async function lineImage(text: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="80"><rect width="100%" height="100%" fill="#fff"/>
    <text x="20" y="55" font-family="Noto Sans CJK SC" font-size="40" fill="#111">${text}</text></svg>`;
  return loadGrey(await sharp(Buffer.from(svg)).png().toBuffer());
}

describe('PP-OCR engine', () => {
  it('reads a plain-text page with boxes and confidences, in reading order', async () => {
    const page = pages.find((p) => p.kind === 'text')!;
    const grey = await loadGrey((await prepared(page)).png);
    const out = await engine.readPage(grey);
    expect(cer(page.text, out.text)).toBeLessThan(0.05);
    expect(out.lines.length).toBeGreaterThan(5);
    for (const l of out.lines) {
      expect(l.bbox.x1).toBeGreaterThan(l.bbox.x0);
      expect(l.bbox.y1).toBeLessThanOrEqual(grey.height);
      expect(l.confidence).toBeGreaterThan(50);
    }
    const tops = out.lines.map((l) => l.bbox.y0);
    expect(tops[0]).toBe(Math.min(...tops));
  }, 120_000);

  it('reads a form through the page pipeline: template, ID number, name and dates', async () => {
    const form = pages.find((p) => p.kind === 'form')!;
    const p = await prepared(form);
    const r = await readPage(pool, p.png, {
      dpi: p.dpi,
      template: 'auto',
      templates: BUILTIN_TEMPLATES,
      pdf: false,
      engine,
    });
    expect(r.engine).toBe(engine.label);
    expect(r.fallback).toBeNull();
    expect(r.template?.id).toBe(form.templateId);
    const got = Object.fromEntries(r.fields.map((f) => [f.key, f.value]));
    for (const key of ['idNumber', 'name', 'birthDate', 'registerDate'])
      if (form.fields![key]) expect(got[key], key).toBe(form.fields![key]);
    expect(cer(form.text, r.text)).toBeLessThan(0.08);
  }, 120_000);

  it('recognises single lines without detection, batched, in the order given', async () => {
    const texts = ['公民身份号码', '330106196310030473', '浙江省杭州市西湖区文三路90号'];
    const got = await engine.readLines(await Promise.all(texts.map(lineImage)));
    expect(got.map((g) => g.text)).toEqual(texts);
    expect(got.every((g) => g.confidence > 80)).toBe(true);
  });
});

describe('dangan ocr --engine', () => {
  it('reads a form with PP-OCR and says which engine read the page', () => {
    const form = pages.find((p) => p.kind === 'form')!;
    const r = dangan(['ocr', path.join(dir, form.file), '--engine', 'ppocr', '--workers', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      engine: string;
      pages: { engine: string; template: string; fields: Record<string, { value: string }> }[];
    };
    expect(out.engine).toMatch(/^PP-OCR/);
    expect(out.pages[0]).toMatchObject({ engine: out.engine, template: form.templateId });
    expect(out.pages[0]!.fields.idNumber!.value).toBe(form.fields!.idNumber);
  }, 150_000);

  it('refuses an unknown engine', () => {
    const r = dangan(['ocr', 'x.png', '--engine', 'paddle']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--engine');
  });
});

describe('bad model files', () => {
  const copyModels = (root: string) => {
    const src = packagedModels();
    const models = Object.fromEntries(
      Object.entries(src).map(([k, f]) => {
        const to = path.join(root, path.basename(f));
        fs.copyFileSync(f, to);
        return [k, to];
      }),
    ) as typeof src;
    return models;
  };

  it('a corrupt model: a clear error naming the file, and tesseract.js takes over', async () => {
    const root = tempDir('dangan-ppocr-bad-');
    try {
      const models = copyModels(root);
      // Same size, garbage content: passes the size check, fails in ONNX Runtime.
      const size = fs.statSync(models.rec).size;
      fs.writeFileSync(models.rec, Buffer.alloc(size, 0x5a));
      const broken = new PpocrEngine({ models, threads: 1 });
      const err = await broken.warm().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'OCR_MODEL_CORRUPT' });
      expect((err as Error).message).toContain(models.rec);
      expect((err as Error).message).toMatch(/模型文件/);

      // The page still gets read: by tesseract.js, and the reading says why.
      const text = pages.find((p) => p.kind === 'text')!;
      const p = await prepared(text);
      const r = await readPage(pool, p.png, {
        dpi: p.dpi,
        template: 'auto',
        templates: BUILTIN_TEMPLATES,
        pdf: false,
        engine: broken,
      });
      expect(r.engine).toBe(TESSERACT_LABEL);
      expect(r.fallback).toContain(models.rec);
      expect(cer(text.text, r.text)).toBeLessThan(0.3);
      await broken.close();

      const opened = await openEngine('ppocr', { models, threads: 1 });
      expect(opened.engine).toBeNull();
      expect(opened.note).toContain(models.rec);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('a missing model or dictionary: OCR_MODEL_MISSING naming the file', async () => {
    const root = tempDir('dangan-ppocr-missing-');
    try {
      const models = copyModels(root);
      fs.rmSync(models.det);
      const e1 = await new PpocrEngine({ models }).warm().catch((e: unknown) => e);
      expect(e1).toMatchObject({ code: 'OCR_MODEL_MISSING' });
      expect((e1 as Error).message).toContain(models.det);

      const truncated = copyModels(tempDir('dangan-ppocr-dict-'));
      fs.writeFileSync(truncated.dict, '公\n安\n');
      const e2 = await new PpocrEngine({ models: truncated }).warm().catch((e: unknown) => e);
      expect(e2).toMatchObject({ code: 'OCR_MODEL_CORRUPT' });
      expect((e2 as Error).message).toContain(truncated.dict);
      fs.rmSync(path.dirname(truncated.dict), { recursive: true, force: true });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
