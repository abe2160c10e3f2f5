/**
 * "Stands under this place" as a WHERE term on items, for the grid, export and search. It goes
 * through the small shelving tables only (locations, box_contents), so the million-row items
 * table is read through its primary key and volume index, never scanned for it.
 */
import { boxContents, items, locations, placeMoves } from '../../../db/schema';
import { colSql, type CoreContext, tableSql } from '../kernel';
import { loadPlaceTree, subtreeIds } from './tree';

const BC = tableSql(boxContents);
const LOC = tableSql(locations);
const bc = (c: keyof typeof boxContents.$inferSelect) => colSql(boxContents[c], 'bc');
const l = (c: keyof typeof locations.$inferSelect) => colSql(locations[c], 'l');
/** The places of the subtree, bound once as a JSON array. */
const IN_PLACES = `IN (SELECT value FROM json_each(?))`;
const BOXES_THERE = `SELECT ${l('entityId')} FROM ${LOC} l INDEXED BY ix_locations_place WHERE ${l('entity')} = 'box' AND ${l('placeId')} ${IN_PLACES}`;
// Driven from the place's boxes (ix_box_contents_box): left alone, the planner walks every
// boxed item of the archive by entity and tests its box, a million rows in a full demo.
const boxed = (entity: 'item' | 'volume') =>
  `SELECT ${bc('entityId')} FROM ${BC} bc INDEXED BY ix_box_contents_box WHERE ${bc('entity')} = '${entity}' AND ${bc('boxId')} IN (${BOXES_THERE})`;
const LOOSE_VOLUMES = `SELECT ${l('entityId')} FROM ${LOC} l INDEXED BY ix_locations_place WHERE ${l('entity')} = 'volume' AND ${l('placeId')} ${IN_PLACES}`;

/**
 * Items whose box, whose volume's box, or whose (loose) volume stands at the place or under it.
 * The first parameter is a stamp of the database's writes: the grid caches totals per query
 * text and parameters, and a move (from any screen) must not leave a stale total behind.
 */
export function placeFilterSql(ctx: CoreContext, placeId: string): { sql: string; params: unknown[] } {
  const ids = JSON.stringify(subtreeIds(loadPlaceTree(ctx), placeId));
  const id = colSql(items.id);
  const vol = colSql(items.volumeId);
  return {
    sql: `(? IS NOT NULL AND (${id} IN (${boxed('item')}) OR ${vol} IN (${boxed('volume')}) OR ${vol} IN (${LOOSE_VOLUMES})))`,
    params: [shelvingStamp(ctx), ids, ids, ids],
  };
}

/** The ids of the items standing under a place (search filters its hits by them). */
export function itemIdsUnder(ctx: CoreContext, placeId: string): Set<string> {
  const f = placeFilterSql(ctx, placeId);
  const rows = ctx.sqlite
    .prepare(`SELECT ${colSql(items.id)} FROM ${tableSql(items)} WHERE ${f.sql}`)
    .pluck()
    .all(...f.params) as string[];
  return new Set(rows);
}

/**
 * Changes whenever this core's connection wrote anything (a move, a boxing, an unboxing from
 * any screen): O(1), where counting box_contents would read a million index entries.
 */
const STAMP_SQL = `SELECT total_changes() || ':' || (SELECT coalesce(max(rowid), 0) FROM ${tableSql(placeMoves)})`;
/** Plus the last move's rowid, for a move written through another connection (a worker). */
const shelvingStamp = (ctx: CoreContext): string => ctx.sqlite.prepare(STAMP_SQL).pluck().get() as string;
