/**
 * The boxes a label or a 盒脊/盒底 prints, with their 起止件号 (the first and last 件号, or
 * 案卷号 for a box of volumes, of what they hold). Read from the shelving tables directly:
 * printing only reads them, the boxing domain writes them.
 */
import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { boxContents, boxes, type BoxRecord, items, volumes } from '../../../db/schema';
import { AppError, type CoreContext } from '../kernel';

export interface PrintBox extends BoxRecord {
  /** First and last 件号 (案卷号) held, or null for an empty box. */
  first: number | null;
  last: number | null;
  count: number;
  /** How many of them are volumes (a box of volumes counts 卷, not 件). */
  volumes: number;
}

export interface BoxFilter {
  categoryCode?: string;
  year?: number;
}

/**
 * Boxes by id or by code (what a clerk reads off the box; in the given order, an unknown or
 * deleted one refused), or else by class in 盒号 order.
 */
export function loadBoxes(ctx: CoreContext, ids: string[] | undefined, filter: BoxFilter): PrintBox[] {
  let rows: BoxRecord[];
  if (ids) {
    const found = new Map<string, BoxRecord>();
    for (let i = 0; i < ids.length; i += 500)
      for (const b of ctx.orm
        .select()
        .from(boxes)
        .where(
          and(
            or(inArray(boxes.id, ids.slice(i, i + 500)), inArray(boxes.code, ids.slice(i, i + 500))),
            isNull(boxes.deletedAt),
          ),
        )
        .all()) {
        found.set(b.id, b);
        found.set(b.code, b);
      }
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw new AppError('NOT_FOUND', `找不到档案盒“${missing}”（不存在或已删除）`);
    rows = ids.map((id) => found.get(id)!);
  } else {
    const where = [isNull(boxes.deletedAt)];
    if (filter.categoryCode)
      where.push(
        or(eq(boxes.categoryCode, filter.categoryCode), like(boxes.categoryCode, `${filter.categoryCode}·%`))!,
      );
    if (filter.year !== undefined) where.push(eq(boxes.year, filter.year));
    rows = ctx.orm
      .select()
      .from(boxes)
      .where(and(...where))
      .orderBy(asc(boxes.categoryCode), asc(boxes.year), asc(boxes.retention), asc(boxes.orgCode), asc(boxes.boxNo))
      .all();
  }
  const ranges = new Map<string, { first: number; last: number; count: number; volumes: number }>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((b) => b.id);
    // 件号 for items, 案卷号 for volumes: a box holds one or the other (按件 or 按卷).
    const num = sql<number>`coalesce(${items.itemNo}, ${volumes.volumeNo})`;
    for (const r of ctx.orm
      .select({
        boxId: boxContents.boxId,
        first: sql<number>`min(${num})`,
        last: sql<number>`max(${num})`,
        count: sql<number>`count(*)`,
        volumes: sql<number>`count(${volumes.id})`,
      })
      .from(boxContents)
      .leftJoin(items, and(eq(boxContents.entity, 'item'), eq(items.id, boxContents.entityId)))
      .leftJoin(volumes, and(eq(boxContents.entity, 'volume'), eq(volumes.id, boxContents.entityId)))
      .where(inArray(boxContents.boxId, chunk))
      .groupBy(boxContents.boxId)
      .all())
      ranges.set(r.boxId, { first: r.first, last: r.last, count: r.count, volumes: r.volumes });
  }
  return rows.map((b) => {
    const r = ranges.get(b.id);
    return { ...b, first: r?.first ?? null, last: r?.last ?? null, count: r?.count ?? 0, volumes: r?.volumes ?? 0 };
  });
}

/** What the range counts: 起止卷号 for a box of volumes, else 起止件号. */
export const rangeLabel = (b: PrintBox): string => (b.volumes > 0 ? '起止卷号' : '起止件号');

/** 起止件号 as printed: '1–25', '7' for one, blank for an empty box (written in by hand). */
export const rangeText = (b: PrintBox): string =>
  b.first === null ? '' : b.first === b.last ? String(b.first) : `${b.first}–${b.last}`;
