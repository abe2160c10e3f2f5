/**
 * 量化考核 (issue 20): a station's assessment indicators, each a value, a score 0–100 and a weight;
 * the weighted total ranks the stations at the county bureau. The station sends a snapshot of its
 * indicators in each day's first bundle; the bureau ranks on the latest one and shows the trend
 * against the one before. The county's annual report is the sum of the stations' closed reports.
 */
import { z } from 'zod';
import { m } from './method-spec';
import type { StatFigure } from './statistics';
import { zStationId } from './sync';
import { zYear } from './schemas';

export const INDICATOR_KEYS = [
  'completeness',
  'digitisation',
  'verified',
  'overdueLoans',
  'roomLogGaps',
  'acceptanceSigned',
  'syncFreshness',
  'auditChain',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface Indicator {
  key: IndicatorKey;
  label: string;
  /** The measured value (a rate in %, a count, days; null when there is nothing to measure). */
  value: number | null;
  unit: string;
  /** 0–100, how the value scores (the rule is in `rule`). */
  score: number;
  weight: number;
  /** How the score follows from the value (zh-CN), for the clerk and the inspector. */
  rule: string;
}

export interface IndicatorReport {
  asOf: string;
  indicators: Indicator[];
  /** Σ score × weight / Σ weight, one decimal. */
  total: number;
}

export interface StationRanking {
  stationId: string;
  name: string;
  rank: number | null;
  /** Null when the station has not sent indicators yet. */
  computedAt: string | null;
  total: number | null;
  previousTotal: number | null;
  /** 'up' | 'down' | 'same' against the previous snapshot; null without one. */
  trend: 'up' | 'down' | 'same' | null;
  indicators: (Indicator & { previousScore: number | null })[];
}

export interface CountyMismatch {
  stationId: string;
  key: 'holdings.items' | 'holdings.volumes';
  reported: number;
  mirrored: number;
}

export interface CountyReport {
  year: number;
  /** Stations whose closed report is summed. */
  stations: { stationId: string; name: string; closedAt: string; closedByName: string }[];
  /** Stations that have not sent a closed report for the year. */
  notClosed: { stationId: string; name: string }[];
  /** Each figure summed over the closed reports (percentages and 年度 bounds are not summable: left out). */
  figures: StatFigure[];
  /** Holdings at year end reported by each station against its records the bureau mirrors. */
  holdingsCheck: { ok: boolean; mismatches: CountyMismatch[] };
}

const weight = z
  .number({ error: '权重应为数字' })
  .min(0, { error: '权重不能为负数' })
  .max(100, { error: '权重不能超过100' });
export const zIndicatorWeights = z.object({
  weights: z
    .partialRecord(z.enum(INDICATOR_KEYS, { error: '未知的考核指标' }), weight)
    .refine((w) => Object.keys(w).length > 0, { error: '请至少设置一项权重' }),
});
export const zIndicatorsAt = z.object({
  asOf: z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601' }).optional(),
});
export const zCountyYear = z.object({ year: zYear });
export const zBureauStationsRank = z.object({ stationId: zStationId.optional() });

// Everyone who reads the catalogue reads the indicators; the administrator sets the weights.
export const indicatorMethods = {
  'statistics.indicators': m<IndicatorReport>()(zIndicatorsAt, 'catalogue.read'),
  'statistics.indicators.weights': m<IndicatorReport>()(zIndicatorWeights, 'statistics.weights', true),
  'statistics.bureau.stations': m<StationRanking[]>()(zBureauStationsRank, 'catalogue.read'),
  'statistics.bureau.county': m<CountyReport>()(zCountyYear, 'catalogue.read'),
} as const;
