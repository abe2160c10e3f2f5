/** Page rows and their views; the queries every page screen shares. */
import type { PageView } from '../../contract/scan';
import { type CoreContext, AppError } from '../kernel';

export interface PageRecord {
  id: string;
  version: number;
  batch_id: string | null;
  item_id: string | null;
  volume_id: string | null;
  seq: number;
  original_sha256: string;
  original_name: string;
  original_page: number;
  format: string;
  processed_sha256: string | null;
  thumb_sha256: string | null;
  pdf_sha256: string | null;
  words_sha256: string | null;
  width: number | null;
  height: number | null;
  dpi: number | null;
  color_mode: string | null;
  device: string | null;
  software: string | null;
  skew_angle: number | null;
  rotation: number;
  blank: number;
  skipped: number;
  ocr_status: PageView['ocrStatus'];
  ocr_engine: string | null;
  ocr_confidence: number | null;
  template_id: string | null;
  template_note: string | null;
  verify_status: PageView['verifyStatus'];
  error: string | null;
  created_at: string;
  deleted_at: string | null;
  /** Joined: the owning item's or volume's 档号. */
  owner_code?: string | null;
}

const EXT: Record<string, string> = { jpeg: 'jpg', png: 'png', tiff: 'tif', pdf: 'pdf' };

/** DA/T 31 file naming: the 档号 followed by a four-digit page serial. */
export const exportNameOf = (code: string, seq: number, format: string): string =>
  `${code}-${String(seq).padStart(4, '0')}.${EXT[format] ?? 'png'}`;

export function toPageView(r: PageRecord): PageView {
  return {
    id: r.id,
    itemId: r.item_id,
    volumeId: r.volume_id,
    batchId: r.batch_id,
    seq: r.seq,
    originalName: r.original_name,
    originalPage: r.original_page,
    format: r.format,
    width: r.width,
    height: r.height,
    dpi: r.dpi,
    colorMode: r.color_mode,
    device: r.device,
    software: r.software,
    skewAngle: r.skew_angle,
    rotation: r.rotation,
    blank: r.blank === 1,
    skipped: r.skipped === 1,
    ocrStatus: r.ocr_status,
    ocrConfidence: r.ocr_confidence,
    ocrEngine: r.ocr_engine,
    templateId: r.template_id,
    templateNote: r.template_note ?? null,
    verifyStatus: r.verify_status,
    error: r.error,
    createdAt: r.created_at,
    exportName: r.owner_code ? exportNameOf(r.owner_code, r.seq, r.format) : null,
  };
}

/** Pages with their owner's 档号, hidden when the owner is above the caller's clearance. */
export const PAGE_SELECT = `SELECT p.*, coalesce(i.archive_code, v.archive_code) AS owner_code FROM pages p
  LEFT JOIN items i ON i.id = p.item_id LEFT JOIN volumes v ON v.id = p.volume_id
  WHERE p.deleted_at IS NULL AND coalesce(i.security_level, v.security_level, 0) <= @clearance`;

export function loadPage(ctx: CoreContext, id: string, clearance: number): PageRecord {
  const r = ctx.sqlite.prepare(`${PAGE_SELECT} AND p.id = @id`).get({ id, clearance }) as PageRecord | undefined;
  if (!r) throw new AppError('NOT_FOUND', '页面不存在或无权查看');
  return r;
}

/** The next free serial in an item, a volume, or the tray. */
export function nextSeq(ctx: CoreContext, owner: { itemId: string | null; volumeId: string | null }): number {
  const sql = owner.itemId
    ? 'SELECT coalesce(max(seq), 0) FROM pages WHERE item_id = ? AND deleted_at IS NULL'
    : owner.volumeId
      ? 'SELECT coalesce(max(seq), 0) FROM pages WHERE volume_id = ? AND deleted_at IS NULL'
      : 'SELECT coalesce(max(seq), 0) FROM pages WHERE item_id IS NULL AND volume_id IS NULL AND deleted_at IS NULL';
  const args = owner.itemId ? [owner.itemId] : owner.volumeId ? [owner.volumeId] : [];
  return (
    (ctx.sqlite
      .prepare(sql)
      .pluck()
      .get(...args) as number) + 1
  );
}
