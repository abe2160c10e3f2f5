/**
 * A figure opened to the records it counts: the same select the figure was counted from, so a
 * countable figure's drill total equals its value by construction (the test checks it against
 * its own SQL besides).
 *
 * 密级: a figure counts every record, whatever its 密级 — a statistic names none of them, and a
 * report whose totals shrank with the reader's clearance could not be signed or summed at the
 * bureau. The drill list does name records, so it shows only those at or below the caller's
 * clearance (the item's guarding level, a volume's own, a loan's record as it is now) and says how
 * many it left out: total = shown + hidden, and the clerk can tell the inspector why.
 * A closed year's drill lists the records as they count now; the report's corrections name what
 * changed since closing.
 */
import type { z } from 'zod';
import type { StatDrill, StatDrillRow, zStatDrill } from '../../contract/statistics';
import { AppError, type CoreContext } from '../kernel';
import { utilisationCounts } from '../lending';
import { type RecordSet, RECORD_SETS, yearBounds } from './sets';
import { MEASURES, parseUtilisationKey, utilisationFigures, utilisationSql } from './utilisation';

interface Source {
  sql: string;
  group: string;
  label: string;
  /** How the figure's value comes out of the rows. */
  value: 'count' | 'weight' | 'utilisation';
  entity: StatDrillRow['entity'];
  params: Record<string, string>;
}

function matchSet(set: RecordSet, key: string): string | null {
  if (!set.grouped) return key === set.key ? '' : null;
  if (!key.startsWith(`${set.key}.`)) return null;
  const g = key.slice(set.key.length + 1);
  if (!g || g.includes('.')) return null;
  return !set.groups || set.groups.includes(g) ? g : null;
}

/** The rows behind a key, or null when no record set or utilisation figure has that key. */
export function sourceOf(key: string): Source | null {
  for (const set of RECORD_SETS) {
    const g = matchSet(set, key);
    if (g !== null)
      return { sql: set.sql, group: g, label: set.label(g), value: 'count', entity: set.entity, params: {} };
    if (set.pages && key.endsWith('.pages')) {
      const pg = matchSet(set, key.slice(0, -'.pages'.length));
      if (pg !== null)
        return { sql: set.sql, group: pg, label: set.pages(pg), value: 'weight', entity: set.entity, params: {} };
    }
  }
  const u = parseUtilisationKey(key);
  if (!u) return null;
  return {
    sql: utilisationSql(u),
    group: '',
    label: MEASURES[u.measure].label + (u.value ? `（${u.value}）` : ''),
    value: 'utilisation',
    entity: 'loan_record',
    params: { value: u.value ?? '' },
  };
}

const NOT_DRILLABLE = /^(profile\.|digitisation\.(rate|searchableRate)$|holdings\.years\.)/;

function resolve(key: string): Source {
  const src = sourceOf(key);
  if (src) return src;
  if (NOT_DRILLABLE.test(key))
    throw new AppError('STATISTICS_NOT_DRILLABLE', '这项数字是填报的或由其他数字算出的，没有对应的档案清单', { key });
  throw new AppError('STATISTICS_UNKNOWN_FIGURE', `没有这项统计数字：${key}`, { key });
}

/** Every row of a figure the caller may see (for the corrections), and how many were hidden. */
export function visibleRows(ctx: CoreContext, clearance: number, year: number, src: Source): StatDrillRow[] {
  return ctx.sqlite
    .prepare(
      `SELECT id, entity, archive_code AS archiveCode, title FROM (${src.sql})
       WHERE grp = @grp AND level <= @clearance ORDER BY archive_code, id`,
    )
    .all({ ...yearBounds(year), ...src.params, grp: src.group, clearance }) as StatDrillRow[];
}

export function drill(ctx: CoreContext, clearance: number, input: z.output<typeof zStatDrill>): StatDrill {
  const src = resolve(input.key);
  const params = { ...yearBounds(input.year), ...src.params, grp: src.group, clearance };
  const agg = ctx.sqlite
    .prepare(
      `SELECT count(*) AS total, coalesce(sum(level > @clearance), 0) AS hidden, coalesce(sum(weight), 0) AS w
       FROM (${src.sql}) WHERE grp = @grp`,
    )
    .get(params) as { total: number; hidden: number; w: number };
  const rows = ctx.sqlite
    .prepare(
      `SELECT id, entity, archive_code AS archiveCode, title FROM (${src.sql})
       WHERE grp = @grp AND level <= @clearance ORDER BY archive_code, id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset }) as StatDrillRow[];
  const value =
    src.value === 'count'
      ? agg.total
      : src.value === 'weight'
        ? agg.w
        : (utilisationFigures(utilisationCounts(ctx, input.year)).find((f) => f.key === input.key)?.value ?? 0);
  return { year: input.year, key: input.key, label: src.label, value, total: agg.total, hidden: agg.hidden, rows };
}
