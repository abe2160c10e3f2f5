/**
 * County bureau: the stations ranked on the indicator snapshots they sent (latest against the one
 * before: the trend), and the county's annual report summed from the stations' closed reports,
 * checked against the records the bureau mirrors (station_records). Reads the mirror's tables
 * directly (sync imports this domain to take the snapshot at export, so this one cannot import sync).
 */
import { asc, eq } from 'drizzle-orm';
import { syncStations } from '../../../db/schema';
import type { CountyMismatch, CountyReport, Indicator, StationRanking } from '../../contract/indicators';
import type { StatFigure } from '../../contract/statistics';
import { AppError, type CoreContext, getMeta } from '../kernel';
import { yearBounds } from './sets';

function requireBureau(ctx: CoreContext): void {
  if (getMeta(ctx, 'node_role') !== 'bureau')
    throw new AppError('SYNC_WRONG_ROLE', '此操作只能在县局（bureau 角色）进行');
}

const stationsOf = (ctx: CoreContext, only?: string) =>
  ctx.orm
    .select({ stationId: syncStations.stationId, name: syncStations.name })
    .from(syncStations)
    .where(only ? eq(syncStations.stationId, only) : undefined)
    .orderBy(asc(syncStations.stationId))
    .all();

/** A station's mirrored records of one kind, their station fields parsed (tombstones included). */
function mirrored(ctx: CoreContext, stationId: string, entity: string): Record<string, unknown>[] {
  const rows = ctx.sqlite
    .prepare(`SELECT fields FROM station_records WHERE station_id = ? AND entity = ?`)
    .pluck()
    .all(stationId, entity) as string[];
  return rows.map((f) => (JSON.parse(f) as { fields: Record<string, unknown> }).fields);
}

export function bureauStations(ctx: CoreContext, only?: string): StationRanking[] {
  requireBureau(ctx);
  const out: StationRanking[] = stationsOf(ctx, only).map(({ stationId, name }) => {
    const snaps = mirrored(ctx, stationId, 'statistics_indicator_snapshot').sort((a, b) =>
      String(b.computed_at).localeCompare(String(a.computed_at)),
    );
    const [cur, prev] = snaps;
    if (!cur)
      return {
        stationId,
        name,
        rank: null,
        computedAt: null,
        total: null,
        previousTotal: null,
        trend: null,
        indicators: [],
      };
    const prevScores = new Map(
      prev ? (JSON.parse(String(prev.indicators)) as Indicator[]).map((i) => [i.key, i.score]) : [],
    );
    const total = Number(cur.total);
    const previousTotal = prev ? Number(prev.total) : null;
    return {
      stationId,
      name,
      rank: null,
      computedAt: String(cur.computed_at),
      total,
      previousTotal,
      trend: previousTotal === null ? null : total > previousTotal ? 'up' : total < previousTotal ? 'down' : 'same',
      indicators: (JSON.parse(String(cur.indicators)) as Indicator[]).map((i) => ({
        ...i,
        previousScore: prevScores.get(i.key) ?? null,
      })),
    };
  });
  // Rank 1 is the highest total; equal totals share a rank; stations without indicators are unranked.
  const ranked = out.filter((s) => s.total !== null).sort((a, b) => b.total! - a.total!);
  for (const s of ranked) s.rank = 1 + ranked.filter((o) => o.total! > s.total!).length;
  return [...ranked, ...out.filter((s) => s.total === null)];
}

/** Figures that do not add up across stations: rates and the 年度 bounds. */
const summable = (f: StatFigure) => f.unit !== '%' && f.unit !== '年';

/** The annual report's rule for one mirrored record: created before the end, not deleted by it. */
const heldAt = (f: Record<string, unknown>, end: string) =>
  String(f.created_at) < end && (f.deleted_at == null || String(f.deleted_at) >= end);

/**
 * Held at year end in the station's own rows as mirrored (tombstones included, as mirrored() reads
 * them). Items are counted on the bureau's catalogue projection (station_items, one row per
 * mirrored item, kept by triggers): parsing a county's million mirrored items took most of the
 * county report's time. The projection dates a tombstone without a deleted_at by its arrival, so
 * tombstones (a few a station) are taken out of that count and judged on their own fields.
 */
function heldInMirror(ctx: CoreContext, stationId: string, entity: 'item' | 'volume', end: string): number {
  if (entity === 'volume') return mirrored(ctx, stationId, entity).filter((f) => heldAt(f, end)).length;
  // A tombstone's projection always has a deleted_at, so only those rows are looked up (index first).
  const tombstones = ctx.sqlite
    .prepare(
      `SELECT r.fields, (i.created_at < @end AND i.deleted_at >= @end) AS counted
       FROM station_items i INDEXED BY ix_station_items_class CROSS JOIN station_records r
         ON r.station_id = i.station_id AND r.entity = 'item' AND r.entity_id = i.id
       WHERE i.station_id = @stationId AND i.deleted_at IS NOT NULL AND r.deleted = 1`,
    )
    .all({ stationId, end }) as { fields: string; counted: number }[];
  const projected = ctx.sqlite
    .prepare(
      `SELECT count(*) FROM station_items
       WHERE station_id = @stationId AND created_at < @end AND (deleted_at IS NULL OR deleted_at >= @end)`,
    )
    .pluck()
    .get({ stationId, end }) as number;
  return tombstones.reduce(
    (n, t) =>
      n - t.counted + (heldAt((JSON.parse(t.fields) as { fields: Record<string, unknown> }).fields, end) ? 1 : 0),
    projected,
  );
}

export function countyReport(ctx: CoreContext, year: number): CountyReport {
  requireBureau(ctx);
  const { end } = yearBounds(year);
  const sums = new Map<string, StatFigure>();
  const report: CountyReport = {
    year,
    stations: [],
    notClosed: [],
    figures: [],
    holdingsCheck: { ok: true, mismatches: [] },
  };
  for (const st of stationsOf(ctx)) {
    const closure = mirrored(ctx, st.stationId, 'statistics_closure').find((c) => Number(c.year) === year);
    if (!closure) {
      report.notClosed.push(st);
      continue;
    }
    report.stations.push({ ...st, closedAt: String(closure.closed_at), closedByName: String(closure.closed_by_name) });
    const figures = JSON.parse(String(closure.figures)) as StatFigure[];
    for (const f of figures.filter(summable)) {
      const s = sums.get(f.key);
      if (s) s.value += f.value;
      else sums.set(f.key, { ...f, drillable: false });
    }
    const checks: [CountyMismatch['key'], 'item' | 'volume'][] = [
      ['holdings.items', 'item'],
      ['holdings.volumes', 'volume'],
    ];
    for (const [key, entity] of checks) {
      const reported = figures.find((f) => f.key === key)?.value ?? 0;
      const inMirror = heldInMirror(ctx, st.stationId, entity, end);
      if (reported !== inMirror)
        report.holdingsCheck.mismatches.push({ stationId: st.stationId, key, reported, mirrored: inMirror });
    }
  }
  report.figures = [...sums.values()].map((f) => ({ ...f, value: Math.round(f.value * 100) / 100 }));
  report.holdingsCheck.ok = report.holdingsCheck.mismatches.length === 0;
  return report;
}
