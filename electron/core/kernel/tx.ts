import { max } from 'drizzle-orm';
import { changeLog } from '../../../db/schema';
import type { CoreContext } from './context';

/** The last change-log row so far; hooks see the rows a transaction adds after it. */
export const lastChangeSeq = (ctx: CoreContext): number =>
  ctx.orm
    .select({ seq: max(changeLog.seq) })
    .from(changeLog)
    .get()?.seq ?? 0;

/**
 * Runs the commit hooks (derived data such as the search index, kept in step inside the
 * same transaction) over the change-log rows written since `sinceSeq`.
 */
export function runCommitHooks(ctx: CoreContext, sinceSeq: number): void {
  for (const hook of ctx.commitHooks) hook(sinceSeq);
}

/**
 * Runs `fn` in one SQLite transaction (nested calls become savepoints). Every
 * mutation writes its rows, its audit entry and its change-log rows inside it; the
 * outermost call then runs the commit hooks before committing.
 * `catalogue: false` marks a change that leaves the catalogue as it was (a login, an
 * account, an export's audit entry), so the grid's cached totals and anchors survive it.
 */
export function inTransaction<T>(ctx: CoreContext, fn: () => T, opts: { catalogue?: boolean } = {}): T {
  const outer = !ctx.sqlite.inTransaction;
  const result = ctx.sqlite
    .transaction(() => {
      const since = outer && ctx.commitHooks.length ? lastChangeSeq(ctx) : 0;
      const value = fn();
      if (outer && ctx.commitHooks.length) runCommitHooks(ctx, since);
      return value;
    })
    .immediate();
  if (opts.catalogue !== false) ctx.dataVersion++;
  return result;
}
