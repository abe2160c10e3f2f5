/**
 * 量化考核: the station's assessment indicators, counted with plain SQL as of a moment. Each has a
 * value, a score 0–100 and a weight. Default weights (sum 100; the administrator changes them with
 * statistics.indicators.weights, kept in meta 'statistics.indicator_weights'):
 *   completeness 20 — 著录完整率: held items with 题名, 责任者, 日期 and 页数 filled (score = the %)
 *   digitisation 20 — 数字化率: held items with at least one scanned page (score = the %)
 *   verified 10 — 字段核对率: form fields read from scans that a clerk accepted (score = the %)
 *   overdueLoans 10 — 逾期未还: records out past their due date (100, −20 per record, not below 0)
 *   roomLogGaps 10 — 温湿度记录缺失: room-days without a reading in the 30 days before (score = % covered)
 *   acceptanceSigned 10 — 验收签字齐全: accepted batches whose every step is signed (score = the %)
 *   syncFreshness 10 — 上报及时: days since the bureau last acknowledged a bundle (≤7: 100, then −10 a 3 days)
 *   auditChain 10 — 审计链完整: the audit log's hash chain verifies (100 or 0)
 * Nothing to measure scores 100 where nothing is owed (no loans, no accepted batches) and 0 where work is
 * missing (no records, no room log, never acknowledged).
 */
import type { Indicator, IndicatorKey, IndicatorReport } from '../../contract/indicators';
import { verifyAuditChain } from '../audit';
import { type CoreContext, getMeta } from '../kernel';
import { localDay } from '../room';

export const DEFAULT_WEIGHTS: Record<IndicatorKey, number> = {
  completeness: 20,
  digitisation: 20,
  verified: 10,
  overdueLoans: 10,
  roomLogGaps: 10,
  acceptanceSigned: 10,
  syncFreshness: 10,
  auditChain: 10,
};
export const WEIGHTS_META = 'statistics.indicator_weights';
const DAY = 86_400_000;
const LOG_DAYS = 30;

export function weightsOf(ctx: CoreContext): Record<IndicatorKey, number> {
  const raw = getMeta(ctx, WEIGHTS_META);
  return { ...DEFAULT_WEIGHTS, ...(raw ? (JSON.parse(raw) as Partial<Record<IndicatorKey, number>>) : {}) };
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n * 10) / 10));

type Measured = Omit<Indicator, 'weight'>;

function measure(ctx: CoreContext, asOf: string): Measured[] {
  const one = (sql: string, p: Record<string, unknown> = {}) =>
    ctx.sqlite.prepare(sql).get({ asOf, ...p }) as Record<string, number | string | null>;
  const held = `created_at <= @asOf AND (deleted_at IS NULL OR deleted_at > @asOf)`;
  const items = one(
    `SELECT count(*) AS n,
       sum(title <> '' AND author <> '' AND date <> '' AND coalesce(page_count, 0) > 0) AS full,
       sum(EXISTS (SELECT 1 FROM pages p WHERE p.item_id = items.id AND p.created_at <= @asOf)) AS scanned
     FROM items WHERE ${held}`,
  );
  const n = Number(items.n);
  const fields = one(
    `SELECT count(*) AS n, coalesce(sum(f.status = 'accepted'), 0) AS ok FROM page_fields f
       JOIN pages p ON p.id = f.page_id WHERE p.created_at <= @asOf`,
  );
  const today = localDay(new Date(asOf));
  const overdue = Number(
    one(`SELECT count(*) AS n FROM loan_records WHERE status = 'out' AND due_date IS NOT NULL AND due_date < @today`, {
      today,
    }).n,
  );
  const rooms = Number(one(`SELECT count(*) AS n FROM rooms WHERE created_at <= @asOf`).n);
  const from = new Date(Date.parse(asOf) - LOG_DAYS * DAY).toISOString();
  const readings = ctx.sqlite
    .prepare(`SELECT room_id AS room, taken_at AS at FROM room_readings WHERE taken_at >= @from AND taken_at < @asOf`)
    .all({ from, asOf }) as { room: string; at: string }[];
  const windowDays = new Set<string>();
  for (let d = 1; d <= LOG_DAYS; d++) windowDays.add(localDay(new Date(Date.parse(asOf) - d * DAY)));
  const covered = new Set(
    readings.map((r) => `${r.room}|${localDay(new Date(r.at))}`).filter((k) => windowDays.has(k.split('|')[1]!)),
  );
  const gaps = rooms * LOG_DAYS - covered.size;
  const batches = one(
    `SELECT count(*) AS n, coalesce(sum(NOT EXISTS (SELECT 1 FROM arrangement_steps s
       WHERE s.batch_id = b.id AND s.completed_at IS NULL)), 0) AS signed
     FROM arrangement_batches b WHERE b.status = 'accepted' AND b.updated_at <= @asOf`,
  );
  const acked = one(
    `SELECT max(acked_at) AS at FROM sync_out_bundles WHERE status = 'acknowledged' AND acked_at <= @asOf`,
  ).at as string | null;
  const days = acked ? Math.floor((Date.parse(asOf) - Date.parse(acked)) / DAY) : null;
  const chain = verifyAuditChain(ctx);
  const rate = (key: IndicatorKey, label: string, v: number | null, rule: string, none = 0): Measured => ({
    key,
    label,
    value: v,
    unit: '%',
    score: v === null ? none : clamp(v),
    rule,
  });
  const signed = Number(batches.n);
  return [
    rate('completeness', '著录完整率', pct(Number(items.full), n), '题名、责任者、日期、页数齐全的件数/馆藏件数'),
    rate('digitisation', '数字化率', pct(Number(items.scanned), n), '已扫描的件数/馆藏件数'),
    rate('verified', '字段核对率', pct(Number(fields.ok), Number(fields.n)), '已核对的表单字段/识读出的字段'),
    {
      key: 'overdueLoans',
      label: '逾期未还',
      value: overdue,
      unit: '卷件',
      score: clamp(100 - 20 * overdue),
      rule: '无逾期100分，每逾期一卷（件）扣20分',
    },
    {
      key: 'roomLogGaps',
      label: '温湿度记录缺失',
      value: rooms ? gaps : null,
      unit: '库房·天',
      score: rooms ? clamp(((rooms * LOG_DAYS - gaps) / (rooms * LOG_DAYS)) * 100) : 0,
      rule: `近${LOG_DAYS}天每个库房每天至少一次记录；得分为有记录的比例，未建库房0分`,
    },
    rate(
      'acceptanceSigned',
      '验收签字齐全率',
      pct(Number(batches.signed), signed),
      '已验收批次中各环节均已签字的比例；无已验收批次100分',
      100,
    ),
    {
      key: 'syncFreshness',
      label: '上报及时',
      value: days,
      unit: '天',
      score: days === null ? 0 : clamp(days <= 7 ? 100 : 100 - Math.ceil((days - 7) / 3) * 10),
      rule: '距县局最近一次确认收到数据包的天数：7天内100分，之后每3天扣10分；从未上报0分',
    },
    {
      key: 'auditChain',
      label: '审计链完整',
      value: chain.ok ? 1 : 0,
      unit: '',
      score: chain.ok ? 100 : 0,
      rule: '审计日志哈希链校验通过100分，否则0分',
    },
  ];
}

/** Σ score × weight / Σ weight, one decimal (0 when every weight is 0). */
export function weightedTotal(list: readonly { score: number; weight: number }[]): number {
  const w = list.reduce((s, i) => s + i.weight, 0);
  return w > 0 ? Math.round((list.reduce((s, i) => s + i.score * i.weight, 0) / w) * 10) / 10 : 0;
}

export function indicators(ctx: CoreContext, asOf?: string): IndicatorReport {
  const at = asOf ? new Date(asOf).toISOString() : ctx.nowIso();
  const weights = weightsOf(ctx);
  const list = measure(ctx, at).map((i) => ({ ...i, weight: weights[i.key] }));
  return { asOf: at, indicators: list, total: weightedTotal(list) };
}
