/**
 * 工作台 (issue 20): the station's home dashboard — holdings and digitisation over the last 24
 * months, OCR throughput and the verification queue, loans out and overdue, the room log's alarms
 * and gap days, open 九防 findings, the last bundle sent and the receipts outstanding.
 * Counts are statistics (every record, as the annual report counts them); the one list of records
 * (the most overdue loans) is filtered by the caller's 密级.
 */
import { z } from 'zod';
import { m } from './method-spec';

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

// Everyone who reads the catalogue sees the station's figures (the overdue list filtered by 密级).
export const dashboardMethods = {
  'dashboard.station': m<StationDashboard>()(zDashboardStation, 'catalogue.read'),
} as const;
