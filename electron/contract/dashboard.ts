/**
 * 工作台 (issue 20): the station's home dashboard — holdings and digitisation over the last 24
 * months, OCR throughput and the verification queue, loans out and overdue, the room log's alarms
 * and gap days, open 九防 findings, the last bundle sent and the receipts outstanding.
 * Counts are statistics (every record, as the annual report counts them); the one list of records
 * (the most overdue loans) is filtered by the caller's 密级.
 */
import { z } from 'zod';
import { m } from './method-spec';
import { zStationId } from './sync';

/** Cumulative at the end of a month (local time): what was held then. */
export interface DashboardMonth {
  /** 'YYYY-MM'. */
  month: string;
  items: number;
  volumes: number;
  /** Pages scanned (held, not deleted). */
  pages: number;
  /** Items with at least one field a clerk accepted on the verification screen. */
  verifiedItems: number;
}

export interface DashboardDay {
  /** 'YYYY-MM-DD' (local). */
  day: string;
  /** Pages whose OCR finished that day. */
  pages: number;
}

export interface DashboardOverdue {
  id: string;
  entity: 'item' | 'volume';
  archiveCode: string;
  title: string;
  borrowerName: string;
  borrowerUnit: string;
  dueDate: string;
  daysOverdue: number;
}

export interface StationDashboard {
  /** The local day the dashboard is counted to (its end). */
  asOf: string;
  holdings: { items: number; volumes: number; pages: number; verifiedItems: number };
  /** The last 24 months, oldest first; the last one ends with `asOf`. */
  progress: DashboardMonth[];
  ocr: { days: DashboardDay[]; pagesLast30: number; queued: number };
  /** Pages waiting on the verification screen (verify_status 'pending'). */
  verifyQueue: number;
  /** Loans are counted as they stand now (a loan has no history of being out). */
  loans: { out: number; overdue: number; mostOverdue: DashboardOverdue[] };
  room: { rooms: number; from: string; to: string; alarms: number; alarmsWithoutAction: number; gapDays: number };
  findings: { open: number };
  sync: {
    lastBundle: { seq: number; at: string; status: string; records: number } | null;
    receiptsOutstanding: number;
  };
}

const zDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD，例如 2026-03-05' });

export const zDashboardStation = z.object({ asOf: zDay.optional() }).default({});

/** At the bureau: held at the end of a month in what a station sent (no 已核对 there: fields are not mirrored). */
export type BureauMonth = Omit<DashboardMonth, 'verifiedItems'>;

/** What a station reported in its latest indicator snapshot (the room log and the audit chain stay at the station). */
export interface BureauReported {
  computedAt: string;
  /** The weighted total and the station's rank among the county's (statistics.bureau.stations). */
  total: number;
  rank: number | null;
  overdueLoans: number | null;
  /** Room-days without a reading in the 30 days before the snapshot. */
  roomLogGaps: number | null;
  auditChainOk: boolean | null;
}

/** One station's row at the bureau: its mirrored holdings and loans, its latest snapshot, its bundles. */
export interface BureauStationFigures {
  stationId: string;
  name: string;
  holdings: { items: number; volumes: number; pages: number };
  /** Loan records as mirrored: out now, and out past their due date on `asOf`. */
  loans: { out: number; overdue: number };
  reported: BureauReported | null;
  /** The last bundle applied here (import time). */
  lastBundle: { seq: number; at: string; records: number } | null;
  /** Receipts the bureau wrote back: one per applied bundle. */
  receiptsSent: number;
  /** Whole days since the last bundle (null: never sent). */
  daysSinceLast: number | null;
  /** Nothing received for `staleAfterDays` days or more (or never). */
  stale: boolean;
}

export interface BureauDashboard {
  asOf: string;
  /** The station shown, or null for the county (every station summed). */
  stationId: string | null;
  staleAfterDays: number;
  holdings: { items: number; volumes: number; pages: number };
  /** The last 24 months, oldest first, summed over the stations shown. */
  progress: BureauMonth[];
  loans: { out: number; overdue: number };
  /** Sums of the reported figures over the stations that sent a snapshot. */
  reported: { stations: number; overdueLoans: number; roomLogGaps: number; auditChainFailed: number };
  lastBundle: { stationId: string; seq: number; at: string; records: number } | null;
  receiptsSent: number;
  /** The stations shown that sent nothing for `staleAfterDays` days or more. */
  stale: { stationId: string; name: string; daysSinceLast: number | null }[];
  /** One row per station shown (the county's table; a single row for one station). */
  stations: BureauStationFigures[];
}

export const zDashboardBureau = z
  .object({
    stationId: zStationId.optional(),
    asOf: zDay.optional(),
    staleAfterDays: z
      .number({ error: '天数应为数字' })
      .int({ error: '天数应为整数' })
      .min(1, { error: '天数至少为1' })
      .max(365, { error: '天数不能超过365' })
      .default(14),
  })
  .default({ staleAfterDays: 14 });

// Everyone who reads the catalogue sees the station's figures (the overdue list filtered by 密级).
// At the bureau the same: the figures are counts (as statistics.bureau.* counts them), no record is listed.
export const dashboardMethods = {
  'dashboard.station': m<StationDashboard>()(zDashboardStation, 'catalogue.read'),
  'dashboard.bureau': m<BureauDashboard>()(zDashboardBureau, 'catalogue.read'),
} as const;
