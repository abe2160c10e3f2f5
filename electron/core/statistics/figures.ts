/**
 * The year's figures counted live: the record sets (sets.ts) grouped and counted, lending's
 * utilisation counts, the ratios derived from them, and the year's entered 库房/设备/人员 profile.
 * What the catalogue cannot tell is listed as a gap with its reason, never guessed.
 */
import { STAT_PROFILE_FIGURES, STAT_SECTIONS, type StatFigure, type StatGap } from '../../contract/statistics';
import type { CoreContext } from '../kernel';
import { utilisationCounts } from '../lending';
import { countSets, type GroupCount } from './counting';
import { profileRow } from './profile';
import { figureKey, type RecordSet, RECORD_SETS, yearBounds } from './sets';
import { utilisationFigures } from './utilisation';

const derived = (key: string, section: StatFigure['section'], label: string, value: number, unit: string) =>
  ({ key, section, label, value, unit, countable: false, drillable: false }) satisfies StatFigure;
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

function setFigures(counts: Map<RecordSet, GroupCount[]>): StatFigure[] {
  const out: StatFigure[] = [];
  for (const set of RECORD_SETS) {
    const rows = counts.get(set)!;
    const byGroup = new Map(rows.map((r) => [r.grp, r]));
    const groups = set.grouped ? [...new Set([...(set.groups ?? []), ...rows.map((r) => r.grp)])] : [''];
    for (const g of groups) {
      const key = figureKey(set, g);
      const r = byGroup.get(g);
      const base = { section: set.section, countable: true, drillable: true };
      out.push({ ...base, key, label: set.label(g), value: r?.n ?? 0, unit: set.unit });
      if (set.pages)
        out.push({ ...base, key: `${key}.pages`, label: set.pages(g), value: r?.w ?? 0, unit: '页', countable: false });
    }
  }
  return out;
}

/**
 * 年度 range of the holdings at year end (the oldest and newest 年度 held): the lowest and highest
 * 年度 of the held items' and volumes' sets, from the same pass that counts them.
 */
function yearRange(counts: Map<RecordSet, GroupCount[]>): StatFigure[] {
  const held = RECORD_SETS.filter((s) => !s.grouped && (s.key === 'holdings.items' || s.key === 'holdings.volumes'));
  const rows = held.flatMap((s) => counts.get(s)!);
  const years = (pick: (r: GroupCount) => number | null | undefined) =>
    rows.map(pick).filter((y): y is number => y != null);
  const lo = years((r) => r.lo);
  const hi = years((r) => r.hi);
  return [
    derived('holdings.years.from', 'holdings', '起始年度', lo.length ? Math.min(...lo) : 0, '年'),
    derived('holdings.years.to', 'holdings', '截止年度', hi.length ? Math.max(...hi) : 0, '年'),
  ];
}

export const GAPS: StatGap[] = [
  { key: 'changes.transferred', label: '移交进馆', reason: '本系统不记录向档案馆移交，请按移交清册手工填报' },
  { key: 'media.photoSheets', label: '照片（张）', reason: '照片按件著录，未记录每件的张数；表中为件数' },
  { key: 'media.carriers', label: '录音、录像（盘）', reason: '未记录载体（盘）数；表中为件数' },
  { key: 'holdings.materials', label: '资料（册）', reason: '资料不在档案目录中著录' },
  { key: 'profile.staffDetail', label: '人员性别、年龄、学历构成', reason: '只填报专职、兼职人数' },
];

/** Every figure of the year, counted now, in the order of the 档基 tables' sections. */
export function liveFigures(ctx: CoreContext, year: number): { figures: StatFigure[]; gaps: StatGap[] } {
  const counts = countSets(ctx, RECORD_SETS, yearBounds(year));
  const sets = setFigures(counts);
  const value = (key: string) => sets.find((f) => f.key === key)?.value ?? 0;
  const held = value('holdings.items.pages');
  const scanned = value('digitisation.pages.scanned');
  const figures = [
    ...sets,
    ...yearRange(counts),
    derived('digitisation.rate', 'digitisation', '数字化率（已扫描页数/馆藏页数）', percent(scanned, held), '%'),
    derived(
      'digitisation.searchableRate',
      'digitisation',
      '可检索PDF覆盖率（可检索页数/已扫描页数）',
      percent(value('digitisation.pages.searchable'), scanned),
      '%',
    ),
    ...utilisationFigures(utilisationCounts(ctx, year)),
  ];
  const gaps = [...GAPS];
  const profile = profileRow(ctx, year);
  if (profile)
    for (const [k, label, unit] of STAT_PROFILE_FIGURES)
      figures.push(derived(`profile.${k}`, 'profile', label, profile[k], unit));
  else gaps.push({ key: 'profile', label: '库房、设备与人员', reason: `${year}年度尚未填报` });
  const order = Object.keys(STAT_SECTIONS);
  figures.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
  return { figures, gaps };
}
