import { eq, sql } from 'drizzle-orm';
import { changeLog, meta } from '../../../db/schema';
import type { CoreContext } from './context';
import { defineService, serviceOf } from './service-slots';

export type ChangeOp = 'insert' | 'update' | 'delete';

/**
 * Every mutation writes one row per record (an import, one per item): the insert is built
 * once per core as a prepared drizzle statement rather than on each call.
 */
const insertChange = defineService({
  name: 'kernel.insertChange',
  create: (ctx) =>
    ctx.orm
      .insert(changeLog)
      .values({
        entity: sql.placeholder('entity'),
        entityId: sql.placeholder('entityId'),
        version: sql.placeholder('version'),
        op: sql.placeholder('op'),
        nodeId: sql.placeholder('nodeId'),
        ts: sql.placeholder('ts'),
      })
      .prepare(),
});

/** One change-log row per changed record, read later by the USB bundle export. */
export function recordChange(ctx: CoreContext, entity: string, entityId: string, version: number, op: ChangeOp): void {
  serviceOf(ctx, insertChange).run({ entity, entityId, version, op, nodeId: nodeIdOf(ctx), ts: ctx.nowIso() });
}

const nodeIds = defineService({ name: 'kernel.nodeId', create: (): { id: string | null } => ({ id: null }) });
/** This installation's node id (set at setup; cached per core). */
export function nodeIdOf(ctx: CoreContext): string {
  const cached = serviceOf(ctx, nodeIds);
  if (cached.id) return cached.id;
  const row = ctx.orm.select({ value: meta.value }).from(meta).where(eq(meta.key, 'node_id')).get();
  if (!row) throw new Error('node_id missing: setup has not run');
  cached.id = row.value;
  return row.value;
}
