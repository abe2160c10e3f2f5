/**
 * 库位: the place tree (库房 → 区 → 密集架 → 节 → 层, names and depth configured), moving boxes
 * and loose volumes between places, and where a record stands with its move history.
 */
import { z } from 'zod';
import { zId } from './schemas';

export const DEFAULT_PLACE_LEVELS = ['库房', '区', '密集架', '节', '层'] as const;
export const MAX_PLACE_DEPTH = 6;
/** A 密集架 set up in one go: at most this many 列, 节 per 列, 层 per 节, places in all. */
export const GENERATE_LIMITS = { columns: 50, sections: 30, shelves: 12, total: 5000 } as const;
/** Boxes and volumes moved by one call (a trolley, a whole shelf). */
export const MAX_MOVE = 2000;

/** 库位编码: ASCII so that a label's barcode travels through a keyboard-wedge scanner. */
export const PLACE_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
const placeCodeMessage = '库位编码由字母、数字和连字符组成（最多32位，以字母或数字开头），例如 A1-03';

export const zPlaceCode = z
  .string({ error: '请填写库位编码' })
  .trim()
  .regex(PLACE_CODE_RE, { error: placeCodeMessage });

const name = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过${max}个字` });

export const zPlaceLevels = z.object({
  names: z
    .array(name('层级名称', 10), { error: '请填写层级名称' })
    .min(1, { error: '至少需要一个层级' })
    .max(MAX_PLACE_DEPTH, { error: `层级最多 ${MAX_PLACE_DEPTH} 级` }),
});

const zCapacity = z
  .number({ error: '容量须为整数' })
  .int({ error: '容量须为整数' })
  .min(1, { error: '容量至少为 1 盒' })
  .max(1000, { error: '容量最多 1000 盒' })
  .nullable();

export const zPlaceSave = z.object({
  id: zId.optional(),
  /** null: a top-level place (库房). Left out of an update: the place stays where it is. */
  parentId: zId.nullable().optional(),
  code: zPlaceCode,
  name: name('库位名称', 50),
  capacity: zCapacity.default(null),
  position: z.number().int().min(0).max(100_000).optional(),
  expectedVersion: z.number().int().optional(),
});

export const zPlaceDelete = z.object({ id: zId });

const count = (what: string, max: number) =>
  z
    .number({ error: `${what}须为整数` })
    .int({ error: `${what}须为整数` })
    .min(1, { error: `${what}至少为 1` })
    .max(max, { error: `${what}最多 ${max}` });

export const zPlaceGenerate = z
  .object({
    parentId: zId,
    columns: count('列数', GENERATE_LIMITS.columns),
    sections: count('每列节数', GENERATE_LIMITS.sections),
    shelves: count('每节层数', GENERATE_LIMITS.shelves),
    /** Boxes per 层, when known. */
    capacity: zCapacity.default(null),
  })
  .refine((g) => g.columns * (1 + g.sections * (1 + g.shelves)) <= GENERATE_LIMITS.total, {
    error: `一次最多生成 ${GENERATE_LIMITS.total} 个库位，请分批生成`,
    path: ['columns'],
  });

export const zPlaceMove = z
  .object({
    placeId: zId,
    boxIds: z
      .array(zId)
      .max(MAX_MOVE, { error: `一次最多移动 ${MAX_MOVE} 个` })
      .default([]),
    volumeIds: z
      .array(zId)
      .max(MAX_MOVE, { error: `一次最多移动 ${MAX_MOVE} 个` })
      .default([]),
  })
  .refine((m) => m.boxIds.length + m.volumeIds.length > 0, { error: '请选择要移动的档案盒或案卷', path: ['boxIds'] });

/** What stands at a place or anywhere under it (the 库位 screen's list). */
export const zPlaceHoldings = z.object({
  placeId: zId,
  limit: z.number().int().min(1).max(MAX_MOVE).default(500),
});

/** Exactly one of the three: a record's whereabouts. */
export const zWhereabouts = z
  .object({ itemId: zId.optional(), volumeId: zId.optional(), boxId: zId.optional() })
  .refine((w) => [w.itemId, w.volumeId, w.boxId].filter((v) => v !== undefined).length === 1, {
    error: '请指定一件、一卷或一盒',
  });

export interface PlaceLevels {
  names: string[];
  depth: number;
}

export interface PlaceNode {
  id: string;
  parentId: string | null;
  depth: number;
  /** The configured level name at this depth (库房, 区 …). */
  level: string;
  code: string;
  name: string;
  /** 'A库房 / 2区 / 第3列': from the top down. */
  path: string;
  position: number;
  capacity: number | null;
  version: number;
  /** Standing here (boxes, loose volumes) and here or anywhere under it. */
  boxes: number;
  volumes: number;
  boxesUnder: number;
  volumesUnder: number;
}

export interface PlaceTreeView {
  levels: PlaceLevels;
  /** Tree order (parents before children, siblings by position). */
  places: PlaceNode[];
}

export interface PlaceGenerateResult {
  created: number;
  /** The 列 made, in order. */
  columnIds: string[];
}

export interface PlaceHolding {
  entity: 'box' | 'volume';
  id: string;
  code: string;
  /** A box's class (年度·期限·件/卷数), a volume's 题名. */
  title: string;
  placeId: string;
  placePath: string;
}

export interface PlaceHoldingsView {
  holdings: PlaceHolding[];
  /** All there are, when more than the limit. */
  total: number;
}

export interface PlaceMoveResult {
  moved: number;
  /** Already standing there. */
  unchanged: number;
}

export interface MoveView {
  id: string;
  entity: 'box' | 'volume' | 'item';
  entityId: string;
  /** What moved, as the clerk knows it: 盒 code or 档号. */
  what: string;
  fromPath: string | null;
  toPath: string | null;
  fromBox: string | null;
  toBox: string | null;
  reason: 'shelve' | 'move' | 'box' | 'unbox' | 'stocktake';
  movedByName: string;
  movedAt: string;
}

export interface WhereaboutsView {
  placeId: string | null;
  placeCode: string | null;
  /** null when nobody has shelved it yet. */
  placePath: string | null;
  box: { id: string; code: string } | null;
  /** Newest first. */
  history: MoveView[];
}

export const MOVE_REASON_LABELS: Record<MoveView['reason'], string> = {
  shelve: '上架',
  move: '移库',
  box: '装盒',
  unbox: '拆盒',
  stocktake: '盘点调整',
};
