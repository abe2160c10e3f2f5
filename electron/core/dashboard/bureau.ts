/**
 * 工作台 at the county bureau (issue 20): the station dashboard's figures for one station or the
 * county, from what the bureau holds — the mirrored items, volumes, pages and loan records
 * (station_records), the latest indicator snapshot each station sent (the room log and the audit
 * chain are not mirrored, so those figures are as the station reported them), the bundles applied
 * (sync_imports, one receipt written back for each) and the stations silent for N days.
 * Counts are statistics over every 密级, as statistics.bureau.* counts them; no record is listed.
 */
import type { BureauDashboard, BureauMonth, BureauStationFigures } from '../../contract/dashboard';
import { type CoreContext } from '../kernel';
import { localDay } from '../lending';
import { bureauStations } from '../statistics';
import { requireRole, requireStation } from '../sync';
import { mirroredProgress, sumMonths } from './bureau-series';
import { dayOf, endOfDay } from './series';

const DAY_MS = 86_400_000;

interface Input {
  stationId?: string;
  asOf?: string;
  staleAfterDays: number;
}

/** Loan records as mirrored, per station: out, and out past their due date on `today`. */
function mirroredLoans(ctx: CoreContext, today: string, only: string | null) {
  const rows = ctx.sqlite
    .prepare(
      `SELECT station_id AS s, count(*) AS out, coalesce(sum(due IS NOT NULL AND due < @today), 0) AS overdue FROM (
         SELECT station_id, json_extract(fields, '$.fields.due_date') AS due FROM station_records
         WHERE entity = 'loan_record' AND deleted = 0 AND (@only IS NULL OR station_id = @only)
           AND json_extract(fields, '$.fields.status') = 'out') GROUP BY s`,
    )
    .all({ today, only }) as { s: string; out: number; overdue: number }[];
  return new Map(rows.map((r) => [r.s, { out: r.out, overdue: r.overdue }]));
}

/** Per station: the last bundle applied and the receipts written back (one per applied bundle). */
function bundles(ctx: CoreContext, only: string | null) {
  const rows = ctx.sqlite
    .prepare(
      `SELECT i.station_id AS s, i.seq, i.imported_at AS at, i.records, c.n FROM sync_imports i
       JOIN (SELECT station_id, max(seq) AS seq, count(*) AS n FROM sync_imports GROUP BY station_id) c
         ON c.station_id = i.station_id AND c.seq = i.seq
       WHERE @only IS NULL OR i.station_id = @only`,
    )
    .all({ only }) as { s: string; seq: number; at: string; records: number; n: number }[];
  return new Map(rows.map((r) => [r.s, r]));
}

const zeroMonths = (asOf: string): BureauMonth[] => sumMonths(asOf, []);

export function bureauDashboard(ctx: CoreContext, input: Input): BureauDashboard {
  requireRole(ctx, 'bureau');
  if (input.stationId) requireStation(ctx, input.stationId);
  const only = input.stationId ?? null;
  const asOf = input.asOf ?? dayOf(ctx.clock.now());
  // "Now" for the day counts: the end of a given day, else the clock.
  const now = input.asOf ? endOfDay(asOf).getTime() : ctx.clock.now().getTime();
  const today = input.asOf ?? localDay(ctx.nowIso());
  const progress = mirroredProgress(ctx, asOf, only);
  const loans = mirroredLoans(ctx, today, only);
  const sent = bundles(ctx, only);
  // Ranked among all the county's stations (a single station's rank is still its county rank).
  const ranked = bureauStations(ctx).filter((r) => !only || r.stationId === only);
  const rows: BureauStationFigures[] = ranked.map((r) => {
    const months = progress.get(r.stationId) ?? zeroMonths(asOf);
    const { month: _, ...holdings } = months[months.length - 1]!;
    const b = sent.get(r.stationId);
    // Not below 0: a bundle stamped a little after the clock read (another machine) was received today.
    const days = b ? Math.max(0, Math.floor((now - Date.parse(b.at)) / DAY_MS)) : null;
    const value = (key: string) => r.indicators.find((i) => i.key === key)?.value ?? null;
    const chain = value('auditChain');
    return {
      stationId: r.stationId,
      name: r.name,
      holdings,
      loans: loans.get(r.stationId) ?? { out: 0, overdue: 0 },
      reported:
        r.computedAt === null
          ? null
          : {
              computedAt: r.computedAt,
              total: r.total!,
              rank: r.rank,
              overdueLoans: value('overdueLoans'),
              roomLogGaps: value('roomLogGaps'),
              auditChainOk: chain === null ? null : chain === 1,
            },
      lastBundle: b ? { seq: b.seq, at: b.at, records: b.records } : null,
      receiptsSent: b?.n ?? 0,
      daysSinceLast: days,
      stale: days === null || days >= input.staleAfterDays,
    };
  });
  // The table in station-number order (the ranking is on the 考核与年报 tab).
  rows.sort((a, b) => a.stationId.localeCompare(b.stationId));
  const sum = (f: (r: BureauStationFigures) => number) => rows.reduce((a, r) => a + f(r), 0);
  const reporting = rows.filter((r) => r.reported);
  const latest = rows.filter((r) => r.lastBundle).sort((a, b) => b.lastBundle!.at.localeCompare(a.lastBundle!.at))[0];
  const months = sumMonths(
    asOf,
    rows.map((r) => progress.get(r.stationId) ?? zeroMonths(asOf)),
  );
  const { month: _, ...holdings } = months[months.length - 1]!;
  return {
    asOf,
    stationId: only,
    staleAfterDays: input.staleAfterDays,
    holdings,
    progress: months,
    loans: { out: sum((r) => r.loans.out), overdue: sum((r) => r.loans.overdue) },
    reported: {
      stations: reporting.length,
      overdueLoans: sum((r) => r.reported?.overdueLoans ?? 0),
      roomLogGaps: sum((r) => r.reported?.roomLogGaps ?? 0),
      auditChainFailed: reporting.filter((r) => r.reported!.auditChainOk === false).length,
    },
    lastBundle: latest ? { stationId: latest.stationId, ...latest.lastBundle! } : null,
    receiptsSent: sum((r) => r.receiptsSent),
    stale: rows
      .filter((r) => r.stale)
      .map((r) => ({ stationId: r.stationId, name: r.name, daysSinceLast: r.daysSinceLast })),
    stations: rows,
  };
}
