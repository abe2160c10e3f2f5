/**
 * `dangan report indicators`: at a station its 考核指标 (value, score, weight each, and the weighted
 * total); at the county bureau each station's latest indicators as sent, ranked, with the trend.
 */
import type { IndicatorReport, StationRanking } from '../../../electron/contract/indicators';
import { CliError, out } from '../io';
import type { openSession } from '../session';

const TREND = { up: '↑', down: '↓', same: '→' } as const;
const show = (v: number | null, unit: string) => (v === null ? '—' : `${v}${unit ? ` ${unit}` : ''}`);

/** One station's indicators as text lines. */
export function stationIndicatorLines(r: IndicatorReport): string[] {
  return [
    `考核指标（截至 ${r.asOf.slice(0, 16).replace('T', ' ')}）总分 ${r.total}`,
    ...r.indicators.map((i) => `  ${i.label}\t${show(i.value, i.unit)}\t得分 ${i.score}\t权重 ${i.weight}\t[${i.key}]`),
  ];
}

/** The bureau's ranking as text lines: rank, station, total and trend, then each indicator's score. */
export function indicatorLines(list: StationRanking[]): string[] {
  const lines = ['各派出所考核排名'];
  for (const s of list) {
    if (s.total === null) {
      lines.push(`  —  ${s.stationId} ${s.name}\t尚未上报考核指标`);
      continue;
    }
    const trend = s.trend ? `${TREND[s.trend]}（上次 ${s.previousTotal}）` : '';
    lines.push(`  ${s.rank}  ${s.stationId} ${s.name}\t总分 ${s.total}${trend}\t计算于 ${s.computedAt!.slice(0, 10)}`);
    for (const i of s.indicators)
      lines.push(`      ${i.label}\t${show(i.value, i.unit)}\t得分 ${i.score}\t权重 ${i.weight}`);
  }
  return lines;
}

export async function indicatorsReport(cli: Awaited<ReturnType<typeof openSession>>, json: boolean): Promise<number> {
  const status = await cli.call('system.status', {});
  if (status.nodeRole === 'bureau') {
    const r = await cli.call('statistics.bureau.stations', {});
    if (json) out(JSON.stringify(r));
    else for (const l of indicatorLines(r)) out(l);
    return 0;
  }
  if (status.nodeRole !== 'station') throw new CliError('数据目录尚未初始化', 2);
  const r = await cli.call('statistics.indicators', {});
  if (json) out(JSON.stringify(r));
  else for (const l of stationIndicatorLines(r)) out(l);
  return 0;
}
