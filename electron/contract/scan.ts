/** Scanning, pages, OCR and form verification: inputs and views. */
import { z } from 'zod';
import { zFormTemplate, type FieldKind } from './forms';
import { zId } from './schemas';
import { zServerPath } from './server-path';

/** Where new pages go: an item, a volume, or (neither) the intake tray. */
const target = {
  itemId: zId.nullable().default(null),
  volumeId: zId.nullable().default(null),
};
/** 'auto' recognises the form; a template id forces one; 'none' reads page text only. */
const zTemplateChoice = z.string().trim().min(1).max(60).default('auto');

export const zImportFiles = z.object({
  files: z
    .array(
      z.object({
        name: z.string().trim().min(1, { error: '缺少文件名' }).max(255),
        /** The file's bytes, base64: the same call works over IPC and the HTTP bridge. */
        dataBase64: z.string().max(120_000_000, { error: '单个文件不能超过 90 MB' }),
      }),
    )
    .min(1, { error: '请选择文件' })
    .max(100, { error: '一次最多导入 100 个文件' }),
  ...target,
  template: zTemplateChoice,
});

export const SCAN_MODES = ['color', 'grey', 'bw'] as const;
export const SCAN_SOURCES = ['flatbed', 'feeder', 'duplex'] as const;
export const zScanStart = z.object({
  device: z.string().trim().min(1, { error: '请选择扫描仪' }).max(200),
  /** DA/T 31-2017 asks for at least 300 dpi where text is to be recognised. */
  resolution: z.number().int().min(75).max(1200).default(300),
  mode: z.enum(SCAN_MODES).default('grey'),
  source: z.enum(SCAN_SOURCES).default('flatbed'),
  maxPages: z.number().int().min(1).max(500).optional(),
  ...target,
  template: zTemplateChoice,
});

export const zHotFolderSettings = z.object({
  /** Empty while no folder is set; an administrator's choice (files there are moved into the archive). */
  dir: zServerPath('监视文件夹', { emptyOk: true }),
  enabled: z.boolean(),
  ...target,
  template: zTemplateChoice,
});
export type HotFolderSettings = z.infer<typeof zHotFolderSettings>;

export const zPageList = z.object({
  itemId: zId.optional(),
  volumeId: zId.optional(),
  batchId: zId.optional(),
  /** Pages attached to nothing yet. */
  tray: z.boolean().optional(),
});

export const zPageImage = z.object({
  id: zId,
  variant: z.enum(['thumb', 'preview', 'original']).default('preview'),
  /** A region of the processed page in pixels (a field's crop). */
  box: z
    .object({
      x: z.number().int().min(0),
      y: z.number().int().min(0),
      w: z.number().int().min(1),
      h: z.number().int().min(1),
    })
    .optional(),
});

export const zPageAttach = z
  .object({ ids: z.array(zId).min(1, { error: '请选择页面' }).max(1000), ...target })
  .refine((a) => !(a.itemId && a.volumeId), { error: '页面只能挂接到一件档案或一个案卷' });
export const zPageReorder = z.object({ ids: z.array(zId).min(1).max(5000) });
export const zPageRotate = z.object({ id: zId, quarterTurns: z.number().int().min(-3).max(3) });
export const zPageRemove = z.object({
  id: zId,
  reason: z.string().trim().min(1, { error: '请填写删除原因' }).max(200),
});
export const zPageSkip = z.object({ id: zId, skipped: z.boolean() });
export const zPageReplace = z.object({
  id: zId,
  name: z.string().trim().min(1).max(255),
  dataBase64: z.string().max(120_000_000),
});

export const zOcrEnqueue = z.object({ pageIds: z.array(zId).min(1).max(5000), template: zTemplateChoice });
export const zOcrCancel = z.object({ batchId: zId.optional(), pageIds: z.array(zId).max(5000).optional() });

export const zVerifyAccept = z.object({
  pageId: zId,
  /** Every field's value as the clerk accepted or corrected it. */
  values: z.record(z.string().max(60), z.string().max(500)),
  /**
   * Only the fields named in values are accepted (the sure ones, in one keystroke); the
   * page stays 待核对 until every field is accepted. Without it every field must be given.
   */
  partial: z.boolean().optional(),
});

export const zTemplateSave = z.object({ template: zFormTemplate });

export interface PageView {
  id: string;
  itemId: string | null;
  volumeId: string | null;
  batchId: string | null;
  seq: number;
  originalName: string;
  originalPage: number;
  format: string;
  width: number | null;
  height: number | null;
  dpi: number | null;
  colorMode: string | null;
  device: string | null;
  software: string | null;
  skewAngle: number | null;
  rotation: number;
  blank: boolean;
  skipped: boolean;
  ocrStatus: 'pending' | 'queued' | 'running' | 'done' | 'failed' | 'skipped';
  ocrConfidence: number | null;
  ocrEngine: string | null;
  templateId: string | null;
  /** Why no form template was applied (its printed labels were not found on the page). */
  templateNote: string | null;
  verifyStatus: 'none' | 'pending' | 'verified';
  error: string | null;
  createdAt: string;
  /** 档号 + page serial, e.g. `J001-ZY·HJ-2024-Y-0012-0003.jpg`; null while unattached. */
  exportName: string | null;
}

/** A page waiting for verification, with its fields' state: what the clerk will meet. */
export interface VerifyQueueEntry extends PageView {
  /** The lowest confidence among the fields that were read (empty ones are flagged instead). */
  worstConfidence: number | null;
  /** Fields whose check failed, an empty required field among them. */
  flagged: number;
}

export interface BatchView {
  id: string;
  source: string;
  status: 'open' | 'done' | 'failed' | 'cancelled';
  itemId: string | null;
  volumeId: string | null;
  error: string | null;
  createdAt: string;
  pages: number;
  blank: number;
  ocrDone: number;
  ocrFailed: number;
  ocrPending: number;
}

export interface OcrQueueView {
  queued: number;
  running: number;
  done: number;
  failed: number;
  workers: number;
  pagesPerMinute: number | null;
  etaSeconds: number | null;
}

export interface FieldView {
  key: string;
  label: string;
  kind: FieldKind;
  raw: string;
  value: string;
  /**
   * 0 when a template zone was read empty (an empty zone is not a confident blank); null
   * when the field was not found on the page at all (read by its printed label): 未识别.
   */
  confidence: number | null;
  valid: boolean;
  issue: string | null;
  required: boolean;
  /** Nothing was read in the zone (no ink, or the engine returned no text). */
  empty: boolean;
  bbox: { x: number; y: number; w: number; h: number };
  status: 'pending' | 'accepted';
  accepted: string | null;
}

export interface VerifyView {
  page: PageView;
  template: { id: string; name: string } | null;
  fields: FieldView[];
  text: string;
  item: { id: string; archiveCode: string; title: string } | null;
  /**
   * A page holding more than one person's form: the fields recognised for the second person
   * and on (the first person's are `fields`). One record per page stays the model: these are
   * shown to the clerk, read-only, so no person is lost without a word; they fill nothing.
   */
  otherPersons?: OtherPersonField[][];
}

export interface OtherPersonField {
  key: string;
  label: string;
  value: string;
  confidence: number | null;
}

export interface ScannerView {
  available: boolean;
  message: string | null;
  devices: { name: string; vendor: string; model: string; type: string }[];
}

export interface HotFolderView extends HotFolderSettings {
  status: 'off' | 'watching' | 'unavailable';
  message: string | null;
}

export interface TemplateSummary {
  id: string;
  name: string;
  version: number;
  builtIn: boolean;
  fields: number;
}
