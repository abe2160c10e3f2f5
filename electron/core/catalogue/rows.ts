import { eq, getTableColumns, getTableName } from 'drizzle-orm';
import { itemPersons, items, persons, type ItemRecord } from '../../../db/schema';
import type { ItemRow, ItemView, PersonRef } from '../../contract/dto';
import type { SecurityLevel } from '../../contract/domain';
import { type CoreContext } from '../kernel';
import { loadScheme } from '../scheme';

export type { ItemRecord };

/** Columns the grid needs; heavy text (remarks, extra) stays out of paging queries. */
export const GRID_KEYS = [
  'id',
  'version',
  'fondsCode',
  'categoryId',
  'categoryCode',
  'year',
  'retention',
  'orgCode',
  'volumeId',
  'itemNo',
  'archiveCode',
  'title',
  'author',
  'docNumber',
  'date',
  'pageCount',
  'securityLevel',
  'personNames',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'deletedReason',
] as const satisfies readonly (keyof ItemRecord)[];

/** An item as the grid reads it. */
export type GridRecord = Pick<ItemRecord, (typeof GRID_KEYS)[number]>;

/** The grid's columns as drizzle column objects, for the query builder. */
export const gridColumns = Object.fromEntries(GRID_KEYS.map((k) => [k, items[k]])) as {
  [K in (typeof GRID_KEYS)[number]]: (typeof items)[K];
};

/**
 * The grid's columns for raw SQL (`archive_code AS "archiveCode"`, …): the names come from
 * the schema, so the rows match GridRecord and a renamed column breaks the typecheck.
 */
export const gridSelectSql = (alias = ''): string => itemSelectSql(GRID_KEYS, alias);

// Correlated subqueries in a select list name their columns with kernel's `qualified`.
export { qualified } from '../kernel';

/** Every column of items, as schema keys. */
export const ITEM_KEYS = Object.keys(getTableColumns(items)) as (keyof ItemRecord)[];

/** A raw-SQL select list of items columns under their schema names (`doc_number AS "docNumber"`). */
export const itemSelectSql = (keys: readonly (keyof ItemRecord)[], alias = ''): string =>
  keys.map((k) => `${alias}${items[k].name} AS "${k}"`).join(', ');

// Raw on purpose (measured: the query builder made these ~3–10× slower): a whole item is
// read on every record request and written per row by imports; names come from the schema.
const ALL_COLUMNS = itemSelectSql(ITEM_KEYS);
const ITEMS = `"${getTableName(items)}"`;
/** access_level is the database's own (kept by triggers from the level and the volume): never written here. */
type WrittenItem = Omit<ItemRecord, 'accessLevel'>;
const WRITTEN_KEYS = ITEM_KEYS.filter((k): k is keyof WrittenItem => k !== 'accessLevel');
const INSERT_ITEM = `INSERT INTO ${ITEMS} (${WRITTEN_KEYS.map((k) => items[k].name).join(', ')})
  VALUES (${WRITTEN_KEYS.map((k) => `@${k}`).join(', ')})`;

/** One item by id, every column, whatever its 密级 or state (the caller decides). */
export const selectItem = (ctx: CoreContext, id: string): ItemRecord | undefined =>
  ctx.sqlite.prepare(`SELECT ${ALL_COLUMNS} FROM ${ITEMS} WHERE ${items.id.name} = ?`).get(id) as
    ItemRecord | undefined;

/** Inserts a whole items row (every column given, so a new column breaks the typecheck here). */
export const insertItemRow = (ctx: CoreContext, row: WrittenItem): void => {
  ctx.sqlite.prepare(INSERT_ITEM).run(row);
};

/** The stored 密级 as the contract's type (the forms and the import only ever write 0–2). */
export const securityLevelOf = (n: number): SecurityLevel => n as SecurityLevel;

export function toItemRow(ctx: CoreContext, r: GridRecord): ItemRow {
  return {
    id: r.id,
    version: r.version,
    categoryId: r.categoryId,
    categoryCode: r.categoryCode,
    categoryName: loadScheme(ctx).byId.get(r.categoryId)?.name ?? '',
    fondsCode: r.fondsCode,
    year: r.year,
    retention: r.retention,
    orgCode: r.orgCode,
    volumeId: r.volumeId,
    itemNo: r.itemNo,
    archiveCode: r.archiveCode,
    title: r.title,
    author: r.author,
    docNumber: r.docNumber,
    date: r.date,
    pageCount: r.pageCount,
    securityLevel: securityLevelOf(r.securityLevel),
    personNames: r.personNames,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    deletedAt: r.deletedAt,
    deletedReason: r.deletedReason,
  };
}

export function toItemView(ctx: CoreContext, r: ItemRecord): ItemView {
  const linked: PersonRef[] = ctx.orm
    .select({ id: persons.id, name: persons.name, idNumber: persons.idNumber })
    .from(itemPersons)
    .innerJoin(persons, eq(persons.id, itemPersons.personId))
    .where(eq(itemPersons.itemId, r.id))
    .orderBy(itemPersons.position)
    .all();
  const { personNames: _names, ...row } = toItemRow(ctx, r);
  return {
    ...row,
    nodeId: r.nodeId,
    remarks: r.remarks,
    extra: JSON.parse(r.extra) as Record<string, string>,
    persons: linked,
  };
}
