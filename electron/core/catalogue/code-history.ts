import type { CodeHistoryEntry } from '../../contract/records';
import type { Actor, CoreContext } from '../kernel/context';

/** Keeps a record's previous 档号: shown in its detail, and indexed by search with the record. */
export function recordCodeChange(
  ctx: CoreContext,
  actor: Actor,
  row: { entity: 'item' | 'volume'; id: string; oldCode: string; newCode: string; reason: string },
): void {
  ctx.sqlite
    .prepare(
      `INSERT INTO archive_code_history (id, entity, entity_id, old_code, new_code, reason, changed_by, changed_by_name, changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(ctx.ids(), row.entity, row.id, row.oldCode, row.newCode, row.reason, actor.id, actor.name, ctx.nowIso());
}

/** A record's earlier 档号, oldest first. The caller has checked the record is visible. */
export function codeHistoryOf(ctx: CoreContext, entityId: string): CodeHistoryEntry[] {
  return ctx.sqlite
    .prepare(
      `SELECT old_code oldCode, new_code newCode, reason, changed_by_name changedBy, changed_at changedAt
       FROM archive_code_history WHERE entity_id = ? ORDER BY changed_at, rowid`,
    )
    .all(entityId) as CodeHistoryEntry[];
}
