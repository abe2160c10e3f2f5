/**
 * Putting pages on the durable OCR queue. A page whose image changed (rotated, replaced
 * by a rescan) drops any job still queued or running for the old image first: the runner
 * commits a result only while its job is still 'running', so a late result is discarded.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { ocrJobs, pages, scanBatches } from '../../../db/schema/scan';
import { type CoreContext } from '../kernel';

/** A job still to be done or being done (at most one per page: ux_ocr_jobs_live_page). */
export const liveJob = inArray(ocrJobs.status, ['queued', 'running']);

export function cancelOcr(ctx: CoreContext, pageId: string): void {
  ctx.orm
    .update(ocrJobs)
    .set({ status: 'cancelled', finishedAt: ctx.nowIso() })
    .where(and(eq(ocrJobs.pageId, pageId), liveJob))
    .run();
}

/** Queues one page; call inside the caller's transaction. */
export function queueOcr(ctx: CoreContext, pageId: string, batchId: string | null, template: string): void {
  ctx.orm
    .insert(ocrJobs)
    .values({ id: ctx.ids(), pageId, batchId, template, status: 'queued', enqueuedAt: ctx.nowIso() })
    .run();
  ctx.orm.update(pages).set({ ocrStatus: 'queued', error: null }).where(eq(pages.id, pageId)).run();
}

export const hasPendingOcr = (ctx: CoreContext, pageId: string): boolean =>
  ctx.orm
    .select({ id: ocrJobs.id })
    .from(ocrJobs)
    .where(and(eq(ocrJobs.pageId, pageId), liveJob))
    .get() !== undefined;

/**
 * The batch's template choice for a page whose image changed: the old detection may
 * have been wrong because of that very rotation or rescan, so it is not reused.
 */
export function batchTemplateOf(ctx: CoreContext, pageId: string): string {
  const settings = ctx.orm
    .select({ settings: scanBatches.settings })
    .from(pages)
    .innerJoin(scanBatches, eq(scanBatches.id, pages.batchId))
    .where(eq(pages.id, pageId))
    .get()?.settings;
  try {
    const t = (JSON.parse(settings ?? '{}') as { template?: unknown }).template;
    return typeof t === 'string' && t !== 'skip' ? t : 'auto';
  } catch {
    return 'auto';
  }
}
