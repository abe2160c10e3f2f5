import { appendAudit } from '../audit';
import { recordChange, type Actor, type CoreContext } from '../kernel';

/**
 * Records are never removed: a delete stamps who, when and why, bumps the version and
 * leaves a tombstone in the change log (sync carries deletions as tombstones).
 */
export function softDelete(
  ctx: CoreContext,
  row: { table: 'items' | 'volumes'; entity: 'item' | 'volume'; id: string; version: number },
  who: { userId: string; actor: Actor },
  reason: string,
  summary: string,
  details: Record<string, unknown> = {},
): void {
  const now = ctx.nowIso();
  ctx.sqlite
    .prepare(
      `UPDATE ${row.table} SET deleted_at=?, deleted_by=?, deleted_reason=?, version=version+1, updated_at=? WHERE id=?`,
    )
    .run(now, who.userId, reason, now, row.id);
  recordChange(ctx, row.entity, row.id, row.version + 1, 'delete');
  appendAudit(ctx, who.actor, {
    action: row.entity === 'item' ? 'item.delete' : 'volume.delete',
    entity: row.entity,
    entityId: row.id,
    summary,
    details: { ...details, reason },
  });
}
