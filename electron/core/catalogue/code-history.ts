import type { CodeHistoryEntry } from '../../contract/records';
import { recordChange, type Actor, type CoreContext } from '../kernel';

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

/**
 * A record moved to a new 档号 by an UPDATE that bumped its version: its old 档号 is kept
 * and the new version goes to the change log, so sync carries the move.
 */
export function recordRecoded(
  ctx: CoreContext,
  actor: Actor,
  entity: 'item' | 'volume',
  cur: { id: string; version: number; archive_code: string },
  newCode: string,
  reason: string,
): void {
  recordCodeChange(ctx, actor, { entity, id: cur.id, oldCode: cur.archive_code, newCode, reason });
  recordChange(ctx, entity, cur.id, cur.version + 1, 'update');
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
