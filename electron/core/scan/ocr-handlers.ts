/** The OCR queue through the contract: queue pages again, watch it, cancel. */
import { appendAudit } from '../audit';
import { mutation, sessionOf, type Handlers } from '../kernel';
import { loadPage } from './pages';
import { servicesOf } from './services';
import { hasPendingOcr, queueOcr } from '../ocr';

export const ocrHandlers = {
  'ocr.enqueue': (env, { pageIds, template }) => {
    const queued = mutation(env, (ctx, s, actor) => {
      let n = 0;
      for (const id of pageIds) {
        const p = loadPage(ctx, id, s.clearance);
        if (hasPendingOcr(ctx, id)) continue;
        queueOcr(ctx, id, p.batch_id, template);
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
      const db = ctx.sqlite;
      const where = batchId ? 'batch_id = @batch' : `page_id IN (SELECT value FROM json_each(@pages))`;
      const params = { batch: batchId ?? null, pages: JSON.stringify(pageIds ?? []) };
      const ids = db
        .prepare(`SELECT page_id FROM ocr_jobs WHERE status IN ('queued','running') AND ${where}`)
        .pluck()
        .all(params) as string[];
      db.prepare(
        `UPDATE ocr_jobs SET status = 'cancelled', finished_at = @now WHERE status IN ('queued','running') AND ${where}`,
      ).run({ ...params, now: ctx.nowIso() });
      const mark = db.prepare("UPDATE pages SET ocr_status = 'pending' WHERE id = ?");
      for (const id of ids) mark.run(id);
      appendAudit(ctx, actor, {
        action: 'ocr.cancel',
        entity: batchId ? 'scan_batch' : 'page',
        entityId: batchId ?? null,
        summary: `取消识别 ${ids.length} 页`,
      });
      return { cancelled: ids.length };
    }),
} satisfies Partial<Handlers>;
