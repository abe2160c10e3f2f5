/**
 * A page in the intake whose OCR job is taken but not run, and a way to commit a label
 * reading for it as the OCR runner would: the verification screen's tests build the
 * reading from lines they write, with no OCR at all.
 */
import sharp from 'sharp';
import type { LabelRead } from '../../electron/core/forms/label-fields';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import type { OcrLine } from '../../electron/core/ocr';
import { commitReading } from '../../electron/core/scan';
import { servicesOf } from '../../electron/core/scan/services';
import type { TestCore } from './test-core';

/** One recognised line at x = 100, 40 px a character. */
export const labelLine = (text: string, y: number): OcrLine => ({
  text,
  confidence: 91,
  bbox: { x0: 100, y0: y, x1: 100 + 40 * [...text].length, y1: y + 40 },
  words: [],
});

/** Imports one page and takes its OCR job (the runner stopped); returns the page and job. */
export async function pendingPage(t: TestCore, name: string): Promise<{ pageId: string; jobId: string }> {
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
    { files: [{ name, dataBase64: png.toString('base64') }], template: 'auto' },
    t.adminToken,
  );
  const pageId = (await t.ok('pages.list', { batchId: r.batchId }, t.adminToken))[0]!.id;
  const sqlite = t.core.ctx.sqlite;
  const job = sqlite.prepare('SELECT id FROM ocr_jobs WHERE page_id = ?').get(pageId) as { id: string };
  sqlite.prepare("UPDATE ocr_jobs SET status = 'running' WHERE id = ?").run(job.id);
  return { pageId, jobId: job.id };
}

/** Commits a reading by printed labels of a built-in form type, as the OCR runner would. */
export function commitLabelReading(
  t: TestCore,
  page: { pageId: string; jobId: string },
  r: { formType: string; lines: OcrLine[]; fields: LabelRead[]; otherPersons?: LabelRead[][] },
): void {
  const ctx = t.core.ctx;
  commitReading(
    ctx,
    servicesOf(ctx).store,
    { id: page.jobId, pageId: page.pageId },
    {
      text: r.lines.map((l) => l.text).join('\n'),
      confidence: 91,
      lines: r.lines,
      pdf: null,
      templateMiss: null,
      template: BUILTIN_TEMPLATES.find((x) => x.id === r.formType)!,
      fields: r.fields,
      ...(r.otherPersons ? { otherPersons: r.otherPersons } : {}),
      fieldSource: 'labels',
      ms: 1,
      engine: 'tesseract.js',
      fallback: null,
    },
  );
}
