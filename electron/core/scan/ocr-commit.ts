/** Writes an OCR job's outcome: one transaction, with its audit and change-log rows. */
import { appendAudit } from '../audit';
import { recordChange, type CoreContext, type AppError, inTransaction } from '../kernel';
import type { BlobStore } from '../storage';
import type { PageReading } from '../forms';
import { writePageText } from '../ocr';

interface Job {
  id: string;
  page_id: string;
}

const SYSTEM = { id: null, name: 'system(文字识别)' };

/** Returns false when the job was cancelled while it ran (its result is dropped). */
export function commitReading(ctx: CoreContext, store: BlobStore, job: Job, r: PageReading): boolean {
  // Files first (outside the transaction): a crash between leaves only an unreferenced file.
  const words = store.put(Buffer.from(JSON.stringify({ engine: r.engine, text: r.text, lines: r.lines })));
  const pdf = r.pdf ? store.put(r.pdf) : null;
  return inTransaction(ctx, () => {
    const db = ctx.sqlite;
    const status = db.prepare('SELECT status FROM ocr_jobs WHERE id = ?').pluck().get(job.id);
    if (status !== 'running') return false; // cancelled while it ran
    const now = ctx.nowIso();
    db.prepare(
      `UPDATE pages SET ocr_status = 'done', ocr_engine = @engine, ocr_confidence = @conf, template_id = @tpl, template_note = @note,
         words_sha256 = @words, pdf_sha256 = @pdf, verify_status = @verify, error = NULL, version = version + 1, updated_at = @now
       WHERE id = @id`,
    ).run({
      id: job.page_id,
      engine: r.engine,
      conf: Math.round(r.confidence * 10) / 10,
      tpl: r.template?.id ?? null,
      note: r.templateMiss,
      words: words.sha256,
      pdf: pdf?.sha256 ?? null,
      verify: r.fields.length ? 'pending' : 'none',
      now,
    });
    db.prepare('DELETE FROM page_fields WHERE page_id = ?').run(job.page_id);
    const insert = db.prepare(
      `INSERT INTO page_fields (page_id, key, label, kind, raw, value, confidence, valid, issue, required, bbox, status)
       VALUES (@page, @key, @label, @kind, @raw, @value, @confidence, @valid, @issue, @required, @bbox, 'pending')`,
    );
    for (const f of r.fields)
      insert.run({
        page: job.page_id,
        key: f.key,
        label: f.label,
        kind: f.kind,
        raw: f.raw,
        value: f.value,
        confidence: f.confidence,
        valid: f.valid ? 1 : 0,
        issue: f.issue,
        required: f.required ? 1 : 0,
        bbox: JSON.stringify(f.bbox),
      });
    writePageText(ctx, job.page_id, r.text);
    db.prepare("UPDATE ocr_jobs SET status = 'done', finished_at = ?, error = NULL WHERE id = ?").run(now, job.id);
    const version = db.prepare('SELECT version FROM pages WHERE id = ?').pluck().get(job.page_id) as number;
    recordChange(ctx, 'page', job.page_id, version, 'update');
    const invalid = r.fields.filter((f) => !f.valid).length;
    appendAudit(ctx, SYSTEM, {
      action: 'page.ocr',
      entity: 'page',
      entityId: job.page_id,
      summary: `文字识别完成：${r.text.length} 字，置信度 ${Math.round(r.confidence)}${r.template ? `，表单“${r.template.name}”${r.fields.length} 项（${invalid} 项待核对）` : ''}${r.templateMiss ? `；${r.templateMiss}` : ''}`,
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
    const db = ctx.sqlite;
    const now = ctx.nowIso();
    db.prepare(
      `UPDATE ocr_jobs SET status = @s, error = @e, finished_at = @now WHERE id = @id AND status = 'running'`,
    ).run({
      id: job.id,
      s: retry ? 'queued' : 'failed',
      e: err.message,
      now: retry ? null : now,
    });
    db.prepare('UPDATE pages SET ocr_status = @s, error = @e, updated_at = @now WHERE id = @id').run({
      id: job.page_id,
      s: retry ? 'queued' : 'failed',
      e: retry ? null : err.message,
      now,
    });
    if (!retry)
      appendAudit(ctx, SYSTEM, {
        action: 'page.ocr.failed',
        entity: 'page',
        entityId: job.page_id,
        summary: `文字识别失败：${err.message}`,
        details: { code: err.code },
      });
  });
}
