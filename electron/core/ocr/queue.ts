/**
 * Putting pages on the durable OCR queue. A page whose image changed (rotated, replaced
 * by a rescan) drops any job still queued or running for the old image first: the runner
 * commits a result only while its job is still 'running', so a late result is discarded.
 */
import type { CoreContext } from '../kernel';

export function cancelOcr(ctx: CoreContext, pageId: string): void {
  ctx.sqlite
    .prepare(
      "UPDATE ocr_jobs SET status = 'cancelled', finished_at = ? WHERE page_id = ? AND status IN ('queued','running')",
    )
    .run(ctx.nowIso(), pageId);
}

/** Queues one page; call inside the caller's transaction. */
export function queueOcr(ctx: CoreContext, pageId: string, batchId: string | null, template: string): void {
  const now = ctx.nowIso();
  ctx.sqlite
    .prepare(
      "INSERT INTO ocr_jobs (id, page_id, batch_id, template, status, enqueued_at) VALUES (?, ?, ?, ?, 'queued', ?)",
    )
    .run(ctx.ids(), pageId, batchId, template, now);
  ctx.sqlite.prepare("UPDATE pages SET ocr_status = 'queued', error = NULL WHERE id = ?").run(pageId);
}

export const hasPendingOcr = (ctx: CoreContext, pageId: string): boolean =>
  !!ctx.sqlite.prepare("SELECT 1 FROM ocr_jobs WHERE page_id = ? AND status IN ('queued','running')").get(pageId);

/**
 * The batch's template choice for a page whose image changed: the old detection may
 * have been wrong because of that very rotation or rescan, so it is not reused.
 */
export function batchTemplateOf(ctx: CoreContext, pageId: string): string {
  const settings = ctx.sqlite
    .prepare('SELECT b.settings FROM pages p JOIN scan_batches b ON b.id = p.batch_id WHERE p.id = ?')
    .pluck()
    .get(pageId) as string | undefined;
  try {
    const t = (JSON.parse(settings ?? '{}') as { template?: unknown }).template;
    return typeof t === 'string' && t !== 'skip' ? t : 'auto';
  } catch {
    return 'auto';
  }
}
