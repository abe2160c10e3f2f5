/**
 * The station's dashboard (工作台). Counts are statistics — every record, whatever its 密级, as the
 * annual report counts them — while the one list of records (the most overdue loans) comes from
 * the lending domain's 催还 list, filtered by the caller's clearance. The room figures are the
 * room log's own lists (its 超标 readings, its 缺测 days, its open 九防 findings), so the
 * dashboard and the room screen cannot disagree.
 */
import type { DashboardOverdue, StationDashboard } from '../../contract/dashboard';
import { type CoreContext, type Session } from '../kernel';
import { localDay, overdueLoans } from '../lending';
import { listChecks, listReadings, listRooms } from '../room';
import { dayOf, endOfDay, ocrSeries, progressSeries } from './series';

const MOST_OVERDUE = 5;
const DAY_MS = 86_400_000;

/** One count from a raw select (the counts below scan single tables with no clearance filter). */
const countOf = (ctx: CoreContext, sql: string, params: Record<string, string> = {}): number =>
  (ctx.sqlite.prepare(sql).get(params) as { n: number }).n;

function roomFigures(ctx: CoreContext, asOf: string): StationDashboard['room'] & { open: number } {
  const end = endOfDay(asOf);
  const from = dayOf(new Date(end.getFullYear(), end.getMonth(), end.getDate() - 30));
  const out = { rooms: 0, from, to: asOf, alarms: 0, alarmsWithoutAction: 0, gapDays: 0, open: 0 };
  for (const room of listRooms(ctx)) {
    const log = listReadings(ctx, { roomId: room.id, from, to: asOf });
    out.rooms++;
    out.alarms += log.outOfRange;
    out.alarmsWithoutAction += log.withoutAction;
    out.gapDays += log.thinDays.length;
    out.open += listChecks(ctx, { roomId: room.id, limit: 1 }).open.length;
  }
  return out;
}

function loanFigures(ctx: CoreContext, s: Session): StationDashboard['loans'] {
  const today = localDay(ctx.nowIso());
  const mostOverdue: DashboardOverdue[] = overdueLoans(ctx, s)
    .slice(0, MOST_OVERDUE)
    .map((l) => ({
      id: l.id,
      entity: l.entity,
      archiveCode: l.archiveCode,
      title: l.title,
      borrowerName: l.borrowerName,
      borrowerUnit: l.borrowerUnit,
      dueDate: l.dueDate ?? '',
      daysOverdue: Math.round((Date.parse(today) - Date.parse(l.dueDate ?? today)) / DAY_MS),
    }));
  return {
    out: countOf(ctx, `SELECT count(*) AS n FROM loan_records WHERE status = 'out'`),
    // The same rule as the 催还 list (lending/desk.ts), counted over every 密级.
    overdue: countOf(ctx, `SELECT count(*) AS n FROM loan_records WHERE status = 'out' AND due_date < @today`, {
      today,
    }),
    mostOverdue,
  };
}

function syncFigures(ctx: CoreContext): StationDashboard['sync'] {
  // Not sync's syncStatus: it plans the next export (every pending record), too slow for a home screen.
  const last = ctx.sqlite
    .prepare(
      `SELECT seq, created_at AS at, status, records FROM sync_out_bundles
       WHERE status IN ('written', 'acknowledged') ORDER BY seq DESC LIMIT 1`,
    )
    .get() as StationDashboard['sync']['lastBundle'] | undefined;
  return {
    lastBundle: last ?? null,
    receiptsOutstanding: countOf(ctx, `SELECT count(*) AS n FROM sync_out_bundles WHERE status = 'written'`),
  };
}

export function stationDashboard(ctx: CoreContext, s: Session, asOfInput?: string): StationDashboard {
  const asOf = asOfInput ?? dayOf(ctx.clock.now());
  const progress = progressSeries(ctx, asOf);
  const days = ocrSeries(ctx, asOf);
  const { open, ...room } = roomFigures(ctx, asOf);
  const { month: _, ...holdings } = progress[progress.length - 1]!;
  return {
    asOf,
    holdings,
    progress,
    ocr: {
      days,
      pagesLast30: days.reduce((a, d) => a + d.pages, 0),
      queued: countOf(ctx, `SELECT count(*) AS n FROM ocr_jobs WHERE status IN ('queued', 'running')`),
    },
    // As the verification screen finds them (verify.queue), over every 密级: pending, not deleted.
    verifyQueue: countOf(ctx, `SELECT count(*) AS n FROM pages WHERE verify_status = 'pending' AND deleted_at IS NULL`),
    loans: loanFigures(ctx, s),
    room,
    findings: { open },
    sync: syncFigures(ctx),
  };
}
