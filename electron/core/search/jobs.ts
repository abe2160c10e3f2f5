/**
 * The reindex as a job: recorded in `jobs`, progress pushed as `job.progress` events,
 * audited when done. It runs under the write lock (edits wait; reads go on, and search
 * says the index is being rebuilt).
 */
import { eq } from 'drizzle-orm';
import { jobs } from '../../../db/schema';
import { isStale } from './meta';
import { rebuildIndex, type ReindexResult } from './reindex';
import { buildProgress } from './state';
import { appendAudit } from '../audit';
import { actorOf, type CoreContext, type Session, inTransaction, defineService, serviceOf } from '../kernel';

const yieldToEvents = () => new Promise<void>((r) => setImmediate(r));

/**
 * The reindex jobs of one core. Closing the core ends a running rebuild at its next batch
 * (its one transaction rolls back, the old index stays) and waits for it, so nothing
 * writes after SQLite closes; a job still waiting for the write lock then does not start.
 */
const reindexJobs = defineService({
  name: 'search.reindexJobs',
  create: () => ({ stopping: false, running: new Set<Promise<unknown>>() }),
  stop: async (own) => {
    own.stopping = true;
    await Promise.allSettled([...own.running]);
  },
});

const CLOSING = '程序正在关闭，检索索引重建已中止（下次启动时重建）';

export async function runReindexJob(ctx: CoreContext, jobId: string, session: Session | null): Promise<ReindexResult> {
  ctx.orm
    .insert(jobs)
    .values({
      id: jobId,
      kind: 'reindex',
      state: 'running',
      done: 0,
      total: 0,
      createdBy: session?.userId ?? null,
      createdAt: ctx.nowIso(),
    })
    .run();
  const emit = (done: number, total: number, phase = '重建索引') =>
    ctx.events.emit('job.progress', {
      jobId,
      kind: 'reindex',
      phase,
      done,
      total,
      message: `${phase} ${done}/${total}`,
    });
  let last = 0;
  try {
    const own = serviceOf(ctx, reindexJobs);
    const result = await rebuildIndex(
      ctx,
      (done, total) => {
        if (done - last >= 5000 || done === total) emit((last = done), total);
      },
      async () => {
        await yieldToEvents();
        if (own.stopping) throw new Error(CLOSING);
      },
    );
    ctx.orm
      .update(jobs)
      .set({
        state: 'done',
        done: result.docs,
        total: result.docs,
        finishedAt: ctx.nowIso(),
        result: JSON.stringify(result),
      })
      .where(eq(jobs.id, jobId))
      .run();
    inTransaction(
      ctx,
      () =>
        appendAudit(ctx, actorOf(session), {
          action: 'search.reindex',
          entity: 'system',
          summary: `重建检索索引：${result.docs} 件，用时 ${result.seconds} 秒`,
          details: { ...result },
        }),
      { catalogue: false },
    );
    emit(result.docs, result.docs, '完成');
    return result;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    ctx.orm.update(jobs).set({ state: 'failed', finishedAt: ctx.nowIso(), error: msg }).where(eq(jobs.id, jobId)).run();
    ctx.log.error('重建检索索引失败', e);
    throw e;
  }
}

/** Starts a reindex in the background; returns the job id (or the running one's). */
export function startReindex(ctx: CoreContext, session: Session | null): string {
  const jobId = ctx.ids();
  buildProgress(ctx).building = true; // searches say so from now on, not only once the job gets the lock
  const own = serviceOf(ctx, reindexJobs);
  const run = ctx.lock
    .run(() => (own.stopping ? Promise.resolve(null) : runReindexJob(ctx, jobId, session)))
    .catch(() => undefined)
    .finally(() => own.running.delete(run));
  own.running.add(run);
  return jobId;
}

/** For long-running hosts: an index left stale (a bulk load, an upgrade) is rebuilt at start. */
export function reindexIfStale(ctx: CoreContext): string | null {
  return isStale(ctx) && !buildProgress(ctx).building ? startReindex(ctx, null) : null;
}
