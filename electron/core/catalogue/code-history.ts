import { asc, eq, sql } from 'drizzle-orm';
import { archiveCodeHistory as history, type ItemRecord } from '../../../db/schema';
import type { CodeHistoryEntry } from '../../contract/records';
import { recordChange, type Actor, type CoreContext } from '../kernel';

/** Keeps a record's previous 档号: shown in its detail, and indexed by search with the record. */
export function recordCodeChange(
  ctx: CoreContext,
  actor: Actor,
  row: { entity: 'item' | 'volume'; id: string; oldCode: string; newCode: string; reason: string },
): void {
  ctx.orm
    .insert(history)
    .values({
      id: ctx.ids(),
      entity: row.entity,
      entityId: row.id,
      oldCode: row.oldCode,
      newCode: row.newCode,
      reason: row.reason,
      changedBy: actor.id,
      changedByName: actor.name,
      changedAt: ctx.nowIso(),
    })
    .run();
}

/**
 * A record moved to a new 档号 by an UPDATE that bumped its version: its old 档号 is kept
 * and the new version goes to the change log, so sync carries the move.
 */
export function recordRecoded(
  ctx: CoreContext,
  actor: Actor,
  entity: 'item' | 'volume',
  cur: Pick<ItemRecord, 'id' | 'version' | 'archiveCode'>,
  newCode: string,
  reason: string,
): void {
  recordCodeChange(ctx, actor, { entity, id: cur.id, oldCode: cur.archiveCode, newCode, reason });
  recordChange(ctx, entity, cur.id, cur.version + 1, 'update');
}

/** A record's earlier 档号, oldest first. The caller has checked the record is visible. */
export function codeHistoryOf(ctx: CoreContext, entityId: string): CodeHistoryEntry[] {
  return ctx.orm
    .select({
      oldCode: history.oldCode,
      newCode: history.newCode,
      reason: history.reason,
      changedBy: history.changedByName,
      changedAt: history.changedAt,
    })
    .from(history)
    .where(eq(history.entityId, entityId))
    .orderBy(asc(history.changedAt), sql`rowid`)
    .all();
}
