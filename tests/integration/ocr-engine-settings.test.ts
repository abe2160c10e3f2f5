/**
 * The administrator's engine choice through dispatch, on a real SQLite file, with the
 * real PP-OCR models and tesseract.js: the queue reads form pages and plain-text pages
 * with the engine chosen for each and records which one read the page; bad choices and
 * callers without the right are refused and change nothing; a broken model makes the
 * settings say so, by file, and the pages are read by tesseract.js instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PPOCR_LABEL, packagedModels } from '../../electron/core/ocr/ppocr/models';
import { TESSERACT_LABEL } from '../../electron/core/ocr/tesseract-engine';
import { servicesOf } from '../../electron/core/scan/services';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { categoryId, makeTestCore, tempDir, userToken, type TestCore } from '../helpers/test-core';

let fixtures: string;
let form: OcrPage;
let prose: OcrPage;
/** The plain-text page at a quarter of its width (see beforeAll). */
let proseSmall: Buffer;
const cores: TestCore[] = [];

beforeAll(async () => {
  fixtures = tempDir('dangan-engine-fixtures-');
  const set = await ocrSet(fixtures, { seed: 23, count: 3 });
  form = set.pages.find((p) => p.templateId === 'resident-registration')!;
  prose = set.pages.find((p) => p.kind === 'text')!;
  // What these tests check of the plain-text page is which engine read it, not how well:
  // a quarter of its width reads in a fraction of the time (the form stays full size, its
  // template has to be found).
  proseSmall = await sharp(path.join(fixtures, prose.file)).resize({ width: 640 }).png().toBuffer();
}, 120_000);

afterEach(() => {
  delete process.env.DANGAN_PPOCR_MODEL_DIR;
});

afterAll(async () => {
  for (const t of cores) await t.close();
  fs.rmSync(fixtures, { recursive: true, force: true });
});

async function core(): Promise<TestCore> {
  const t = await makeTestCore();
  cores.push(t);
  return t;
}

/** Takes both pages in with automatic template finding and waits for the queue. */
async function readBoth(t: TestCore) {
  const qr = await categoryId(t, 'ZY·HJ·QR');
  const item = await t.ok(
    'catalogue.create',
    { categoryId: qr, year: 2024, orgCode: '', title: '待著录' },
    t.adminToken,
  );
  const files = [
    { name: form.file, dataBase64: fs.readFileSync(path.join(fixtures, form.file)).toString('base64') },
    { name: prose.file, dataBase64: proseSmall.toString('base64') },
  ];
  await t.ok('intake.importFiles', { files, itemId: item.id, template: 'auto' }, t.adminToken);
  await servicesOf(t.core.ctx).runner.idle();
  const pages = await t.ok('pages.list', { itemId: item.id }, t.adminToken);
  return {
    form: pages.find((p) => p.originalName === form.file)!,
    prose: pages.find((p) => p.originalName === prose.file)!,
  };
}

describe('OCR engine settings', () => {
  it('reads forms and plain text each with the engine chosen for them', async () => {
    const t = await core();
    const start = await t.ok('ocr.settings.get', {}, t.adminToken);
    expect(start).toMatchObject({
      formsEngine: 'auto',
      textEngine: 'auto',
      effective: { forms: 'ppocr', text: 'ppocr' },
    });
    expect(start.engines.find((e) => e.id === 'ppocr')).toMatchObject({ available: true, state: 'unchecked' });

    const set = await t.ok('ocr.settings.set', { formsEngine: 'tesseract', textEngine: 'ppocr' }, t.adminToken);
    expect(set.effective).toEqual({ forms: 'tesseract', text: 'ppocr' });
    const audit = t.core.ctx.sqlite
      .prepare("SELECT summary FROM audit_log WHERE action = 'ocr.settings'")
      .pluck()
      .all();
    expect(audit).toEqual(['识别引擎：表单页 tesseract.js，文字页 PP-OCR']);

    const read = await readBoth(t);
    expect(read.form).toMatchObject({
      ocrStatus: 'done',
      templateId: 'resident-registration',
      ocrEngine: TESSERACT_LABEL,
    });
    expect(read.prose).toMatchObject({ ocrStatus: 'done', ocrEngine: PPOCR_LABEL });
    const after = await t.ok('ocr.settings.get', {}, t.adminToken);
    expect(after.engines.find((e) => e.id === 'ppocr')!.state).toBe('ready');

    // Swapped: the same pages read again follow the new choice.
    await t.ok('ocr.settings.set', { formsEngine: 'ppocr', textEngine: 'tesseract' }, t.adminToken);
    await t.ok('ocr.enqueue', { pageIds: [read.form.id, read.prose.id], template: 'auto' }, t.adminToken);
    await servicesOf(t.core.ctx).runner.idle();
    const again = await t.ok('pages.list', { batchId: read.form.batchId }, t.adminToken);
    expect(again.find((p) => p.id === read.form.id)!.ocrEngine).toBe(PPOCR_LABEL);
    expect(again.find((p) => p.id === read.prose.id)!.ocrEngine).toBe(TESSERACT_LABEL);
  }, 240_000);

  it('refuses a bad choice and a caller without the right, changing nothing', async () => {
    const t = await core();
    const before = t.count('audit_log');
    const bad = await t.call('ocr.settings.set', { formsEngine: 'paddle', textEngine: 'auto' }, t.adminToken);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION_FAILED');
      expect(bad.error.message).toContain('识别引擎只能是');
    }
    const clerk = await userToken(t, 'neiqin', 'clerk', 2);
    const denied = await t.call('ocr.settings.set', { formsEngine: 'tesseract', textEngine: 'tesseract' }, clerk);
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');
    // The clerk may look (the intake screen shows the engines), not change.
    expect((await t.ok('ocr.settings.get', {}, clerk)).formsEngine).toBe('auto');
    // The clerk's creation, first login and own password change only.
    expect(t.count('audit_log')).toBe(before + 3);
  });

  it('names a corrupt model file and reads with tesseract.js instead', async () => {
    const broken = tempDir('dangan-models-');
    for (const [k, file] of Object.entries(packagedModels())) {
      const bytes = fs.readFileSync(file);
      // The recogniser cut to half: big enough to pass the size check, not loadable.
      fs.writeFileSync(
        path.join(broken, path.basename(file)),
        k === 'rec' ? bytes.subarray(0, bytes.length >> 1) : bytes,
      );
    }
    process.env.DANGAN_PPOCR_MODEL_DIR = broken;
    const t = await core();
    const checked = await t.ok('ocr.settings.check', {}, t.adminToken);
    const pp = checked.engines.find((e) => e.id === 'ppocr')!;
    expect(pp).toMatchObject({ available: false, state: 'failed' });
    expect(pp.message).toContain('ch_PP-OCRv4_rec_infer.onnx');
    expect(checked.effective).toEqual({ forms: 'tesseract', text: 'tesseract' });

    const read = await readBoth(t);
    expect(read.form).toMatchObject({ ocrStatus: 'done', ocrEngine: TESSERACT_LABEL });
    expect(read.prose).toMatchObject({ ocrStatus: 'done', ocrEngine: TESSERACT_LABEL });
    fs.rmSync(broken, { recursive: true, force: true });
  }, 240_000);
});
