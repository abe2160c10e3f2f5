/**
 * Names for the raw SQL kept on hot paths, taken from the drizzle schema objects so a
 * renamed table or column breaks the typecheck (or the SQL) here instead of drifting.
 */
import { getTableColumns, getTableName, type Column, type Table } from 'drizzle-orm';

/** A schema table's SQL name, quoted: `"items"`. */
export const tableSql = (t: Table): string => `"${getTableName(t)}"`;

/** A schema column's SQL name, quoted, optionally after a table alias (`i."archive_code"`). */
export const colSql = (c: Column, alias = ''): string => `${alias ? `${alias}.` : ''}"${c.name}"`;

/**
 * A select list of schema columns under their property names (`"archive_code" AS "archiveCode"`),
 * so the rows match `Pick<typeof t.$inferSelect, K>`.
 */
export function selectSql<T extends Table>(
  t: T,
  keys: readonly (keyof T['$inferSelect'] & string)[],
  alias = '',
): string {
  const cols = getTableColumns(t) as Record<string, Column>;
  return keys.map((k) => `${colSql(cols[k]!, alias)} AS "${k}"`).join(', ');
}
