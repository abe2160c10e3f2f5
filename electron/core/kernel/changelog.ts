import type { CoreContext } from './context';
import { defineService, serviceOf } from './service-slots';

export type ChangeOp = 'insert' | 'update' | 'delete';

/** One change-log row per changed record, read later by the USB bundle export. */
export function recordChange(ctx: CoreContext, entity: string, entityId: string, version: number, op: ChangeOp): void {
  ctx.sqlite
    .prepare('INSERT INTO change_log (entity, entity_id, version, op, node_id, ts) VALUES (?, ?, ?, ?, ?, ?)')
    .run(entity, entityId, version, op, nodeIdOf(ctx), ctx.nowIso());
}

const nodeIds = defineService({ name: 'kernel.nodeId', create: (): { id: string | null } => ({ id: null }) });
/** This installation's node id (set at setup; cached per core). */
export function nodeIdOf(ctx: CoreContext): string {
  const cached = serviceOf(ctx, nodeIds);
  if (cached.id) return cached.id;
  const row = ctx.sqlite.prepare("SELECT value FROM meta WHERE key = 'node_id'").get() as { value: string } | undefined;
  if (!row) throw new Error('node_id missing: setup has not run');
  cached.id = row.value;
  return row.value;
}
