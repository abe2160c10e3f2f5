/**
 * The records a box can hold, read with what boxing needs: their class, 件号 (or 案卷号),
 * pages, 密级 and the box already holding them. Proposal and confirmation read them the same
 * way, so a confirmation re-checks exactly what the proposal showed.
 */
import { and, asc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { boxContents, boxes, categories, items, volumes } from '../../../db/schema';
import type { BoxClassView, BoxMember } from '../../contract/boxes';
import { RETENTION_LABELS } from '../../contract/domain';
import { type CoreContext, itemLevelSql } from '../kernel';

export type BoxEntity = 'item' | 'volume';

export interface Boxable extends BoxMember {
  class: BoxClassView;
  level: number;
  /** An item's volume: such an item is boxed with its volume, not alone. */
  volumeId: string | null;
  boxId: string | null;
  boxCode: string | null;
}

const CHUNK = 500;

/** One key per box class: a box never mixes two (reference §3). */
export const classKey = (c: BoxClassView): string =>
  [c.fondsCode, c.categoryId, c.year, c.retention, c.orgCode].join('\u0001');

/** '2024 WS 永久 BGS': a class as the clerk reads it. */
export const classText = (c: BoxClassView): string =>
  [String(c.year), c.categoryCode, RETENTION_LABELS[c.retention], c.orgCode].filter((s) => s !== '').join(' ');

/** A volume's pages: the sum over its live items; null when none of them has a count. */
const volumePages = sql<number | null>`(SELECT sum(${items.pageCount}) FROM ${items}
  WHERE ${items.volumeId} = ${volumes.id} AND ${items.deletedAt} IS NULL)`;

function query(ctx: CoreContext, entity: BoxEntity) {
  const held = and(eq(boxContents.entity, entity), eq(boxContents.entityId, entity === 'item' ? items.id : volumes.id));
  if (entity === 'item')
    return ctx.orm
      .select({
        id: items.id,
        no: items.itemNo,
        archiveCode: items.archiveCode,
        title: items.title,
        pages: items.pageCount,
        level: itemLevelSql(),
        volumeId: items.volumeId,
        boxId: boxes.id,
        boxCode: boxes.code,
        fondsCode: items.fondsCode,
        categoryId: items.categoryId,
        categoryCode: items.categoryCode,
        year: items.year,
        retention: items.retention,
        orgCode: items.orgCode,
      })
      .from(items)
      .leftJoin(boxContents, held)
      .leftJoin(boxes, eq(boxes.id, boxContents.boxId))
      .$dynamic();
  return ctx.orm
    .select({
      id: volumes.id,
      no: volumes.volumeNo,
      archiveCode: volumes.archiveCode,
      title: volumes.title,
      pages: volumePages,
      level: volumes.securityLevel,
      volumeId: sql<string | null>`NULL`,
      boxId: boxes.id,
      boxCode: boxes.code,
      fondsCode: volumes.fondsCode,
      categoryId: volumes.categoryId,
      categoryCode: volumes.categoryCode,
      year: volumes.year,
      retention: volumes.retention,
      orgCode: volumes.orgCode,
    })
    .from(volumes)
    .leftJoin(boxContents, held)
    .leftJoin(boxes, eq(boxes.id, boxContents.boxId))
    .$dynamic();
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['all']>>[number];

const toBoxable = (r: Row): Boxable => ({
  id: r.id,
  no: r.no,
  archiveCode: r.archiveCode,
  title: r.title,
  pages: r.pages === null ? null : Number(r.pages),
  level: Number(r.level),
  volumeId: r.volumeId,
  boxId: r.boxId,
  boxCode: r.boxCode,
  class: {
    fondsCode: r.fondsCode,
    categoryId: r.categoryId,
    categoryCode: r.categoryCode,
    year: r.year,
    retention: r.retention,
    orgCode: r.orgCode,
  },
});

/** The live records among `ids` (deleted and unknown ones are absent from the map). */
export function boxablesById(ctx: CoreContext, entity: BoxEntity, ids: readonly string[]): Map<string, Boxable> {
  const out = new Map<string, Boxable>();
  const table = entity === 'item' ? items : volumes;
  for (let i = 0; i < ids.length; i += CHUNK)
    for (const r of query(ctx, entity)
      .where(and(inArray(table.id, ids.slice(i, i + CHUNK)), isNull(table.deletedAt)))
      .all())
      out.set(r.id, toBoxable(r));
  return out;
}

export interface ClassSelection {
  categoryId: string;
  year: number;
  retention?: BoxClassView['retention'] | undefined;
  orgCode?: string | undefined;
}

/**
 * Every live record of a class the caller may see, in 件号 order: volumes for a category
 * arranged by volume (按卷), loose items otherwise (按件).
 */
export function boxablesOfClass(
  ctx: CoreContext,
  clearance: number,
  c: ClassSelection,
): { entity: BoxEntity; rows: Boxable[] } {
  const cat = ctx.orm
    .select({ arrangement: categories.arrangement })
    .from(categories)
    .where(eq(categories.id, c.categoryId))
    .get();
  const entity: BoxEntity = cat?.arrangement === 'volume' ? 'volume' : 'item';
  const t = entity === 'item' ? items : volumes;
  const level = entity === 'item' ? itemLevelSql() : volumes.securityLevel;
  const rows = query(ctx, entity)
    .where(
      and(
        eq(t.categoryId, c.categoryId),
        eq(t.year, c.year),
        c.retention ? eq(t.retention, c.retention) : undefined,
        c.orgCode !== undefined ? eq(t.orgCode, c.orgCode) : undefined,
        isNull(t.deletedAt),
        entity === 'item' ? isNull(items.volumeId) : undefined,
        sql`${level} <= ${clearance}`,
      ),
    )
    .orderBy(asc(t.retention), asc(t.orgCode), asc(entity === 'item' ? items.itemNo : volumes.volumeNo))
    .all();
  return { entity, rows: rows.map(toBoxable) };
}

/** The 盒号 after the class's last live box. */
export function nextBoxNo(ctx: CoreContext, c: BoxClassView): number {
  const row = ctx.orm
    .select({ n: max(boxes.boxNo) })
    .from(boxes)
    .where(
      and(
        eq(boxes.categoryId, c.categoryId),
        eq(boxes.year, c.year),
        eq(boxes.retention, c.retention),
        eq(boxes.orgCode, c.orgCode),
        isNull(boxes.deletedAt),
      ),
    )
    .get();
  return (row?.n ?? 0) + 1;
}
