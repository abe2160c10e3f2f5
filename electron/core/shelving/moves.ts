/**
 * Moving a box or a loose volume to a place: its location changes and a history row says who,
 * when, from where to where. The one door for every move (shelving by hand, boxing, an accepted
 * stock-take), so a record's history is complete whichever screen moved it.
 */
import { and, eq } from 'drizzle-orm';
import { placeMoves, locations, type PlaceMoveRecord } from '../../../db/schema';
import { type Actor, type CoreContext, nodeIdOf, recordChange } from '../kernel';

export type PlacedEntity = 'box' | 'volume';
export type MoveReason = PlaceMoveRecord['reason'];

export interface PlaceMove {
  entity: PlacedEntity;
  entityId: string;
  /** null takes it off the shelves (a box emptied and discarded, a volume put in a box). */
  toPlaceId: string | null;
  reason: MoveReason;
  stocktakeId?: string;
}

/** The place a box or loose volume stands in now, or null. */
export function locationOf(ctx: CoreContext, entity: PlacedEntity, entityId: string): string | null {
  const row = ctx.orm
    .select({ placeId: locations.placeId })
    .from(locations)
    .where(and(eq(locations.entity, entity), eq(locations.entityId, entityId)))
    .get();
  return row?.placeId ?? null;
}

/**
 * Records one move. The caller holds the transaction and writes the audit row (it knows what
 * the clerk did: a move, a boxing, a stock-take). Returns null when the record already stands
 * there, so a repeated move leaves no empty history.
 */
export function moveTo(ctx: CoreContext, actor: Actor, move: PlaceMove): PlaceMoveRecord | null {
  if (!ctx.sqlite.inTransaction) throw new Error('moveTo must run inside a transaction');
  const from = locationOf(ctx, move.entity, move.entityId);
  if (from === move.toPlaceId) return null;
  const now = ctx.nowIso();
  const where = and(eq(locations.entity, move.entity), eq(locations.entityId, move.entityId));
  if (move.toPlaceId === null) ctx.orm.delete(locations).where(where).run();
  else if (from === null)
    ctx.orm
      .insert(locations)
      .values({
        entity: move.entity,
        entityId: move.entityId,
        placeId: move.toPlaceId,
        placedAt: now,
        placedBy: actor.name,
      })
      .run();
  else
    ctx.orm.update(locations).set({ placeId: move.toPlaceId, placedAt: now, placedBy: actor.name }).where(where).run();
  const row: PlaceMoveRecord = {
    id: ctx.ids(),
    nodeId: nodeIdOf(ctx),
    entity: move.entity,
    entityId: move.entityId,
    fromPlaceId: from,
    toPlaceId: move.toPlaceId,
    fromBoxId: null,
    toBoxId: null,
    reason: move.reason,
    stocktakeId: move.stocktakeId ?? null,
    movedBy: actor.id,
    movedByName: actor.name,
    movedAt: now,
  };
  ctx.orm.insert(placeMoves).values(row).run();
  recordChange(ctx, 'location', `${move.entity}:${move.entityId}`, 1, from === null ? 'insert' : 'update');
  return row;
}
