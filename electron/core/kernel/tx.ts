import type { CoreContext } from './context';

/**
 * Runs `fn` in one SQLite transaction (nested calls become savepoints). Every
 * mutation writes its rows, its audit entry and its change-log rows inside it.
 */
export function inTransaction<T>(ctx: CoreContext, fn: () => T): T {
  const result = ctx.sqlite.transaction(fn).immediate();
  ctx.dataVersion++;
  return result;
}
