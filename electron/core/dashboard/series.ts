/**
 * The dashboard's time series, in raw SQL because they scan whole tables: at a million items a
 * select per month (24 × 4 scans) would be far beyond the 1 s first paint the issue asks, and so
 * is one conditional sum per month and row (≈ 2 s at a million items here), so each table's rows
 * are bucketed by month boundary in one grouped scan. "Held at a boundary" is the annual report's
 * rule (statistics/sets.ts): created before it and not deleted before it.
 */
import type { DashboardDay, DashboardMonth } from '../../contract/dashboard';
import type { CoreContext } from '../kernel';

const pad = (n: number) => String(n).padStart(2, '0');
/** 'YYYY-MM-DD' of a local Date. */
export const dayOf = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** The first instant after a local day 'YYYY-MM-DD' (local midnight of the next day). */
export const endOfDay = (day: string): Date => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1);
};

/** The ends of the last `n` months up to and including `asOf`'s month; the last is the end of `asOf`. */
export function monthEnds(asOf: string, n = 24): { month: string; end: string }[] {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const out: { month: string; end: string }[] = [];
  for (let k = n - 1; k >= 0; k--) {
    const start = new Date(y, m - 1 - k, 1);
    const end = k === 0 ? endOfDay(asOf) : new Date(y, m - k, 1);
    out.push({ month: `${start.getFullYear()}-${pad(start.getMonth() + 1)}`, end: end.toISOString() });
  }
  return out;
}

/**
 * The index of the first boundary an instant falls before (0 … n, n = after all of them), as a
 * binary search in SQL: five comparisons a row instead of one per month.
 */
export const bucket = (col: string, lo: number, hi: number): string => {
  if (lo === hi) return String(lo);
  const mid = Math.floor((lo + hi) / 2);
  return `CASE WHEN ${col} < @b${mid} THEN ${bucket(col, lo, mid)} ELSE ${bucket(col, mid + 1, hi)} END`;
};

/** How many rows of a column fall before each boundary (cumulative over the buckets). */
function before(ctx: CoreContext, table: string, col: string, n: number, b: Record<string, string>): number[] {
  const rows = ctx.sqlite
    .prepare(`SELECT ${bucket(col, 0, n)} AS k, count(*) AS c FROM ${table} WHERE ${col} IS NOT NULL GROUP BY k`)
    .all(b) as { k: number; c: number }[];
  const hist = new Array<number>(n + 1).fill(0);
  for (const r of rows) hist[r.k] = r.c;
  const out: number[] = [];
  let run = 0;
  for (let k = 0; k < n; k++) out.push((run += hist[k]!));
  return out;
}

/**
 * The held series last counted, per database: scanning 1,000,000 items' created_at takes seconds
 * (no index has it), far over the first paint's 1 s. created_at and deleted_at change only in a
 * mutation, and every mutation writes a change-log row (house rule; raw inserts move the table's
 * max rowid), so the series stays exact while the last change seq and the max rowid are the same.
 */
const heldCache = new WeakMap<object, Map<string, { stamp: string; value: number[] }>>();

/** Held at each boundary: created before it minus deleted before it (a row is deleted after it is created). */
function held(ctx: CoreContext, table: string, n: number, b: Record<string, string>): number[] {
  const stamp = `${String(
    ctx.sqlite
      .prepare(`SELECT (SELECT max(seq) FROM change_log) || '/' || (SELECT max(rowid) FROM ${table})`)
      .pluck()
      .get(),
  )}|${Object.values(b).join(',')}`;
  const key = table; // one entry a table: the latest month boundaries only
  let cache = heldCache.get(ctx.sqlite);
  if (!cache) heldCache.set(ctx.sqlite, (cache = new Map()));
  const hit = cache.get(key);
  if (hit?.stamp === stamp) return hit.value;
  const created = before(ctx, table, 'created_at', n, b);
  const deleted = before(ctx, table, 'deleted_at', n, b);
  const value = created.map((c, k) => c - deleted[k]!);
  cache.set(key, { stamp, value });
  return value;
}

const bounds = (ends: { end: string }[]) => Object.fromEntries(ends.map((e, k) => [`b${k}`, e.end]));
const column = (row: Record<string, number>, n: number) => Array.from({ length: n }, (_, k) => row[`c${k}`] ?? 0);

/** Items, volumes, pages held and items with an accepted field, at the end of each month. */
export function progressSeries(ctx: CoreContext, asOf: string): DashboardMonth[] {
  const ends = monthEnds(asOf);
  const n = ends.length;
  const b = bounds(ends);
  // An item counts as verified from its first accepted field (the annual report's 有已核对字段的文件).
  const verifiedSums = Array.from(
    { length: n },
    (_, k) =>
      `coalesce(sum(i.created_at < @b${k} AND (i.deleted_at IS NULL OR i.deleted_at >= @b${k}) AND v.first < @b${k}), 0) AS c${k}`,
  ).join(', ');
  const verified = column(
    ctx.sqlite
      .prepare(
        `SELECT ${verifiedSums} FROM (SELECT p.item_id, min(f.accepted_at) AS first
           FROM page_fields f JOIN pages p ON p.id = f.page_id
           WHERE f.status = 'accepted' AND f.accepted_at IS NOT NULL AND p.item_id IS NOT NULL GROUP BY p.item_id) v
         JOIN items i ON i.id = v.item_id`,
      )
      .get(b) as Record<string, number>,
    n,
  );
  const items = held(ctx, 'items', n, b);
  const volumes = held(ctx, 'volumes', n, b);
  const pages = held(ctx, 'pages', n, b);
  return ends.map((e, k) => ({
    month: e.month,
    items: items[k]!,
    volumes: volumes[k]!,
    pages: pages[k]!,
    verifiedItems: verified[k]!,
  }));
}

/** Pages whose OCR job finished on each of the 30 days ending with `asOf` (local days). */
export function ocrSeries(ctx: CoreContext, asOf: string): DashboardDay[] {
  const end = endOfDay(asOf);
  const days: string[] = [];
  for (let k = 30; k >= 1; k--) {
    const d = new Date(end.getFullYear(), end.getMonth(), end.getDate() - k);
    days.push(dayOf(d));
  }
  const from = new Date(end.getFullYear(), end.getMonth(), end.getDate() - 30);
  const rows = ctx.sqlite
    .prepare(
      `SELECT date(finished_at, 'localtime') AS day, count(DISTINCT page_id) AS n FROM ocr_jobs
       WHERE status = 'done' AND finished_at >= @from AND finished_at < @end GROUP BY day`,
    )
    .all({ from: from.toISOString(), end: end.toISOString() }) as { day: string; n: number }[];
  const by = new Map(rows.map((r) => [r.day, r.n]));
  return days.map((day) => ({ day, pages: by.get(day) ?? 0 }));
}

/** Counts today's held series at start (serve, the shell), so the head's first 工作台 finds it cached. */
export function warmDashboard(ctx: CoreContext): void {
  if (!ctx.sqlite.open) return; // closed before this ran
  try {
    progressSeries(ctx, dayOf(ctx.clock.now()));
  } catch (e) {
    ctx.log.error('dashboard warm-up failed', e); // only a cache: the screen counts on its own
  }
}
