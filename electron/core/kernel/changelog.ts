import type { CoreContext } from './context';

export type ChangeOp = 'insert' | 'update' | 'delete';

/** One change-log row per changed record, read later by the USB bundle export. */
export function recordChange(ctx: CoreContext, entity: string, entityId: string, version: number, op: ChangeOp): void {
  ctx.sqlite
    .prepare('INSERT INTO change_log (entity, entity_id, version, op, node_id, ts) VALUES (?, ?, ?, ?, ?, ?)')
    .run(entity, entityId, version, op, nodeIdOf(ctx), ctx.nowIso());
}

const nodeIds = new WeakMap<object, string>();
/** This installation's node id (set at setup; cached per database connection). */
export function nodeIdOf(ctx: CoreContext): string {
  const cached = nodeIds.get(ctx.sqlite);
  if (cached) return cached;
  const row = ctx.sqlite.prepare("SELECT value FROM meta WHERE key = 'node_id'").get() as { value: string } | undefined;
  if (!row) throw new Error('node_id missing: setup has not run');
  nodeIds.set(ctx.sqlite, row.value);
  return row.value;
}
