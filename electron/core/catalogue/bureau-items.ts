/**
 * At the county bureau, the catalogue reads the records the stations sent as well as the
 * bureau's own items. `station_items` (db/schema/bureau.ts, kept in step with the
 * `station_records` mirror by triggers) has the columns of `items`, so one WHERE and one
 * ORDER BY serve both. The visibility rules are the search index's (see
 * search/station-source.ts): 密级 from the station's fields, deleted when the station
 * deleted it, copies kept beside a record after a conflict included, 门类 matched by full
 * code (what every node's 档号 is built from), so a count here equals 全文检索's for the
 * same scope.
 */
import { and, eq, sql } from 'drizzle-orm';
import { items, stationItems, stationRecords } from '../../../db/schema';
import type { CatalogueScope, ItemRow, Page, StationRef } from '../../contract/dto';
import type { MethodParsed } from '../../contract/methods';
import { type CoreContext, getMeta, tableSql } from '../kernel';
import { loadScheme } from '../scheme';
import { splitStationKey, stationNamesOf } from '../search';
import { perDataVersion } from './data-version-cache';
import { SORT_SQL, withQueryFilters, type Where } from './query';
import { GRID_KEYS, toItemRow, type ItemRecord } from './rows';

// Raw SQL on purpose: the grid reads a UNION of the bureau's items and the stations'
// (a derived table the query builder cannot page through indexes); its rows come back
// under the schema's names, typed as BureauRecord.

type Query = MethodParsed<'catalogue.query'>;

export const isBureau = (ctx: CoreContext): boolean => getMeta(ctx, 'node_role') === 'bureau';

/** A scope the bureau answers from its stations' records ('' is its own catalogue, served as before). */
export const readsStations = (ctx: CoreContext, scope: CatalogueScope): boolean =>
  scope.stationId !== '' && isBureau(ctx);

/** The columns both tables have (station_items has the columns of items). */
const KEYS = [...GRID_KEYS, 'remarks', 'extra', 'nodeId'] as const satisfies readonly (keyof ItemRecord &
  keyof typeof stationItems.$inferSelect)[];

/** An item as the bureau's grid reads it: '' is the bureau's own station id. */
export type BureauRecord = Pick<ItemRecord, (typeof KEYS)[number]> & { stationId: string };

/** station_items columns by schema key, for the WHERE clauses below. */
const c = (k: keyof typeof stationItems.$inferSelect): string => stationItems[k].name;
const STATION_ITEMS = tableSql(stationItems);
const own = KEYS.map((k) => items[k].name).join(', ');
const theirs = KEYS.map((k) => stationItems[k].name).join(', ');
/** The select list of a BureauRecord, under the schema's names (`archive_code AS "archiveCode"`). */
export const bureauSelectSql = (alias = ''): string =>
  [
    `${alias}${stationItems.stationId.name} AS "stationId"`,
    ...KEYS.map((k) => `${alias}${stationItems[k].name} AS "${k}"`),
  ].join(', ');
const SELECT = bureauSelectSql();

/** Every station's items, or with the bureau's own as well (the tree's root, "全部"). */
const sourceOf = (scope: CatalogueScope) =>
  scope.stationId === undefined
    ? `(SELECT ${c('stationId')}, ${theirs} FROM ${STATION_ITEMS} UNION ALL SELECT '' AS ${c('stationId')}, ${own} FROM ${tableSql(items)})`
    : STATION_ITEMS;

/** The WHERE clause over the derived table: clearance first, so nothing above it is counted or returned. */
export function bureauScopeWhere(
  ctx: CoreContext,
  scope: CatalogueScope,
  clearance: number,
  includeDeleted = false,
): Where {
  const parts = [`${c('securityLevel')} <= ?`];
  const params: unknown[] = [clearance];
  if (!includeDeleted) parts.push(`${c('deletedAt')} IS NULL`);
  if (scope.stationId !== undefined) {
    parts.push(`${c('stationId')} = ?`);
    params.push(scope.stationId);
  }
  if (scope.categoryId) {
    // A 门类 the bureau's scheme lacks is the station's own ('<station>:<category id>').
    const own = splitStationKey(scope.categoryId);
    if (own) {
      parts.push(`${c('stationId')} = ? AND ${c('categoryId')} = ?`);
      params.push(own.stationId, own.id);
    } else {
      const scheme = loadScheme(ctx);
      const codes = scheme.subtree(scope.categoryId).map((id) => scheme.byId.get(id)?.fullCode ?? '');
      parts.push(`${c('categoryCode')} IN (${codes.map(() => '?').join(',')})`);
      params.push(...codes);
    }
  }
  for (const key of ['year', 'retention', 'orgCode', 'volumeId'] as const) {
    if (scope[key] === undefined) continue;
    parts.push(`${c(key)} = ?`);
    params.push(scope[key]);
  }
  return { sql: parts.join(' AND '), params };
}

const bureauQueryWhere = (ctx: CoreContext, q: Query, clearance: number): Where =>
  withQueryFilters(bureauScopeWhere(ctx, q.scope, clearance, q.includeDeleted), q);

const cachedCount = perDataVersion<string, number>();

/** How many rows a query matches; cached per data version (an import bumps it). */
export function countBureauItems(ctx: CoreContext, q: Pick<Query, 'scope'> & Partial<Query>, clearance: number) {
  const full = { filters: {}, includeDeleted: false, ...q } as Query;
  const w = bureauQueryWhere(ctx, full, clearance);
  const from = sourceOf(full.scope);
  return cachedCount(
    ctx,
    from + w.sql + JSON.stringify(w.params),
    () =>
      ctx.sqlite
        .prepare(`SELECT count(*) FROM ${from} WHERE ${w.sql}`)
        .pluck()
        .get(...w.params) as number,
  );
}

/** One page of the grid at the bureau. */
export function queryBureauItems(ctx: CoreContext, q: Query, clearance: number): Page<ItemRow> {
  const w = bureauQueryWhere(ctx, q, clearance);
  const dir = q.sort.dir === 'desc' ? 'DESC' : 'ASC';
  const rows = ctx.sqlite
    .prepare(
      `SELECT ${SELECT} FROM ${sourceOf(q.scope)} WHERE ${w.sql}
       ORDER BY ${SORT_SQL[q.sort.column]} ${dir}, ${c('stationId')} ${dir}, ${c('id')} ${dir} LIMIT ? OFFSET ?`,
    )
    .all(...w.params, q.limit, q.offset) as BureauRecord[];
  const total = countBureauItems(ctx, q, clearance);
  const toRow = bureauRowMapper(ctx);
  return { total, offset: q.offset, rows: rows.map(toRow) };
}

/** Every row of a query, in order, for export. */
export function* iterateBureauItems(ctx: CoreContext, q: Query, clearance: number): Generator<BureauRecord> {
  const w = bureauQueryWhere(ctx, q, clearance);
  const dir = q.sort.dir === 'desc' ? 'DESC' : 'ASC';
  yield* ctx.sqlite
    .prepare(
      `SELECT ${SELECT} FROM ${sourceOf(q.scope)} WHERE ${w.sql} ORDER BY ${SORT_SQL[q.sort.column]} ${dir}, ${c('id')}`,
    )
    .iterate(...w.params) as IterableIterator<BureauRecord>;
}

/** The stations' names by id: search's lookup (it names station hits the same way). */
export const stationNames = (ctx: CoreContext): Map<string, string> => stationNamesOf(ctx);

/** The name of a station's own 门类, from the category record it sent ('' when unknown). */
export function stationCategoryName(ctx: CoreContext, stationId: string, id: string): string {
  const row = ctx.orm
    .select({ name: sql<string | null>`json_extract(${stationRecords.fields}, '$.fields.name')` })
    .from(stationRecords)
    .where(
      and(
        eq(stationRecords.stationId, stationId),
        eq(stationRecords.entity, 'category'),
        eq(stationRecords.entityId, id),
      ),
    )
    .get();
  return row?.name ?? '';
}

/** Grid rows with the station named and the 门类 in the bureau's terms (by full code, else the station's name). */
export function bureauRowMapper(ctx: CoreContext): (r: BureauRecord) => ItemRow {
  const byCode = new Map(loadScheme(ctx).list.map((c) => [c.fullCode, c]));
  const names = stationNames(ctx);
  const stationCats = new Map<string, string>();
  const categoryName = (stationId: string, id: string): string => {
    const key = `${stationId}:${id}`;
    let name = stationCats.get(key);
    if (name === undefined) stationCats.set(key, (name = stationCategoryName(ctx, stationId, id)));
    return name;
  };
  return (r) => {
    if (!r.stationId) return toItemRow(ctx, r);
    const cat = byCode.get(r.categoryCode);
    const station: StationRef = { id: r.stationId, name: names.get(r.stationId) ?? r.stationId };
    return {
      ...toItemRow(ctx, r),
      categoryId: cat?.id ?? `${r.stationId}:${r.categoryId}`,
      categoryName: cat?.name ?? categoryName(r.stationId, r.categoryId),
      station,
    };
  };
}
