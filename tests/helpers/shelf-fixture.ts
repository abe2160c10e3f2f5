/**
 * Places, boxes and locations for stock-take tests, written straight into the tables with
 * drizzle in one transaction (the place and boxing screens land separately). Locations go
 * through shelving's moveTo, the one door for moves, so history rows exist as in real use.
 */
import { boxContents, boxes, places, type BoxRecord, type PlaceRecord } from '../../db/schema';
import type { CoreContext } from '../../electron/core/kernel';
import { inTransaction, nodeIdOf } from '../../electron/core/kernel';
import { boxCode, moveTo } from '../../electron/core/shelving';

const ACTOR = { id: null, name: '测试' };

export function addPlace(ctx: CoreContext, code: string, name: string, parent: PlaceRecord | null = null): PlaceRecord {
  const now = ctx.nowIso();
  const row: PlaceRecord = {
    id: ctx.ids(),
    nodeId: nodeIdOf(ctx),
    version: 1,
    parentId: parent?.id ?? null,
    depth: parent ? parent.depth + 1 : 0,
    code,
    name,
    position: 0,
    roomId: null,
    capacity: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  inTransaction(ctx, () => ctx.orm.insert(places).values(row).run());
  return row;
}

/** A 文书 box of 2024 with 盒号 `no`, standing at `place` (or nowhere), holding `volumeIds`. */
export function addBox(
  ctx: CoreContext,
  no: number,
  place: PlaceRecord | null,
  volumeIds: string[] = [],
  categoryId = 'cat-ws',
): BoxRecord {
  const now = ctx.nowIso();
  const cls = { fondsCode: 'J001', categoryCode: 'WS', year: 2024, retention: 'Y', orgCode: 'BGS' };
  const row: BoxRecord = {
    id: ctx.ids(),
    nodeId: nodeIdOf(ctx),
    version: 1,
    code: boxCode(cls, no),
    ...cls,
    retention: 'Y',
    categoryId,
    boxNo: no,
    thicknessMm: 30,
    remarks: '',
    createdBy: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  inTransaction(ctx, () => {
    ctx.orm.insert(boxes).values(row).run();
    volumeIds.forEach((v, i) =>
      ctx.orm
        .insert(boxContents)
        .values({ entity: 'volume', entityId: v, boxId: row.id, position: i + 1 })
        .run(),
    );
    if (place) moveTo(ctx, ACTOR, { entity: 'box', entityId: row.id, toPlaceId: place.id, reason: 'shelve' });
  });
  return row;
}

/** Puts a loose volume on a place. */
export function shelveVolume(ctx: CoreContext, volumeId: string, place: PlaceRecord): void {
  inTransaction(ctx, () =>
    moveTo(ctx, ACTOR, { entity: 'volume', entityId: volumeId, toPlaceId: place.id, reason: 'shelve' }),
  );
}
