/**
 * Writing a validated import: one transaction for the whole file (all rows or none),
 * kept open across event-loop turns so progress reaches the window between chunks.
 */
import { eq } from 'drizzle-orm';
import { jobs } from '../../../db/schema/system';
import type { ImportResult } from '../../contract/dto';
import { appendAudit } from '../audit';
import { insertItem } from '../catalogue';
import { actorOf, type CoreContext, type Session, lastChangeSeq, runCommitHooks } from '../kernel';
import { rememberMapping, type Mapping } from './mapping';
import type { PreparedRow } from './validate-rows';

const CHUNK = 500;
/** Row numbers kept in the audit entry; the count is always exact. */
const MAX_LISTED = 1000;

export interface WriteBatch {
  jobId: string;
  fileName: string;
  categoryId: string;
  headers: string[];
  mapping: Mapping;
  rows: PreparedRow[];
  /** Rows left out by a valid-rows-only import; empty for an all-or-nothing one. */
  skippedRows: number[];
  onProgress: (done: number, total: number) => void;
}

/** The caller marks the open transaction with lock.holdTransaction before calling this. */
export async function writeRows(ctx: CoreContext, session: Session, b: WriteBatch): Promise<ImportResult> {
  const actor = actorOf(session);
  ctx.sqlite.exec('BEGIN IMMEDIATE');
  const since = lastChangeSeq(ctx);
  try {
    const codes: string[] = [];
    for (let i = 0; i < b.rows.length; i += CHUNK) {
      for (const r of b.rows.slice(i, i + CHUNK)) codes.push(insertItem(ctx, actor, r.item).archiveCode);
      b.onProgress(codes.length, b.rows.length);
      await new Promise((res) => setImmediate(res));
    }
    const first = codes[0] ?? null;
    const last = codes[codes.length - 1] ?? null;
    rememberMapping(ctx, b.categoryId, b.headers, b.mapping);
    const skipped = b.skippedRows.length;
    appendAudit(ctx, actor, {
      action: 'item.import',
      entity: 'item',
      summary:
        `导入 ${codes.length} 件（${b.fileName}）${first ? `：${first} 至 ${last}` : ''}` +
        (skipped ? `；仅导入有效行，跳过有错误的 ${skipped} 行` : ''),
      details: {
        fileName: b.fileName,
        count: codes.length,
        first,
        last,
        jobId: b.jobId,
        ...(skipped ? { validOnly: true, skipped, skippedRows: b.skippedRows.slice(0, MAX_LISTED) } : {}),
      },
    });
    runCommitHooks(ctx, since);
    ctx.sqlite.exec('COMMIT');
    ctx.dataVersion++;
    return {
      jobId: b.jobId,
      imported: codes.length,
      firstArchiveCode: first,
      lastArchiveCode: last,
      skipped,
      report: null,
    };
  } catch (e) {
    if (ctx.sqlite.inTransaction) ctx.sqlite.exec('ROLLBACK');
    throw e;
  }
}

/** Jobs are small autocommit writes of their own: a failed import still leaves its record. */
export function startJob(ctx: CoreContext, jobId: string, session: Session): void {
  ctx.orm
    .insert(jobs)
    .values({
      id: jobId,
      kind: 'import',
      state: 'running',
      done: 0,
      total: 0,
      createdBy: session.userId,
      createdAt: ctx.nowIso(),
    })
    .run();
}

export function finishJob(
  ctx: CoreContext,
  jobId: string,
  state: 'done' | 'failed',
  count: number,
  result: ImportResult | null,
  error: string | null,
): void {
  ctx.orm
    .update(jobs)
    .set({
      state,
      done: count,
      total: count,
      finishedAt: ctx.nowIso(),
      result: result ? JSON.stringify(result) : null,
      error,
    })
    .where(eq(jobs.id, jobId))
    .run();
}
