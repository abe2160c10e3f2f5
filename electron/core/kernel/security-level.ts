/**
 * The one rule for the 密级 that guards a record, used wherever access is decided (dispatch's
 * target check, the audit log, catalogue lists, search):
 * - a volume: its own level;
 * - an item: the higher of its own level and its volume's: an item must not be readable below
 *   the level of the 卷 that holds it, whatever level it was given. Stored as items.access_level,
 *   kept by triggers (migration 0009_item_access_level) on every write of an item's level or
 *   volume and of a volume's level, so list queries test it inside their covering indexes;
 *   the expressions below are the only readers of that column;
 * - a page or a scan batch: its owner's (the item's as above, else the volume's; 0 in the
 *   intake tray);
 * - at the bureau, a station's mirrored item or volume: the level in its received fields.
 * Stored levels stay as entered (the grid shows and filters security_level); only access uses this.
 */
import { and, eq, inArray, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { items, pages, scanBatches, stationRecords, volumes } from '../../../db/schema';
import type { CoreContext } from './context';

/** Ids per query: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

const ref = (table: string, column: string) => `"${table}"."${column}"`;

/**
 * An item's effective level, as raw SQL; `alias` names the items table in the query. NULL when
 * the item is absent from a left join, so `coalesce` can fall through to the next owner.
 */
export const itemLevelRaw = (alias = 'items'): string => ref(alias, items.accessLevel.name);

/** The same as a drizzle expression. */
export const itemLevelSql = (alias = 'items'): SQL<number> => sql.raw(itemLevelRaw(alias)) as SQL<number>;

/** A page's or batch's effective level from its left-joined item and volume (their aliases). */
export const ownerLevelSql = (itemAlias = 'items', volumeAlias = 'volumes'): SQL<number> =>
  sql<number>`coalesce(${itemLevelSql(itemAlias)}, ${sql.raw(ref(volumeAlias, volumes.securityLevel.name))}, 0)`;

/**
 * The WHERE condition "this item is within `clearance`" for raw SQL over the items table
 * (unqualified column names; bind `params` where the condition goes). One stored column, so
 * the grid's covering indexes evaluate it without a table lookup. `ctx` is kept for callers.
 */
export function itemVisibleRaw(_ctx: CoreContext, clearance: number): { sql: string; params: number[] } {
  return { sql: `"${items.accessLevel.name}" <= ?`, params: [clearance] };
}

/** The same condition for drizzle queries over `items`. */
export function itemVisible(_ctx: CoreContext, clearance: number): SQL {
  return sql`${items.accessLevel} <= ${clearance}`;
}

export type RecordKind = 'item' | 'volume' | 'page' | 'batch';
type Levels = Map<string, number>;

/**
 * Each kind's lookup: the level of every named record that exists. An item or volume counts
 * even when deleted (its tombstone and 撤销删除 are guarded the same way); a deleted page no
 * longer exists for any method.
 */
const lookups: Record<RecordKind, (ctx: CoreContext, ids: string[]) => { id: string; level: number }[]> = {
  item: (ctx, ids) =>
    ctx.orm.select({ id: items.id, level: itemLevelSql() }).from(items).where(inArray(items.id, ids)).all(),
  volume: (ctx, ids) =>
    ctx.orm
      .select({ id: volumes.id, level: volumes.securityLevel })
      .from(volumes)
      .where(inArray(volumes.id, ids))
      .all(),
  page: (ctx, ids) =>
    ctx.orm
      .select({ id: pages.id, level: ownerLevelSql() })
      .from(pages)
      .leftJoin(items, eq(items.id, pages.itemId))
      .leftJoin(volumes, eq(volumes.id, pages.volumeId))
      .where(and(inArray(pages.id, ids), isNull(pages.deletedAt)))
      .all(),
  batch: (ctx, ids) =>
    ctx.orm
      .select({ id: scanBatches.id, level: ownerLevelSql() })
      .from(scanBatches)
      .leftJoin(items, eq(items.id, scanBatches.itemId))
      .leftJoin(volumes, eq(volumes.id, scanBatches.volumeId))
      .where(inArray(scanBatches.id, ids))
      .all(),
};

/** The level written in a station's mirrored record's received fields (at the bureau). */
export const mirroredLevelSql = (json: SQLWrapper = stationRecords.fields): SQL<number> =>
  sql<number>`coalesce(json_extract(${json}, '$.fields.security_level'), 0)`;

/**
 * At the county bureau an item or volume id may name a station's record (kept in
 * station_records): it exists, at the highest level any of its copies carries.
 */
function mirroredLevels(ctx: CoreContext, kind: 'item' | 'volume', ids: string[]) {
  return ctx.orm
    .select({ id: stationRecords.entityId, level: sql<number>`max(${mirroredLevelSql()})` })
    .from(stationRecords)
    .where(and(eq(stationRecords.entity, kind), inArray(stationRecords.entityId, ids)))
    .groupBy(stationRecords.entityId)
    .all();
}

/** The effective 密级 of each named record that exists; absent ids are not in the map. */
export function levelsOf(ctx: CoreContext, kind: RecordKind, ids: readonly string[]): Levels {
  const out: Levels = new Map();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    for (const r of lookups[kind](ctx, chunk)) out.set(r.id, Number(r.level));
    if (kind === 'item' || kind === 'volume') {
      const missing = chunk.filter((id) => !out.has(id));
      if (missing.length) for (const r of mirroredLevels(ctx, kind, missing)) out.set(r.id, Number(r.level));
    }
  }
  return out;
}
