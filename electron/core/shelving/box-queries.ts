/** Reading boxes: a page of them by class, year or place, and one box opened with its contents and history. */
import { and, asc, count, desc, eq, inArray, isNull, max, min, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { boxContents, boxes, items, locations, placeMoves, volumes, type BoxRecord } from '../../../db/schema';
import type { BoxDetail, BoxHistoryEntry, BoxMember, BoxView, zBoxList } from '../../contract/boxes';
import type { Page } from '../../contract/dto';
import { AppError, type CoreContext, itemLevelSql, levelsOf } from '../kernel';
import { boxingSettings } from './box-settings';
import { filledPages } from './boxing-proposal';
import { loadPlaceTree, placePath, type PlaceTree, subtreeIds } from './tree';

const REASON_LABELS: Record<string, string> = {
  shelve: '上架',
  move: '移动',
  box: '装盒',
  unbox: '出盒',
  stocktake: '盘点更正',
};

const memberNo = sql<number>`coalesce(${items.itemNo}, ${volumes.volumeNo})`;
const joinItem = and(eq(boxContents.entity, 'item'), eq(items.id, boxContents.entityId));
const joinVolume = and(eq(boxContents.entity, 'volume'), eq(volumes.id, boxContents.entityId));

export function boxView(ctx: CoreContext, b: BoxRecord, tree: PlaceTree = loadPlaceTree(ctx)): BoxView {
  const stats = ctx.orm
    .select({ entity: boxContents.entity, n: count(), lo: min(memberNo), hi: max(memberNo) })
    .from(boxContents)
    .leftJoin(items, joinItem)
    .leftJoin(volumes, joinVolume)
    .where(eq(boxContents.boxId, b.id))
    .groupBy(boxContents.entity)
    .get();
  const place = ctx.orm
    .select({ id: locations.placeId })
    .from(locations)
    .where(and(eq(locations.entity, 'box'), eq(locations.entityId, b.id)))
    .get();
  return {
    id: b.id,
    code: b.code,
    boxNo: b.boxNo,
    class: {
      fondsCode: b.fondsCode,
      categoryId: b.categoryId,
      categoryCode: b.categoryCode,
      year: b.year,
      retention: b.retention,
      orgCode: b.orgCode,
    },
    thicknessMm: b.thicknessMm,
    remarks: b.remarks,
    entity: stats?.entity ?? null,
    count: stats?.n ?? 0,
    firstNo: stats?.lo == null ? null : Number(stats.lo),
    lastNo: stats?.hi == null ? null : Number(stats.hi),
    placeId: place?.id ?? null,
    placePath: placePath(tree, place?.id ?? null),
    version: b.version,
    createdAt: b.createdAt,
  };
}

/** A live box, or NOT_FOUND. */
export function liveBox(ctx: CoreContext, id: string): BoxRecord {
  const b = ctx.orm
    .select()
    .from(boxes)
    .where(and(eq(boxes.id, id), isNull(boxes.deletedAt)))
    .get();
  if (!b) throw new AppError('NOT_FOUND', '档案盒不存在或已撤销');
  return b;
}

export function listBoxes(ctx: CoreContext, input: z.output<typeof zBoxList>): Page<BoxView> {
  const tree = loadPlaceTree(ctx);
  const conds: (SQL | undefined)[] = [
    isNull(boxes.deletedAt),
    input.categoryId ? eq(boxes.categoryId, input.categoryId) : undefined,
    input.year !== undefined ? eq(boxes.year, input.year) : undefined,
  ];
  if (input.placeCode) {
    const root = [...tree.byId.values()].find((p) => p.code === input.placeCode);
    if (!root) throw new AppError('BOX_PLACE_UNKNOWN', `没有编码为 ${input.placeCode} 的库位`);
    const under = ctx.orm
      .select({ id: locations.entityId })
      .from(locations)
      .where(and(eq(locations.entity, 'box'), inArray(locations.placeId, subtreeIds(tree, root.id))));
    conds.push(inArray(boxes.id, under));
  }
  const where = and(...conds);
  const total = ctx.orm.select({ n: count() }).from(boxes).where(where).get()?.n ?? 0;
  const rows = ctx.orm
    .select()
    .from(boxes)
    .where(where)
    .orderBy(desc(boxes.year), asc(boxes.categoryCode), asc(boxes.retention), asc(boxes.orgCode), asc(boxes.boxNo))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  return { total, offset: input.offset, rows: rows.map((b) => boxView(ctx, b, tree)) };
}

/** What a box holds, each record with its effective 密级 (an item in a volume: the higher). */
export function boxMembers(
  ctx: CoreContext,
  boxId: string,
): (BoxMember & { level: number; entity: 'item' | 'volume' })[] {
  const rows = ctx.orm
    .select({
      entity: boxContents.entity,
      id: boxContents.entityId,
      no: memberNo,
      archiveCode: sql<string>`coalesce(${items.archiveCode}, ${volumes.archiveCode})`,
      title: sql<string>`coalesce(${items.title}, ${volumes.title})`,
      itemPages: items.pageCount,
      volumePages: sql<number | null>`(SELECT sum(i2.page_count) FROM items i2
        WHERE i2.volume_id = ${volumes.id} AND i2.deleted_at IS NULL)`,
      level: sql<number>`coalesce(${itemLevelSql()}, ${volumes.securityLevel}, 0)`,
    })
    .from(boxContents)
    .leftJoin(items, joinItem)
    .leftJoin(volumes, joinVolume)
    .where(eq(boxContents.boxId, boxId))
    .orderBy(asc(boxContents.position))
    .all();
  return rows.map((r) => ({
    entity: r.entity,
    id: r.id,
    no: Number(r.no),
    archiveCode: r.archiveCode,
    title: r.title,
    pages: r.entity === 'item' ? r.itemPages : r.volumePages === null ? null : Number(r.volumePages),
    level: Number(r.level),
  }));
}

export function getBox(ctx: CoreContext, clearance: number, id: string): BoxDetail {
  const b = liveBox(ctx, id);
  const { recordPages } = boxingSettings(ctx);
  const tree = loadPlaceTree(ctx);
  const all = boxMembers(ctx, b.id);
  const visible = all.filter((m) => m.level <= clearance);
  // The box's own moves and every record's move into or out of it (place_moves has no box index:
  // a station's history is thousands of rows, read once per opened box).
  const moves = ctx.orm
    .select()
    .from(placeMoves)
    .where(
      or(
        and(eq(placeMoves.entity, 'box'), eq(placeMoves.entityId, b.id)),
        eq(placeMoves.toBoxId, b.id),
        eq(placeMoves.fromBoxId, b.id),
      ),
    )
    .orderBy(asc(placeMoves.movedAt))
    .all();
  // A record's row shows only to those who may see the record, whether it is still in the box or not.
  const levels = {
    item: levelsOf(
      ctx,
      'item',
      moves.filter((m) => m.entity === 'item').map((m) => m.entityId),
    ),
    volume: levelsOf(
      ctx,
      'volume',
      moves.filter((m) => m.entity === 'volume').map((m) => m.entityId),
    ),
  };
  const history: BoxHistoryEntry[] = moves
    .filter((m) => m.entity === 'box' || (levels[m.entity].get(m.entityId) ?? Infinity) <= clearance)
    .map((m) => ({
      at: m.movedAt,
      by: m.movedByName,
      reason: REASON_LABELS[m.reason] ?? m.reason,
      entity: m.entity,
      entityId: m.entityId,
      fromPlace: placePath(tree, m.fromPlaceId),
      toPlace: placePath(tree, m.toPlaceId),
      fromBoxId: m.fromBoxId,
      toBoxId: m.toBoxId,
    }));
  return {
    ...boxView(ctx, b, tree),
    members: visible.map(({ id: mid, no, archiveCode, title, pages }) => ({ id: mid, no, archiveCode, title, pages })),
    hidden: all.length - visible.length,
    pages: visible.reduce((n, m) => n + filledPages(m, recordPages), 0),
    history,
  };
}
