/**
 * Boxes (档案盒) and boxing a selection (装盒, reference §3): the core proposes boxes for a
 * selection without writing, the clerk edits and confirms, and the boxes are listed, opened,
 * emptied and adjusted.
 */
import { z } from 'zod';
import type { Retention } from './domain';
import { zId, zRetention, zYear } from './schemas';

/** 盒脊厚度 the reference names (20/30/40/50 mm); other widths are allowed up to 80 mm. */
export const SPINE_WIDTHS_MM = [20, 30, 40, 50] as const;
export const DEFAULT_THICKNESS_MM = 30;
/**
 * How many numbered pages one millimetre of spine holds. Office paper (70–80 g/m²) is about
 * 0.1 mm a sheet; pages are numbered on both printed sides, but staples, 归档章 and folds take
 * room, so 8 pages a millimetre keeps a box closable (a 30 mm box: about 240 pages).
 */
export const DEFAULT_PAGES_PER_MM = 8;
/** A record with no page count fills the box as if it had this many pages. */
export const DEFAULT_RECORD_PAGES = 10;
export const DEFAULT_MAX_PER_BOX = 100;
/** One proposal boxes at most this many records (a year of a station's items). */
export const MAX_BOXING_RECORDS = 5000;

const ids = (what: string) =>
  z
    .array(zId)
    .min(1, { error: `请至少选择一${what}` })
    .max(MAX_BOXING_RECORDS, { error: `一次最多装盒 ${MAX_BOXING_RECORDS} ${what}` });

const zThickness = z
  .number({ error: '盒脊厚度须为数字（毫米）' })
  .int({ error: '盒脊厚度须为整数毫米' })
  .min(10, { error: '盒脊厚度不能小于 10 毫米' })
  .max(80, { error: '盒脊厚度不能大于 80 毫米' });

const zOrg = z.string().trim().max(20, { error: '机构代码最多 20 位' });

/** What to box: chosen items, chosen volumes, or a whole class (门类 + 年度 [+ 保管期限, 机构]). */
export const zBoxSelection = z
  .object({
    itemIds: ids('件').optional(),
    volumeIds: ids('卷').optional(),
    class: z
      .object({ categoryId: zId, year: zYear, retention: zRetention.optional(), orgCode: zOrg.optional() })
      .optional(),
  })
  .refine((s) => [s.itemIds, s.volumeIds, s.class].filter((x) => x !== undefined).length === 1, {
    error: '请只指定一种装盒范围：所选的件、所选的卷，或一个门类年度',
  });

const zPagesPerMm = z
  .number({ error: '每毫米页数须为数字' })
  .min(1, { error: '每毫米页数不能小于 1' })
  .max(40, { error: '每毫米页数不能大于 40' });
const zMaxCount = z
  .number({ error: '每盒件数上限须为整数' })
  .int({ error: '每盒件数上限须为整数' })
  .min(1, { error: '每盒件数上限不能小于 1' })
  .max(1000, { error: '每盒件数上限不能大于 1000' });

/** The station's boxing rule (a setting): what a proposal fills by when the request does not say. */
export const zBoxingSettings = z.object({
  pagesPerMm: zPagesPerMm,
  recordPages: z
    .number({ error: '未填页数时的计算页数须为整数' })
    .int({ error: '未填页数时的计算页数须为整数' })
    .min(1, { error: '未填页数时的计算页数不能小于 1' })
    .max(500, { error: '未填页数时的计算页数不能大于 500' }),
  maxCount: zMaxCount,
});
export type BoxingSettings = z.output<typeof zBoxingSettings>;
export const DEFAULT_BOXING_SETTINGS: BoxingSettings = {
  pagesPerMm: DEFAULT_PAGES_PER_MM,
  recordPages: DEFAULT_RECORD_PAGES,
  maxCount: DEFAULT_MAX_PER_BOX,
};

export const zBoxPropose = z.object({
  selection: zBoxSelection,
  thicknessMm: zThickness.default(DEFAULT_THICKNESS_MM),
  /** Not given: the station's setting (boxes.settings). */
  pagesPerMm: zPagesPerMm.optional(),
  maxCount: zMaxCount.optional(),
});

/** A place by its 库位编码 (what its label carries); another screen builds the tree. */
const zPlaceCode = z
  .string()
  .trim()
  .max(64, { error: '库位编码过长' })
  .regex(/^[\x20-\x7e]*$/, { error: '库位编码只能由字母、数字和符号组成' });

/**
 * A proposal as the clerk confirms it: the records in box order and how many go into each box.
 * `boxNo` is what the proposal showed; a different next 盒号 now means someone boxed the class
 * meanwhile, and the confirmation is refused rather than numbered differently from the screen.
 */
export const zBoxConfirm = z
  .object({
    entity: z.enum(['item', 'volume'], { error: '装盒对象只能是件或卷' }),
    ids: ids('条记录'),
    boxes: z
      .array(
        z.object({
          boxNo: z.number().int().min(1, { error: '盒号须为正整数' }),
          size: z.number().int().min(1, { error: '每盒至少一件' }).max(1000, { error: '每盒最多 1000 件' }),
          thicknessMm: zThickness,
        }),
      )
      .min(1, { error: '没有要装的盒' })
      .max(MAX_BOXING_RECORDS),
    placeCode: zPlaceCode.optional(),
  })
  .refine((c) => c.boxes.reduce((n, b) => n + b.size, 0) === c.ids.length, {
    error: '各盒件数之和与所选记录数不符',
    path: ['boxes'],
  })
  .refine((c) => new Set(c.ids).size === c.ids.length, { error: '同一条记录不能装入两次', path: ['ids'] });

export const zBoxList = z.object({
  categoryId: zId.optional(),
  year: zYear.optional(),
  placeCode: zPlaceCode.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const zBoxUnbox = z
  .object({
    boxId: zId,
    /** Records to take out; neither given: empty the box and discard it (撤销). */
    itemIds: z.array(zId).min(1, { error: '请选择要取出的件' }).max(MAX_BOXING_RECORDS).optional(),
    volumeIds: z.array(zId).min(1, { error: '请选择要取出的卷' }).max(MAX_BOXING_RECORDS).optional(),
  })
  .refine((u) => !(u.itemIds && u.volumeIds), { error: '一次只能取出件或卷中的一种' });

export const zBoxUpdate = z.object({
  id: zId,
  expectedVersion: z.number().int().min(1),
  thicknessMm: zThickness.optional(),
  remarks: z.string().trim().max(500, { error: '备注不能超过500个字' }).optional(),
});

export interface BoxClassView {
  fondsCode: string;
  categoryId: string;
  categoryCode: string;
  year: number;
  retention: Retention;
  orgCode: string;
}

/** One record as a box holds it: 件号 (or 案卷号), 档号, 题名, 页数. */
export interface BoxMember {
  id: string;
  no: number;
  archiveCode: string;
  title: string;
  /** Counted pages (for a volume, of its items); null when nobody recorded them. */
  pages: number | null;
}

export interface ProposedBox {
  boxNo: number;
  code: string;
  class: BoxClassView;
  thicknessMm: number;
  members: BoxMember[];
  firstNo: number;
  lastNo: number;
  /** Pages as filled: a record with no count counts as the setting's recordPages. */
  pages: number;
  /** pages ÷ capacity; above 1 only for one record thicker than the box. */
  fill: number;
}

export interface BoxProposal {
  entity: 'item' | 'volume';
  thicknessMm: number;
  pagesPerMm: number;
  maxCount: number;
  /** Pages a record with no page count fills. */
  recordPages: number;
  /** Pages one box of thicknessMm holds. */
  capacity: number;
  boxes: ProposedBox[];
  /** Records of the selection left out because a box holds them already. */
  alreadyBoxed: { id: string; archiveCode: string; boxCode: string }[];
  /** Items of the selection that belong to a volume: the volume is boxed, not its items. */
  inVolume: number;
  /** Breaks in 件号 (or 案卷号) within a class: a box never spans one. */
  gaps: { class: string; after: number; before: number }[];
  /** How many classes the selection spans; each class gets boxes of its own. */
  classes: number;
  /** What the clerk should know before confirming, in words. */
  warnings: string[];
}

export interface BoxView {
  id: string;
  code: string;
  boxNo: number;
  class: BoxClassView;
  thicknessMm: number;
  remarks: string;
  entity: 'item' | 'volume' | null;
  count: number;
  firstNo: number | null;
  lastNo: number | null;
  placeId: string | null;
  placePath: string;
  version: number;
  createdAt: string;
}

export interface BoxHistoryEntry {
  at: string;
  by: string;
  reason: string;
  entity: 'box' | 'item' | 'volume';
  entityId: string;
  fromPlace: string;
  toPlace: string;
  fromBoxId: string | null;
  toBoxId: string | null;
}

export interface BoxDetail extends BoxView {
  /** The records the caller may see, in order; `hidden` counts the others. */
  members: BoxMember[];
  hidden: number;
  pages: number;
  history: BoxHistoryEntry[];
}

export interface BoxConfirmResult {
  boxes: BoxView[];
  boxed: number;
}

export interface BoxUnboxResult {
  removed: number;
  deleted: boolean;
}
