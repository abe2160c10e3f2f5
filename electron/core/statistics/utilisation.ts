/**
 * 档案利用 figures: the values are lending's own counts (reference §11 rules, lending.counts), not
 * recounted here; the drill lists the loan records those counts were made of (handed out in the
 * year), so 卷次, 件次 and 解决问题 equal their list's length. 人次 (one person on one day) and
 * 复制页数 (a sum) are not counts of records: their lists show the loans behind them.
 */
import type { UtilisationCounts } from '../../contract/lending';
import type { StatFigure } from '../../contract/statistics';

export const MEASURES = {
  visits: { label: '利用人次', unit: '人次', countable: false },
  volumeTimes: { label: '利用卷次', unit: '卷次', countable: true },
  itemTimes: { label: '利用件次', unit: '件次', countable: true },
  copyPages: { label: '复制页数', unit: '页', countable: false },
  solved: { label: '解决问题', unit: '个', countable: true },
} as const;
export type Measure = keyof typeof MEASURES;
const BY_KIND: Exclude<Measure, 'copyPages'>[] = ['visits', 'volumeTimes', 'itemTimes', 'solved'];

const figure = (key: string, label: string, m: Measure, value: number): StatFigure => ({
  key,
  section: 'utilisation',
  label,
  value,
  unit: MEASURES[m].unit,
  countable: MEASURES[m].countable,
  drillable: true,
});

export function utilisationFigures(c: UtilisationCounts): StatFigure[] {
  const out = (Object.keys(MEASURES) as Measure[]).map((m) => figure(`utilisation.${m}`, MEASURES[m].label, m, c[m]));
  for (const p of c.byPurpose)
    for (const m of BY_KIND)
      out.push(figure(`utilisation.purpose.${p.purpose}.${m}`, `${MEASURES[m].label}（${p.purpose}）`, m, p[m]));
  for (const w of c.byWay)
    for (const m of BY_KIND)
      out.push(figure(`utilisation.way.${w.way}.${m}`, `${MEASURES[m].label}（${w.way}）`, m, w[m]));
  return out;
}

/** A utilisation key's filter: which loans (purpose or way) and which measure. */
export function parseUtilisationKey(key: string): { by?: 'purpose' | 'way'; value?: string; measure: Measure } | null {
  const parts = key.split('.');
  if (parts[0] !== 'utilisation') return null;
  const isMeasure = (m: string | undefined): m is Measure => !!m && m in MEASURES;
  if (parts.length === 2 && isMeasure(parts[1])) return { measure: parts[1] };
  if (parts.length === 4 && (parts[1] === 'purpose' || parts[1] === 'way') && isMeasure(parts[3]))
    return { by: parts[1], value: parts[2], measure: parts[3] };
  return null;
}

/** The loan records a utilisation figure counts (same rows as lending.counts: handed out in the year). */
export function utilisationSql(q: NonNullable<ReturnType<typeof parseUtilisationKey>>): string {
  const where = ['r.out_at IS NOT NULL', 'r.out_at >= @start', 'r.out_at < @end'];
  if (q.by === 'purpose') where.push('q.purpose = @value');
  if (q.by === 'way') where.push('q.way = @value');
  if (q.measure === 'volumeTimes') where.push(`r.entity = 'volume'`);
  if (q.measure === 'itemTimes') where.push(`r.entity = 'item'`);
  if (q.measure === 'solved') where.push(`r.status = 'returned' AND r.solved = 1`);
  if (q.measure === 'copyPages') where.push('r.copy_pages > 0');
  return `SELECT r.id, 'loan_record' AS entity, r.archive_code, r.title,
            coalesce(CASE r.entity WHEN 'item' THEN (SELECT access_level FROM items WHERE id = r.entity_id)
              ELSE (SELECT security_level FROM volumes WHERE id = r.entity_id) END, r.security_level) AS level,
            '' AS grp, r.copy_pages AS weight
          FROM loan_records r JOIN loan_requests q ON q.id = r.request_id WHERE ${where.join(' AND ')}`;
}
