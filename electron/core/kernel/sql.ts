import { getTableName, sql, type Column, type SQL } from 'drizzle-orm';

/**
 * A column named with its table, for correlated subqueries inside a drizzle select: drizzle
 * leaves a one-table select's columns unqualified, and inside a subquery an unqualified
 * `station_id` names the inner table's column, so `inner.station_id = outer.station_id`
 * silently compares a column with itself.
 */
export const qualified = (c: Column): SQL => sql.raw(`"${getTableName(c.table)}"."${c.name}"`);
