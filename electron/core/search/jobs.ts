/**
 * The reindex as a job: recorded in `jobs`, progress pushed as `job.progress` events,
 * audited when done. It runs under the write lock (edits wait; reads go on, and search
 * says the index is being rebuilt).
 */
import { appendAudit } from '../audit';
import { actorOf, type CoreContext, type Session, inTransaction, defineService, serviceOf } from '../kernel';
import { isStale } from './meta';
import { rebuildIndex, type ReindexResult } from './reindex';
import { buildProgress } from './state';

const yieldToEvents = () => new Promise<void>((r) => setImmediate(r));

/**
 * The reindex jobs of one core. Closing the core ends a running rebuild at its next batch
 * (its one transaction rolls back, the old index stays) and waits for it, so nothing
 * writes after SQLite closes; a job still waiting for the write lock then does not start.
 */
const reindexJobs = defineService({
  name: 'search.reindexJobs',
  create: () => ({ stopping: false, running: new Set<Promise<unknown>>() }),
  stop: async (jobs) => {
    jobs.stopping = true;
    await Promise.allSettled([...jobs.running]);
  },
});

const CLOSING = '程序正在关闭，检索索引重建已中止（下次启动时重建）';

export async function runReindexJob(ctx: CoreContext, jobId: string, session: Session | null): Promise<ReindexResult> {
  ctx.sqlite
    .prepare(
      "INSERT INTO jobs (id, kind, state, done, total, created_by, created_at) VALUES (?, 'reindex', 'running', 0, 0, ?, ?)",
    )
    .run(jobId, session?.userId ?? null, ctx.nowIso());
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
    const jobs = serviceOf(ctx, reindexJobs);
    const result = await rebuildIndex(
      ctx,
      (done, total) => {
        if (done - last >= 5000 || done === total) emit((last = done), total);
      },
      async () => {
        await yieldToEvents();
        if (jobs.stopping) throw new Error(CLOSING);
      },
    );
    ctx.sqlite
      .prepare("UPDATE jobs SET state = 'done', done = ?, total = ?, finished_at = ?, result = ? WHERE id = ?")
      .run(result.docs, result.docs, ctx.nowIso(), JSON.stringify(result), jobId);
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
    ctx.sqlite
      .prepare("UPDATE jobs SET state = 'failed', finished_at = ?, error = ? WHERE id = ?")
      .run(ctx.nowIso(), msg, jobId);
    ctx.log.error('重建检索索引失败', e);
    throw e;
  }
}

/** Starts a reindex in the background; returns the job id (or the running one's). */
export function startReindex(ctx: CoreContext, session: Session | null): string {
  const jobId = ctx.ids();
  buildProgress(ctx).building = true; // searches say so from now on, not only once the job gets the lock
  const jobs = serviceOf(ctx, reindexJobs);
  const run = ctx.lock
    .run(() => (jobs.stopping ? Promise.resolve(null) : runReindexJob(ctx, jobId, session)))
    .catch(() => undefined)
    .finally(() => jobs.running.delete(run));
  jobs.running.add(run);
  return jobId;
}

/** For long-running hosts: an index left stale (a bulk load, an upgrade) is rebuilt at start. */
export function reindexIfStale(ctx: CoreContext): string | null {
  return isStale(ctx.sqlite) && !buildProgress(ctx).building ? startReindex(ctx, null) : null;
}
