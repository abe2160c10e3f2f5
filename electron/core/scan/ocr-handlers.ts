/** The OCR queue through the contract: queue pages again, watch it, cancel. */
import { and, eq, inArray } from 'drizzle-orm';
import { ocrJobs, pages } from '../../../db/schema/scan';
import { appendAudit } from '../audit';
import { mutation, sessionOf, type Handlers } from '../kernel';
import { loadPage } from './pages';
import { servicesOf } from './services';
import { hasPendingOcr, liveJob, queueOcr } from '../ocr';

export const ocrHandlers = {
  'ocr.enqueue': (env, { pageIds, template }) => {
    const queued = mutation(env, (ctx, s, actor) => {
      let n = 0;
      for (const id of pageIds) {
        const p = loadPage(ctx, id, s.clearance);
        if (hasPendingOcr(ctx, id)) continue;
        queueOcr(ctx, id, p.batchId, template);
        n++;
      }
      appendAudit(ctx, actor, {
        action: 'ocr.enqueue',
        entity: 'page',
        summary: `重新识别 ${n} 页`,
        details: { pageIds, template },
      });
      return n;
    });
    servicesOf(env.ctx).runner.kick();
    return { queued };
  },

  'ocr.status': (env) => {
    sessionOf(env);
    return servicesOf(env.ctx).runner.stats();
  },

  'ocr.cancel': (env, { batchId, pageIds }) =>
    mutation(env, (ctx, _s, actor) => {
      const which = batchId ? eq(ocrJobs.batchId, batchId) : inArray(ocrJobs.pageId, pageIds ?? []);
      const ids = ctx.orm
        .update(ocrJobs)
        .set({ status: 'cancelled', finishedAt: ctx.nowIso() })
        .where(and(liveJob, which))
        .returning({ pageId: ocrJobs.pageId })
        .all()
        .map((j) => j.pageId);
      for (const id of ids) ctx.orm.update(pages).set({ ocrStatus: 'pending' }).where(eq(pages.id, id)).run();
      appendAudit(ctx, actor, {
        action: 'ocr.cancel',
        entity: batchId ? 'scan_batch' : 'page',
        entityId: batchId ?? null,
        summary: `取消识别 ${ids.length} 页`,
      });
      return { cancelled: ids.length };
    }),
} satisfies Partial<Handlers>;
