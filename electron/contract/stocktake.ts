/**
 * 盘点 (stock-take): count one place range by scanning its labels (a USB keyboard-wedge
 * scanner, typed by hand, or decoded from a photo), see what was found in place, what is
 * missing, misplaced, unknown or scanned twice, and accept the result (misplaced records move
 * to where they were found).
 */
import { z } from 'zod';
import { zId } from './schemas';

/** A label is short ASCII; a wedge burst gone wrong (two labels without Enter) is still refused past this. */
export const MAX_SCAN_CODE = 200;
/** A phone photo is a few MB; bigger is not a label picture. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const STOCKTAKE_SCAN_SOURCES = ['wedge', 'manual', 'photo'] as const;
export type ScanSource = (typeof STOCKTAKE_SCAN_SOURCES)[number];

const title = z
  .string({ error: '盘点名称必须是文字' })
  .trim()
  .min(1, { error: '请填写盘点名称' })
  .max(100, { error: '盘点名称不能超过100个字' });

export const zStocktakeStart = z.object({
  /** The range's root: a place code (库位编码), or its label as scanned (P/…). */
  place: z
    .string({ error: '请填写或扫描库位编码' })
    .trim()
    .min(1, { error: '请填写或扫描库位编码' })
    .max(MAX_SCAN_CODE, { error: '库位编码过长' }),
  title,
});

export const zStocktakeList = z
  .object({ status: z.enum(['open', 'accepted', 'cancelled'], { error: '状态无效' }).optional() })
  .default({});

export const zStocktakeId = z.object({ id: zId });

export const zStocktakeScan = z.object({
  id: zId,
  code: z
    .string({ error: '条码内容必须是文字' })
    .trim()
    .min(1, { error: '条码为空，请重新扫描' })
    .max(MAX_SCAN_CODE, { error: `条码过长（最多 ${MAX_SCAN_CODE} 个字符），可能是两次扫描连在了一起` }),
  // A photo's codes enter through stocktake.decodePhoto, which records them as 'photo'.
  source: z.enum(['wedge', 'manual'], { error: '来源应为 wedge（扫码枪）或 manual（手工输入）' }).default('wedge'),
});

export const zStocktakePhoto = z.object({
  id: zId,
  fileName: z.string().trim().max(260).default('photo'),
  base64: z
    .string({ error: '图片内容为空' })
    .min(1, { error: '图片内容为空' })
    .max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4, { error: '图片过大（最多 8 MB），请缩小后再试' }),
});

export type StocktakeStatus = 'open' | 'accepted' | 'cancelled';

export interface StocktakeView {
  id: string;
  title: string;
  placeId: string;
  placeCode: string;
  placePath: string;
  status: StocktakeStatus;
  startedByName: string;
  startedAt: string;
  closedByName: string | null;
  closedAt: string | null;
  scans: number;
  version: number;
}

/** What one scan turned out to be. */
export type ScanOutcome = 'place' | 'found' | 'misplaced' | 'unknown' | 'twice';

export const SCAN_OUTCOME_LABELS: Record<ScanOutcome, string> = {
  place: '库位',
  found: '在位',
  misplaced: '错位',
  unknown: '无法识别',
  twice: '重复扫描',
};

export type ReportEntity = 'box' | 'volume' | 'item';
export const REPORT_ENTITY_LABELS: Record<ReportEntity, string> = { box: '档案盒', volume: '案卷', item: '件' };

/** One scanned label and its outcome: the line the screen shows under the scan field. */
export interface ScanLine {
  seq: number;
  code: string;
  source: ScanSource;
  outcome: ScanOutcome;
  entity: ReportEntity | 'place' | null;
  entityId: string | null;
  /** The record's own code (盒号编码, 档号, 库位编码) when known. */
  recordCode: string | null;
  /** Where the clerk stood (the last place label scanned), as a path. */
  at: string | null;
  /** Chinese explanation, e.g. 应在 A库房 / 1区，实际在 A库房 / 2区. */
  message: string;
  scannedAt: string;
}

export interface ReportRecord {
  entity: ReportEntity;
  id: string;
  code: string;
  /** Where it should stand (its recorded place), as id and path; null when never shelved. */
  expectedPlaceId: string | null;
  expectedPath: string | null;
  /** Where it was found (misplaced); null for missing and for records found before any place label. */
  foundPlaceId: string | null;
  foundPath: string | null;
  /** Boxes: how many items and volumes they hold (counted as found with the box). */
  contents: number;
  /** Misplaced: whether accepting moves it (a box or a loose volume found at a known place). */
  movable: boolean;
}

export interface ReportCounts {
  expected: number;
  found: number;
  missing: number;
  misplaced: number;
  unknown: number;
  twice: number;
  /** Items and volumes inside found boxes. */
  contentsFound: number;
  scans: number;
}

export interface StocktakeReport {
  stocktake: StocktakeView;
  counts: ReportCounts;
  found: ReportRecord[];
  missing: ReportRecord[];
  misplaced: ReportRecord[];
  unknown: { code: string; reason: string; times: number }[];
  twice: { id: string; code: string; entity: ReportEntity; times: number }[];
  /** The last scans, newest first (at most 200), for the screen's scan log. */
  recent: ScanLine[];
  /** Where the clerk stands now (the last place label scanned). */
  atPlaceId: string | null;
  atPath: string | null;
  /** Accepted: how many records the acceptance moved. */
  moved: number;
}

export interface PhotoScanResult {
  codes: string[];
  lines: ScanLine[];
}

export interface StocktakeFile {
  fileName: string;
  base64: string;
  /** PDF pages (print); rows of the workbook (export). */
  pages: number;
}
