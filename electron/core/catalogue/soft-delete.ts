import { eq, sql } from 'drizzle-orm';
import { items, volumes } from '../../../db/schema';
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
  const t = row.table === 'items' ? items : volumes;
  ctx.orm
    .update(t)
    .set({
      deletedAt: now,
      deletedBy: who.userId,
      deletedReason: reason,
      version: sql`${t.version} + 1`,
      updatedAt: now,
    })
    .where(eq(t.id, row.id))
    .run();
  recordChange(ctx, row.entity, row.id, row.version + 1, 'delete');
  appendAudit(ctx, who.actor, {
    action: row.entity === 'item' ? 'item.delete' : 'volume.delete',
    entity: row.entity,
    entityId: row.id,
    summary,
    details: { ...details, reason },
  });
}
