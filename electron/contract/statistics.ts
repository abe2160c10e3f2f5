/**
 * 统计年报 (issue 20; reference §11): the annual report as a flat list of figures, each with a
 * stable key, the section and label the 档基 tables use, its value and unit; each countable figure
 * opens to the records it counts (drill), so a clerk can defend every number. A year is closed by
 * the station head with a password signature; a closed year answers with its frozen figures and
 * the corrections a live recount finds.
 */
import { z } from 'zod';
import { m } from './method-spec';
import { zPassword, zYear } from './schemas';

export const STAT_SECTIONS = {
  holdings: '馆（室）藏档案（年末）',
  media: '照片、录音、录像与实物（年末）',
  changes: '本年度增减',
  opening: '开放与解密',
  digitisation: '数字化',
  utilisation: '档案利用',
  profile: '库房、设备与人员',
} as const;
export type StatSection = keyof typeof STAT_SECTIONS;

export interface StatFigure {
  /** Stable key, e.g. 'holdings.volumes.D30', 'utilisation.purpose.工作查考.visits'. */
  key: string;
  section: StatSection;
  /** As the 档基 tables name it (zh-CN). */
  label: string;
  value: number;
  /** 卷, 件, 页, 人次, 卷次, 件次, 个, %, 平方米, 米, 台, 人, 年 … */
  unit: string;
  /**
   * True when the value is the number of records its drill list holds (drill total == value);
   * false for sums (pages), distinct people (人次), ratios and figures entered by hand.
   */
  countable: boolean;
  /** False for figures that have no records behind them (entered, ratios, year bounds). */
  drillable: boolean;
}

/** What the catalogue cannot tell, said in the report rather than guessed. */
export interface StatGap {
  key: string;
  label: string;
  reason: string;
}

export interface StatCorrection {
  key: string;
  label: string;
  frozen: number;
  live: number;
  /** Records of the figure's kind changed since closing (change log), within the caller's clearance. */
  changed: StatDrillRow[];
}

export interface AnnualReport {
  year: number;
  unitName: string;
  fondsCode: string;
  /** The instant the figures are counted as of: the first moment of the next year (local time). */
  asOf: string;
  figures: StatFigure[];
  gaps: StatGap[];
  closed: {
    closedAt: string;
    closedByName: string;
    comment: string;
    contentHash: string;
    signatureId: string;
  } | null;
  /** Only for a closed year: figures whose live recount differs from the frozen value. */
  corrections: StatCorrection[];
}

export interface StatDrillRow {
  id: string;
  entity: 'item' | 'volume' | 'page' | 'loan_record' | 'destruction_list';
  archiveCode: string;
  title: string;
}

export interface StatDrill {
  year: number;
  key: string;
  label: string;
  value: number;
  /** Rows the figure counts, above the caller's clearance or not: total == value for a countable figure. */
  total: number;
  /** Rows left out because they are above the caller's 密级 clearance (counted, not shown). */
  hidden: number;
  rows: StatDrillRow[];
}

export interface StatProfile {
  year: number;
  storageAreaM2: number;
  shelfMeters: number;
  compactShelves: number;
  cabinets: number;
  airConditioners: number;
  dehumidifiers: number;
  computers: number;
  scanners: number;
  staffFullTime: number;
  staffPartTime: number;
  remarks: string;
  /** Null when nothing was entered for the year (the form starts from the previous year's). */
  updatedAt: string | null;
  updatedByName: string | null;
}

/** The profile's entered figures. */
export type StatProfileNumeric = Exclude<keyof StatProfile, 'year' | 'remarks' | 'updatedAt' | 'updatedByName'>;

/** The profile's figures, labelled as the 档基 tables name them, with their units: the report and the form. */
export const STAT_PROFILE_FIGURES: readonly (readonly [StatProfileNumeric, string, string])[] = [
  ['storageAreaM2', '库房面积', '平方米'],
  ['shelfMeters', '排架长度', '米'],
  ['compactShelves', '密集架', '组'],
  ['cabinets', '档案柜', '个'],
  ['airConditioners', '空调', '台'],
  ['dehumidifiers', '除湿机', '台'],
  ['computers', '计算机', '台'],
  ['scanners', '扫描仪', '台'],
  ['staffFullTime', '专职档案人员', '人'],
  ['staffPartTime', '兼职档案人员', '人'],
];

const count = (what: string) =>
  z
    .number({ error: `${what}应为数字` })
    .int({ error: `${what}应为整数` })
    .min(0, { error: `${what}不能为负数` })
    .max(1_000_000, { error: `${what}过大` });
const measure = (what: string) =>
  z
    .number({ error: `${what}应为数字` })
    .min(0, { error: `${what}不能为负数` })
    .max(10_000_000, { error: `${what}过大` });

export const zStatYear = z.object({ year: zYear });
export const zStatPrint = z.object({
  year: zYear,
  format: z.enum(['pdf', 'xlsx'], { error: '格式应为 pdf 或 xlsx' }),
});

/** The printed report (档基 layout) or its workbook, as a file. */
export interface StatFile {
  fileName: string;
  base64: string;
  /** PDF pages; 0 for a workbook. */
  pages: number;
  /** Characters the font lacks, printed as 〓. */
  missingChars: string[];
}
export const zStatDrill = z.object({
  year: zYear,
  key: z.string({ error: '请指定统计项' }).trim().min(1, { error: '请指定统计项' }).max(200),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(1000),
});
export const zStatProfileSet = z.object({
  year: zYear,
  storageAreaM2: measure('库房面积').default(0),
  shelfMeters: measure('排架长度').default(0),
  compactShelves: count('密集架').default(0),
  cabinets: count('档案柜').default(0),
  airConditioners: count('空调').default(0),
  dehumidifiers: count('除湿机').default(0),
  computers: count('计算机').default(0),
  scanners: count('扫描仪').default(0),
  staffFullTime: count('专职人员').default(0),
  staffPartTime: count('兼职人员').default(0),
  remarks: z.string().trim().max(1000, { error: '备注不能超过1000个字' }).default(''),
});
export const zStatClose = z.object({
  year: zYear,
  password: zPassword,
  comment: z.string().trim().max(500, { error: '意见不能超过500个字' }).default(''),
});

// 统计年报: everyone who reads the catalogue reads the report (drill lists filtered by 密级); those
// who keep the archive enter the year's 库房/设备/人员; the station head closes the year with a signature.
export const statisticsMethods = {
  'statistics.annual': m<AnnualReport>()(zStatYear, 'catalogue.read'),
  'statistics.drill': m<StatDrill>()(zStatDrill, 'catalogue.read'),
  'statistics.profile.get': m<StatProfile>()(zStatYear, 'catalogue.read'),
  'statistics.profile.set': m<StatProfile>()(zStatProfileSet, 'statistics.profile', true),
  'statistics.close': m<AnnualReport>()(zStatClose, 'statistics.close', true),
  // Printing or exporting the report is an export like the 借阅登记簿's: its only write is its audit entry.
  'statistics.print': m<StatFile>()(zStatPrint, 'export', 'audit'),
} as const;
