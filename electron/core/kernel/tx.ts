import type { CoreContext } from './context';

/**
 * Runs `fn` in one SQLite transaction (nested calls become savepoints). Every
 * mutation writes its rows, its audit entry and its change-log rows inside it.
 * `catalogue: false` marks a change that leaves the catalogue as it was (a login, an
 * account, an export's audit entry), so the grid's cached totals and anchors survive it.
 */
export function inTransaction<T>(ctx: CoreContext, fn: () => T, opts: { catalogue?: boolean } = {}): T {
  const result = ctx.sqlite.transaction(fn).immediate();
  if (opts.catalogue !== false) ctx.dataVersion++;
  return result;
}
