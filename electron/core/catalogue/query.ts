import { boxContents, boxes, items } from '../../../db/schema';
import type { CatalogueScope, ItemRow, Page } from '../../contract/dto';
import type { MethodParsed } from '../../contract/methods';
import { zItemQuery } from '../../contract/schemas';
import { colSql, type CoreContext, itemVisibleRaw, tableSql } from '../kernel';
import { loadScheme } from '../scheme';
import { placeFilterSql } from '../shelving';
import { categoryCodePrefix, prefixRange } from './code-prefix';
import { perDataVersion } from './data-version-cache';
import { ensureAnchors, nearestAnchor, type SortSpec } from './page-anchors';
import { gridSelectSql, ITEM_KEYS, itemSelectSql, toItemRow, type GridRecord, type ItemRecord } from './rows';

// Raw SQL on purpose: the grid pages a million rows through named covering indexes
// (INDEXED BY), rowid sub-selects and anchor seeks the query builder cannot express;
// the rows still come back under the schema's names (rows.ts) as GridRecord.

type Query = MethodParsed<'catalogue.query'>;

/** The grid's sort columns as SQL columns (the bureau's derived table has the same names). */
export const SORT_SQL: Record<Query['sort']['column'], string> = {
  archiveCode: items.archiveCode.name,
  title: items.title.name,
  date: items.date.name,
  year: items.year.name,
  itemNo: items.itemNo.name,
  author: items.author.name,
  updatedAt: items.updatedAt.name,
};
const FILTER_SQL: Record<keyof Query['filters'], string> = {
  archiveCode: items.archiveCode.name,
  title: items.title.name,
  author: items.author.name,
  docNumber: items.docNumber.name,
  date: items.date.name,
  personNames: items.personNames.name,
};

const ITEMS = tableSql(items);
/**
 * 盒号 of the box holding a returned row (an item boxed alone, or its volume): one primary-key
 * lookup per row of the page only (at most 500), never part of the count, sort or seek.
 */
const boxNoOf = (entity: 'item' | 'volume', idCol: string) =>
  `(SELECT b.${colSql(boxes.boxNo)} FROM ${tableSql(boxContents)} bc JOIN ${tableSql(boxes)} b
     ON b.${colSql(boxes.id)} = bc.${colSql(boxContents.boxId)}
     WHERE bc.${colSql(boxContents.entity)} = '${entity}' AND bc.${colSql(boxContents.entityId)} = ${ITEMS}.${idCol})`;
// An item in a volume is boxed with its volume (boxing refuses it alone): one lookup either way.
const BOX_NO_SQL = `CASE WHEN ${ITEMS}.${colSql(items.volumeId)} IS NULL THEN ${boxNoOf('item', colSql(items.id))}
  ELSE ${boxNoOf('volume', colSql(items.volumeId))} END AS "boxNo"`;
/** items columns by schema key, for the WHERE clauses below (the bureau's derived table has the same names). */
const c = (k: keyof ItemRecord): string => items[k].name;

export interface Where {
  sql: string;
  params: unknown[];
  /** The scope is expressed as a 档号 range (see categoryRangeWhere). */
  codeRange?: boolean;
}

/** The WHERE clause for a scope: clearance first, so nothing above it is ever counted or returned. */
export function scopeWhere(ctx: CoreContext, scope: CatalogueScope, clearance: number, includeDeleted = false): Where {
  const visible = itemVisibleRaw(ctx, clearance);
  const parts = [visible.sql];
  const params: unknown[] = [...visible.params];
  if (!includeDeleted) parts.push(`${c('deletedAt')} IS NULL`);
  if (scope.volumeId) {
    parts.push(`${c('volumeId')} = ?`);
    params.push(scope.volumeId);
  }
  if (scope.categoryId) {
    const ids = loadScheme(ctx).subtree(scope.categoryId);
    parts.push(ids.length === 1 ? `${c('categoryId')} = ?` : `${c('categoryId')} IN (${ids.map(() => '?').join(',')})`);
    params.push(...ids);
  }
  if (scope.year !== undefined) {
    parts.push(`${c('year')} = ?`);
    params.push(scope.year);
  }
  if (scope.retention) {
    parts.push(`${c('retention')} = ?`);
    params.push(scope.retention);
  }
  if (scope.orgCode !== undefined) {
    parts.push(`${c('orgCode')} = ?`);
    params.push(scope.orgCode);
  }
  return { sql: parts.join(' AND '), params };
}

export function queryWhere(ctx: CoreContext, q: Query, clearance: number): Where {
  const w = withQueryFilters(
    categoryRangeWhere(ctx, q, clearance) ?? scopeWhere(ctx, q.scope, clearance, q.includeDeleted),
    q,
  );
  if (q.placeId) {
    const f = placeFilterSql(ctx, q.placeId);
    w.sql += ` AND ${f.sql}`;
    w.params.push(...f.params);
  }
  return w;
}

/** The grid's narrowing on top of a scope's WHERE: one 密级, and each column filter as a substring in any case. */
export function withQueryFilters(w: Where, q: Pick<Query, 'securityLevel' | 'filters'>): Where {
  if (q.securityLevel !== undefined) {
    w.sql += ` AND ${c('securityLevel')} = ?`;
    w.params.push(q.securityLevel);
  }
  for (const [col, raw] of Object.entries(q.filters) as [keyof Query['filters'], string][]) {
    const v = raw.trim();
    if (!v) continue;
    // instr() instead of LIKE: no wildcard escaping to get wrong, and user text is never SQL.
    w.sql += ` AND instr(lower(${FILTER_SQL[col]}), lower(?)) > 0`;
    w.params.push(v);
  }
  return w;
}

/**
 * A whole category (no year below it) as a range of 档号 rather than a list of category
 * ids: the grid then walks the covering 档号 index instead of sorting half a million rows
 * of 户籍 on every page. Only where the category's templates guarantee the prefix.
 */
function categoryRangeWhere(ctx: CoreContext, q: Query, clearance: number): Where | null {
  const { categoryId, ...rest } = q.scope;
  if (!categoryId || Object.values(rest).some((v) => v !== undefined)) return null;
  const prefix = categoryCodePrefix(ctx, categoryId);
  if (!prefix) return null;
  const w = scopeWhere(ctx, {}, clearance, q.includeDeleted);
  w.sql += ` AND ${c('archiveCode')} >= ? AND ${c('archiveCode')} < ?`;
  w.params.push(...prefixRange(prefix));
  return { ...w, codeRange: true };
}

const cachedCount = perDataVersion<string, number>();

/** Totals are cached per data version: scrolling a million rows must not recount them. */
export function countWhere(ctx: CoreContext, w: Where): number {
  return cachedCount(
    ctx,
    w.sql + '\u0000' + JSON.stringify(w.params),
    () =>
      ctx.sqlite
        .prepare(`SELECT count(*) FROM ${ITEMS} WHERE ${w.sql}`)
        .pluck()
        .get(...w.params) as number,
  );
}

/**
 * One page of the grid. The inner query walks an index to pick the page's rowids
 * (OFFSET over index entries only), the outer one reads just those rows.
 */
export function queryItems(ctx: CoreContext, q: Query, clearance: number): Page<ItemRow> {
  const w = queryWhere(ctx, q, clearance);
  // Counted first (cached): a place holding a large share of the archive pages best along
  // the covering index, a small one best through the shelving tables (see sortSpec).
  const total = countWhere(ctx, w);
  const sort = sortSpec(q, w, total);
  const order = orderSql(sort);
  const key = viewKey(w, order);
  const anchor = q.offset > 0 ? nearestAnchor(ctx, key, sort, q.offset) : null;
  const seek = anchor ? ` AND ${anchor.clause}` : '';
  const rows = ctx.sqlite
    .prepare(
      `SELECT ${gridSelectSql()}, ${BOX_NO_SQL} FROM ${ITEMS} WHERE rowid IN (
         SELECT rowid FROM ${sort.from} WHERE ${w.sql}${seek} ORDER BY ${order} LIMIT ? OFFSET ?)
       ORDER BY ${order}`,
    )
    .all(...w.params, ...(anchor?.params ?? []), q.limit, anchor?.offset ?? q.offset) as (GridRecord & {
    boxNo: number | null;
  })[];
  // Only long lists need anchors; they are built in the background for the next jumps.
  if (total > 4 * q.limit) ensureAnchors(ctx, key, w, sort);
  return {
    total,
    offset: q.offset,
    // boxNo only when boxed: rows of an archive without boxes read as before.
    rows: rows.map((r) => (r.boxNo === null ? toItemRow(ctx, r) : { ...toItemRow(ctx, r), boxNo: r.boxNo })),
  };
}

const orderSql = (sort: SortSpec) => sort.columns.map((c) => `${c} ${sort.desc ? 'DESC' : 'ASC'}`).join(', ');
const viewKey = (w: Where, order: string) => `${w.sql}\u0000${JSON.stringify(w.params)}\u0000${order}`;

/**
 * Prepares the view a clerk sees first (the whole catalogue by 档号) right after login,
 * in the background: its total and its page anchors are then ready when the grid opens.
 */
export function warmDefaultView(ctx: CoreContext, clearance: number): void {
  setImmediate(() => {
    if (!ctx.sqlite.open || ctx.sqlite.inTransaction) return;
    const q = zItemQuery.parse({});
    const w = queryWhere(ctx, q, clearance);
    const sort = sortSpec(q, w);
    countWhere(ctx, w);
    ensureAnchors(ctx, viewKey(w, orderSql(sort)), w, sort);
  });
}

/**
 * The sort as index key columns. For 档号 and 日期 the tie-break follows the covering
 * index's own order (column, access_level, rowid), so the inner query walks
 * ix_items_code_sec / ix_items_date_sec without a sort or table lookups.
 */
function sortSpec(q: Query, w: Where, total = 0): SortSpec {
  const covering = COVERING_INDEX[q.sort.column];
  // A place is narrow too while it holds few items (they come through the shelving tables,
  // then sort); one holding a good share of the archive walks the covering index instead.
  const smallPlace = q.placeId !== undefined && total < WIDE_PLACE_ITEMS;
  const narrow = narrowScope(q.scope) || (q.scope.categoryId !== undefined && !w.codeRange) || smallPlace;
  return {
    columns: [SORT_SQL[q.sort.column], ...(covering ? [c('accessLevel')] : []), 'rowid'],
    desc: q.sort.dir === 'desc',
    // Named, not left to the planner: it prefers the unique ux_items_code, whose walk
    // needs a table lookup per row for the clearance test (cold, ~100 ms per 8k rows).
    // The covering indexes are partial (live rows only), so deleted-inclusive views scan.
    // A year or volume scope (or a category without a 档号 range) is narrower through
    // ix_items_class; the planner knows that.
    from: covering && !q.includeDeleted && !narrow ? `${ITEMS} INDEXED BY ${covering}` : ITEMS,
  };
}

/** From this many items under a place, sorting them costs more than walking the 档号 index. */
const WIDE_PLACE_ITEMS = 20_000;

const narrowScope = (s: CatalogueScope) =>
  s.volumeId !== undefined || s.year !== undefined || s.retention !== undefined || s.orgCode !== undefined;

const COVERING_INDEX: Partial<Record<Query['sort']['column'], string>> = {
  archiveCode: 'ix_items_code_sec',
  date: 'ix_items_date_sec',
};

/** Every row of a query, in order, for export (bounded by the caller). */
export function* iterateItems(ctx: CoreContext, q: Query, clearance: number): Generator<ItemRecord> {
  const w = queryWhere(ctx, q, clearance);
  const order = `${SORT_SQL[q.sort.column]} ${q.sort.dir === 'desc' ? 'DESC' : 'ASC'}, rowid`;
  yield* ctx.sqlite
    .prepare(`SELECT ${itemSelectSql(ITEM_KEYS)} FROM ${ITEMS} WHERE ${w.sql} ORDER BY ${order}`)
    .iterate(...w.params) as IterableIterator<ItemRecord>;
}
