/** Writes an OCR job's outcome: one transaction, with its audit and change-log rows. */
import { and, eq, sql } from 'drizzle-orm';
import { ocrJobs, pageFields, pages, type OcrJobRecord } from '../../../db/schema/scan';
import { appendAudit } from '../audit';
import { recordChange, type CoreContext, type AppError, inTransaction } from '../kernel';
import type { BlobStore } from '../storage';
import type { PageReading } from '../forms';
import { writePageText } from '../ocr';

type Job = Pick<OcrJobRecord, 'id' | 'pageId'>;

const SYSTEM = { id: null, name: 'system(文字识别)' };

/** Returns false when the job was cancelled while it ran (its result is dropped). */
export function commitReading(ctx: CoreContext, store: BlobStore, job: Job, r: PageReading): boolean {
  // Files first (outside the transaction): a crash between leaves only an unreferenced file.
  // Further persons' fields (a page of two persons' forms) go with the words: the page has one record.
  const otherPersons = r.otherPersons?.map((fs) =>
    fs
      .filter((f) => f.confidence !== null)
      .map((f) => ({ key: f.key, label: f.label, value: f.value, confidence: f.confidence })),
  );
  const words = store.put(
    Buffer.from(
      JSON.stringify({ engine: r.engine, text: r.text, lines: r.lines, ...(otherPersons ? { otherPersons } : {}) }),
    ),
  );
  const pdf = r.pdf ? store.put(r.pdf) : null;
  return inTransaction(ctx, () => {
    const db = ctx.orm;
    const status = db.select({ status: ocrJobs.status }).from(ocrJobs).where(eq(ocrJobs.id, job.id)).get()?.status;
    if (status !== 'running') return false; // cancelled while it ran
    const now = ctx.nowIso();
    const version = db
      .update(pages)
      .set({
        ocrStatus: 'done',
        ocrEngine: r.engine,
        ocrConfidence: Math.round(r.confidence * 10) / 10,
        templateId: r.template?.id ?? null,
        templateNote: r.templateMiss,
        wordsSha256: words.sha256,
        pdfSha256: pdf?.sha256 ?? null,
        verifyStatus: r.fields.length ? 'pending' : 'none',
        error: null,
        // Read turned 180° (fed upside down): the page is shown as it was read.
        ...(r.turned ? { rotation: sql`(${pages.rotation} + 2) % 4` } : {}),
        version: sql`${pages.version} + 1`,
        updatedAt: now,
      })
      .where(eq(pages.id, job.pageId))
      .returning({ version: pages.version })
      .get()!.version;
    db.delete(pageFields).where(eq(pageFields.pageId, job.pageId)).run();
    if (r.fields.length)
      db.insert(pageFields)
        .values(
          r.fields.map((f) => ({
            pageId: job.pageId,
            key: f.key,
            label: f.label,
            kind: f.kind,
            raw: f.raw,
            value: f.value,
            // 未识别 (no confidence) is stored as 0 with a zero-size box: fieldsOf gives it back as null.
            confidence: f.confidence ?? 0,
            valid: f.valid ? 1 : 0,
            issue: f.issue,
            required: f.required ? 1 : 0,
            bbox: JSON.stringify(f.bbox),
            status: 'pending' as const,
          })),
        )
        .run();
    writePageText(ctx, job.pageId, r.text);
    db.update(ocrJobs).set({ status: 'done', finishedAt: now, error: null }).where(eq(ocrJobs.id, job.id)).run();
    recordChange(ctx, 'page', job.pageId, version, 'update');
    const invalid = r.fields.filter((f) => !f.valid).length;
    appendAudit(ctx, SYSTEM, {
      action: 'page.ocr',
      entity: 'page',
      entityId: job.pageId,
      summary: `文字识别完成：${r.text.length} 字，置信度 ${Math.round(r.confidence)}${r.template ? `，表单“${r.template.name}”${r.fields.length} 项（${invalid} 项待核对）` : ''}${r.templateMiss ? `；${r.templateMiss}` : ''}${r.turned ? '；页面上下颠倒，已转正后识别' : ''}`,
      details: {
        engine: r.engine,
        fallback: r.fallback,
        template: r.template?.id ?? null,
        templateMiss: r.templateMiss,
        ms: Math.round(r.ms),
      },
    });
    return true;
  });
}

export function failJob(ctx: CoreContext, job: Job, err: AppError, retry: boolean): void {
  inTransaction(ctx, () => {
    const now = ctx.nowIso();
    const status = retry ? 'queued' : 'failed';
    ctx.orm
      .update(ocrJobs)
      .set({ status, error: err.message, finishedAt: retry ? null : now })
      .where(and(eq(ocrJobs.id, job.id), eq(ocrJobs.status, 'running')))
      .run();
    ctx.orm
      .update(pages)
      .set({ ocrStatus: status, error: retry ? null : err.message, updatedAt: now })
      .where(eq(pages.id, job.pageId))
      .run();
    if (!retry)
      appendAudit(ctx, SYSTEM, {
        action: 'page.ocr.failed',
        entity: 'page',
        entityId: job.pageId,
        summary: `文字识别失败：${err.message}`,
        details: { code: err.code },
      });
  });
}
