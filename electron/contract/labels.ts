/**
 * Labels with barcodes (条码标签) for boxes, volumes and places, on A4 label sheets or a roll
 * printer: `print.labels` returns their PDF, `print.labelTest` an alignment sheet, and the
 * per-sheet offsets (this PC's printer feeds the sheet a little off) are a local setting.
 */
import { z } from 'zod';
import { zId, zYear } from './schemas';

export const LABEL_TARGETS = ['box', 'volume', 'place'] as const;
export type LabelTarget = (typeof LABEL_TARGETS)[number];
export const LABEL_TARGET_NAMES: Record<LabelTarget, string> = { box: '档案盒', volume: '案卷', place: '库位' };

export const LABEL_SHEETS = ['3x8', '2x5', 'roll'] as const;
export type LabelSheet = (typeof LABEL_SHEETS)[number];
export const LABEL_SHEET_NAMES: Record<LabelSheet, string> = {
  '3x8': 'A4 3×8（70×37 毫米）',
  '2x5': 'A4 2×5（105×57 毫米）',
  roll: '卷筒标签纸',
};
/** Labels on one sheet (a roll has one label a page). */
export const SHEET_CELLS: Record<LabelSheet, number> = { '3x8': 24, '2x5': 10, roll: 1 };

export const SYMBOLOGIES = ['code128', 'qr'] as const;
export type Symbology = (typeof SYMBOLOGIES)[number];

/** At most this many labels in one request (a day's boxing is a few hundred). */
export const MAX_LABELS = 5000;

const zIds = z
  .array(zId)
  .min(1, { error: '请至少选择一条记录' })
  .max(MAX_LABELS, { error: `一次最多打印 ${MAX_LABELS} 张标签` });

export const zLabelRequest = z
  .object({
    kind: z.enum(LABEL_TARGETS, { error: '标签种类应为 box、volume 或 place' }),
    /** Chosen boxes or places, in this order. */
    ids: zIds.optional(),
    /** Chosen volumes, in this order (their own field: dispatch checks each against the clearance). */
    volumeIds: zIds.optional(),
    /** Without ids: the boxes or volumes of a 门类 (full code) and 年度; places under `placeId`. */
    categoryCode: z.string().trim().min(1).max(40).optional(),
    year: zYear.optional(),
    placeId: zId.optional(),
    sheet: z.enum(LABEL_SHEETS, { error: '标签纸应为 3x8、2x5 或 roll' }).default('3x8'),
    symbology: z.enum(SYMBOLOGIES, { error: '条码应为 code128 或 qr' }).default('code128'),
    /** The first free cell of a partly used sheet, counted from 1 across then down. */
    start: z
      .number({ error: '起始位置应为数字' })
      .int({ error: '起始位置应为整数' })
      .min(1, { error: '起始位置从 1 开始' })
      .default(1),
  })
  .superRefine((v, ctx) => {
    const cells = SHEET_CELLS[v.sheet];
    if (v.start > cells)
      ctx.addIssue({
        code: 'custom',
        path: ['start'],
        message: `起始位置 ${v.start} 超出标签纸（${LABEL_SHEET_NAMES[v.sheet]}共 ${cells} 格）`,
      });
    if (v.ids && v.kind === 'volume')
      ctx.addIssue({ code: 'custom', path: ['ids'], message: '案卷标签请用 volumeIds 指定案卷' });
    if (v.volumeIds && v.kind !== 'volume')
      ctx.addIssue({ code: 'custom', path: ['volumeIds'], message: '只有案卷标签可以指定 volumeIds' });
    if ((v.ids || v.volumeIds) && (v.categoryCode || v.year !== undefined || v.placeId))
      ctx.addIssue({ code: 'custom', path: ['ids'], message: '指定记录时不能再指定门类、年度或库位' });
    if (v.placeId && v.kind !== 'place')
      ctx.addIssue({ code: 'custom', path: ['placeId'], message: '按库位范围只能打印库位标签' });
    if ((v.categoryCode || v.year !== undefined) && v.kind === 'place')
      ctx.addIssue({ code: 'custom', path: ['categoryCode'], message: '库位标签不能按门类、年度筛选' });
  });

const zMm = (what: string, lo: number, hi: number) =>
  z
    .number({ error: `${what}应为数字（毫米）` })
    .min(lo, { error: `${what}不能小于 ${lo} 毫米` })
    .max(hi, { error: `${what}不能大于 ${hi} 毫米` });
const zOffset = z.object({ x: zMm('左右偏移', -10, 10).default(0), y: zMm('上下偏移', -10, 10).default(0) });

/** This PC's label settings: where the printer really puts a sheet, and the roll's size. */
export const zLabelSettings = z.object({
  offsets: z
    .object({
      '3x8': zOffset.default({ x: 0, y: 0 }),
      '2x5': zOffset.default({ x: 0, y: 0 }),
      roll: zOffset.default({ x: 0, y: 0 }),
    })
    .default({ '3x8': { x: 0, y: 0 }, '2x5': { x: 0, y: 0 }, roll: { x: 0, y: 0 } }),
  roll: z
    .object({ width: zMm('卷筒标签宽度', 25, 120).default(60), height: zMm('卷筒标签高度', 15, 120).default(40) })
    .default({ width: 60, height: 40 }),
});
export type LabelSettings = z.output<typeof zLabelSettings>;

export const zLabelTest = z.object({
  sheet: z.enum(LABEL_SHEETS, { error: '标签纸应为 3x8、2x5 或 roll' }).default('3x8'),
});

export interface LabelsResult {
  fileName: string;
  /** The PDF. */
  base64: string;
  pages: number;
  labels: number;
  /** Labels whose code could not travel as ASCII: their barcode carries the record id (`V#…`). */
  byId: number;
  missingChars: string[];
}
