/**
 * A page holding two persons' forms reaches the verification screen with the first person
 * as its fields (one record per page) and the second told apart, read-only: the fields
 * recognised for that person with their values, none of them among the fields to accept.
 * The OCR runner is stopped; the reading is committed as it would be.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { dictionaryFor } from '../../electron/core/forms/dictionary';
import { fieldsByLabels } from '../../electron/core/forms/label-fields';
import type { OcrLine } from '../../electron/core/ocr';
import { commitReading } from '../../electron/core/scan';
import { servicesOf } from '../../electron/core/scan/services';
import { makeTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
let pageId: string;

const line = (text: string, y: number): OcrLine => ({
  text,
  confidence: 91,
  bbox: { x0: 100, y0: y, x1: 100 + 40 * [...text].length, y1: y + 40 },
  words: [],
});

beforeAll(async () => {
  t = await makeTestCore();
  servicesOf(t.core.ctx).runner.stop();
  // Noise, so the page is not set aside as blank and gets its OCR job.
  const png = await sharp({
    create: {
      width: 200,
      height: 280,
      channels: 3,
      background: '#fff',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer();
  const r = await t.ok(
    'intake.importFiles',
    { files: [{ name: 'pair.png', dataBase64: png.toString('base64') }], template: 'auto' },
    t.adminToken,
  );
  pageId = (await t.ok('pages.list', { batchId: r.batchId }, t.adminToken))[0]!.id;
  const ctx = t.core.ctx;
  const job = ctx.sqlite.prepare('SELECT id FROM ocr_jobs WHERE page_id = ?').get(pageId) as { id: string };
  ctx.sqlite.prepare("UPDATE ocr_jobs SET status = 'running' WHERE id = ?").run(job.id);
  const dict = dictionaryFor('residence-permit-application')!;
  const first = [line('姓名：王芳', 100), line('联系电话：13800001111', 160)];
  const second = [line('姓名：李红', 900), line('联系电话：13900002222', 960)];
  const lines = [...first, ...second];
  commitReading(
    ctx,
    servicesOf(ctx).store,
    { id: job.id, pageId },
    {
      text: lines.map((l) => l.text).join('\n'),
      confidence: 91,
      lines,
      pdf: null,
      templateMiss: null,
      template: BUILTIN_TEMPLATES.find((x) => x.id === 'residence-permit-application')!,
      fields: fieldsByLabels(first, dict),
      otherPersons: [fieldsByLabels(second, dict)],
      fieldSource: 'labels',
      ms: 1,
      engine: 'tesseract.js',
      fallback: null,
    },
  );
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('a second person on the page, on the verification screen', () => {
  it('keeps the first person as the fields and shows the second read-only, its recognised fields only', async () => {
    const v = await t.ok('verify.get', { id: pageId }, t.adminToken);
    expect(v.fields.find((f) => f.key === 'name')?.value).toBe('王芳');
    expect(v.fields.some((f) => f.value === '李红')).toBe(false);
    expect(v.otherPersons).toHaveLength(1);
    expect(v.otherPersons![0]!.map((f) => [f.label, f.value])).toEqual([
      ['姓名', '李红'],
      ['联系电话', '13900002222'],
    ]);
    expect(v.otherPersons![0]!.every((f) => f.confidence !== null)).toBe(true);
  });
});
