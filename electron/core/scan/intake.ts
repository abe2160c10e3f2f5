/**
 * Intake: one file (a scanner page, a dropped file, a hot-folder pick-up) becomes pages.
 * The original is stored byte for byte first; each page is decoded, processed (deskew,
 * crop, despeckle, thumbnail) and then all of the file's pages are attached in one
 * transaction with their OCR jobs, audit and change-log rows. A bad page is reported
 * and skipped; the rest of the file still comes in; nothing is half-attached.
 */
import fs from 'node:fs';
import { appendAudit } from '../audit';
import { decodePages, preparePage } from '../imaging';
import { nodeIdOf, recordChange, type Actor, type CoreContext, AppError, inTransaction } from '../kernel';
import type { BlobStore } from '../storage';
import { nextSeq } from './pages';

export interface IntakeTarget {
  itemId: string | null;
  volumeId: string | null;
  /** 'auto', a template id, or 'none'. */
  template: string;
}

/** DA/T 46 digitization attributes known at capture. */
export interface ScanMeta {
  colorMode?: string;
  device?: string;
  software?: string;
  resolution?: number;
}

export interface IntakeFile {
  name: string;
  bytes?: Buffer;
  path?: string;
}

export interface IntakeResult {
  pageIds: string[];
  blank: number;
  errors: { page: number | null; code: string; message: string }[];
}

export function createBatch(
  ctx: CoreContext,
  actor: Actor,
  source: string,
  target: IntakeTarget,
  settings: object = {},
): string {
  const id = ctx.ids();
  inTransaction(
    ctx,
    () => {
      assertTarget(ctx, target);
      const now = ctx.nowIso();
      ctx.sqlite
        .prepare(
          `INSERT INTO scan_batches (id, node_id, source, item_id, volume_id, settings, status, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
        )
        .run(
          id,
          nodeIdOf(ctx),
          source,
          target.itemId,
          target.volumeId,
          JSON.stringify({ ...settings, template: target.template }),
          actor.id,
          now,
          now,
        );
      appendAudit(ctx, actor, {
        action: 'scan.batch.start',
        entity: 'scan_batch',
        entityId: id,
        summary: `开始采集（${SOURCE_NAMES[source] ?? source}）`,
      });
    },
    { catalogue: false },
  );
  return id;
}

const SOURCE_NAMES: Record<string, string> = {
  sane: '扫描仪',
  hotfolder: '监视文件夹',
  files: '导入文件',
  cli: '命令行',
};

export function finishBatch(
  ctx: CoreContext,
  actor: Actor,
  batchId: string,
  status: 'done' | 'failed' | 'cancelled',
  error: string | null = null,
): void {
  inTransaction(
    ctx,
    () => {
      ctx.sqlite
        .prepare('UPDATE scan_batches SET status = ?, error = ?, updated_at = ? WHERE id = ?')
        .run(status, error, ctx.nowIso(), batchId);
      const pages = ctx.sqlite.prepare('SELECT count(*) FROM pages WHERE batch_id = ?').pluck().get(batchId) as number;
      appendAudit(ctx, actor, {
        action: 'scan.batch.end',
        entity: 'scan_batch',
        entityId: batchId,
        summary: `采集${status === 'done' ? '完成' : status === 'cancelled' ? '取消' : '失败'}：${pages} 页${error ? `（${error}）` : ''}`,
      });
    },
    { catalogue: false },
  );
  emitBatch(ctx, batchId, status, error ?? '');
}

export function emitBatch(
  ctx: CoreContext,
  batchId: string,
  status: 'open' | 'done' | 'failed' | 'cancelled',
  message: string,
): void {
  const pages = ctx.sqlite
    .prepare('SELECT count(*) FROM pages WHERE batch_id = ? AND deleted_at IS NULL')
    .pluck()
    .get(batchId) as number;
  ctx.events.emit('scan.progress', { batchId, status, pages, message });
}

function assertTarget(ctx: CoreContext, t: IntakeTarget): void {
  if (t.itemId && !ctx.sqlite.prepare('SELECT 1 FROM items WHERE id = ? AND deleted_at IS NULL').get(t.itemId))
    throw new AppError('NOT_FOUND', '要挂接的档案不存在');
  if (t.volumeId && !ctx.sqlite.prepare('SELECT 1 FROM volumes WHERE id = ? AND deleted_at IS NULL').get(t.volumeId))
    throw new AppError('NOT_FOUND', '要挂接的案卷不存在');
}

export interface Prepared {
  index: number;
  processed: string;
  thumb: string;
  width: number;
  height: number;
  dpi: number | null;
  skew: number;
  blank: boolean;
  format: string;
}

/**
 * Decodes a file and prepares each page (processed copy and thumbnail go to the store).
 * Whole-file faults (empty, not an image, encrypted PDF …) throw before anything is
 * stored; a bad page is reported in `errors` and the others still come through.
 */
export async function prepareFile(
  store: BlobStore,
  bytes: Buffer,
  name: string,
  meta: ScanMeta = {},
): Promise<{ prepared: Prepared[]; errors: IntakeResult['errors'] }> {
  const decoded = await decodePages({ bytes, name });
  const errors: IntakeResult['errors'] = [];
  const prepared: Prepared[] = [];
  for (const d of decoded) {
    if (!d.ok) {
      errors.push({ page: d.index + 1, code: d.error.code, message: d.error.message });
      continue;
    }
    try {
      const p = await preparePage(d.page, meta.resolution);
      prepared.push({
        index: d.page.index,
        processed: store.put(p.png).sha256,
        thumb: store.put(p.thumbnail).sha256,
        width: p.width,
        height: p.height,
        dpi: p.dpi,
        skew: Math.round(p.skewAngle * 100) / 100,
        blank: p.blank,
        format: d.page.format,
      });
    } catch (e) {
      const err =
        e instanceof AppError
          ? e
          : new AppError('IMAGE_UNREADABLE', `第 ${d.index + 1} 页无法处理：${(e as Error).message}`);
      errors.push({ page: d.index + 1, code: err.code, message: err.message });
    }
  }
  if (prepared.length === 0) {
    const first = errors[0];
    throw new AppError(
      (first?.code as 'IMAGE_UNREADABLE') ?? 'IMAGE_UNREADABLE',
      first?.message ?? `${name} 中没有可用的页面`,
      { errors },
    );
  }
  return { prepared, errors };
}

/** A prepared page's image columns, as the named parameters the page statements use. */
export const pageImageParams = (p: Prepared, sha: string, name: string) => ({
  sha,
  name,
  index: p.index,
  format: p.format,
  processed: p.processed,
  thumb: p.thumb,
  width: p.width,
  height: p.height,
  dpi: p.dpi,
  skew: p.skew,
  blank: p.blank ? 1 : 0,
});

export async function ingestFile(
  ctx: CoreContext,
  store: BlobStore,
  actor: Actor,
  batch: { id: string } & IntakeTarget,
  file: IntakeFile,
  meta: ScanMeta = {},
): Promise<IntakeResult> {
  // Read once: what is decoded is exactly what is stored.
  const bytes = file.bytes ?? fs.readFileSync(file.path!);
  const { prepared, errors } = await prepareFile(store, bytes, file.name, meta);
  const original = store.put(bytes);
  const pageIds = inTransaction(ctx, () =>
    attachPrepared(ctx, actor, batch, file.name, original.sha256, prepared, meta, errors),
  );
  emitBatch(ctx, batch.id, 'open', errors.length ? errors.map((e) => e.message).join('；') : `已接收 ${file.name}`);
  return { pageIds, blank: prepared.filter((p) => p.blank).length, errors };
}

function attachPrepared(
  ctx: CoreContext,
  actor: Actor,
  batch: { id: string } & IntakeTarget,
  name: string,
  sha: string,
  prepared: Prepared[],
  meta: ScanMeta,
  errors: IntakeResult['errors'],
): string[] {
  const db = ctx.sqlite;
  const now = ctx.nowIso();
  let seq = nextSeq(ctx, batch);
  const insertPage = db.prepare(
    `INSERT INTO pages (id, node_id, version, batch_id, item_id, volume_id, seq, original_sha256, original_name, original_page, format,
       processed_sha256, thumb_sha256, width, height, dpi, color_mode, device, software, skew_angle, blank, skipped, ocr_status,
       created_by, created_at, updated_at)
     VALUES (@id, @node, 1, @batch, @item, @volume, @seq, @sha, @name, @index, @format, @processed, @thumb, @width, @height, @dpi,
       @mode, @device, @software, @skew, @blank, @blank, @status, @by, @now, @now)`,
  );
  const insertJob = db.prepare(
    "INSERT INTO ocr_jobs (id, page_id, batch_id, template, status, enqueued_at) VALUES (?, ?, ?, ?, 'queued', ?)",
  );
  const ids: string[] = [];
  for (const p of prepared) {
    const id = ctx.ids();
    const ocr = !p.blank && batch.template !== 'skip';
    insertPage.run({
      id,
      node: nodeIdOf(ctx),
      batch: batch.id,
      item: batch.itemId,
      volume: batch.volumeId,
      seq: seq++,
      ...pageImageParams(p, sha, name),
      mode: meta.colorMode ?? null,
      device: meta.device ?? null,
      software: meta.software ?? null,
      status: ocr ? 'queued' : 'skipped',
      by: actor.id,
      now,
    });
    if (ocr) insertJob.run(ctx.ids(), id, batch.id, batch.template, now);
    recordChange(ctx, 'page', id, 1, 'insert');
    ids.push(id);
  }
  const blank = prepared.filter((p) => p.blank).length;
  appendAudit(ctx, actor, {
    action: 'page.ingest',
    entity: 'scan_batch',
    entityId: batch.id,
    summary: `接收 ${name}：${prepared.length} 页${blank ? `（${blank} 页空白已跳过）` : ''}${errors.length ? `，${errors.length} 页无法读取` : ''}`,
    details: { original: sha, pages: ids, errors },
  });
  return ids;
}
