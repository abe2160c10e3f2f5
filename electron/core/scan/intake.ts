/**
 * Intake: one file (a scanner page, a dropped file, a hot-folder pick-up) becomes pages.
 * The original is stored byte for byte first; each page is decoded, processed (deskew,
 * crop, despeckle, thumbnail) and then all of the file's pages are attached in one
 * transaction with their OCR jobs, audit and change-log rows. A bad page is reported
 * and skipped; the rest of the file still comes in; nothing is half-attached.
 */
import fs from 'node:fs';
import { and, count, eq, isNull } from 'drizzle-orm';
import { items, volumes } from '../../../db/schema/catalogue';
import { ocrJobs, pages, scanBatches, type PageInsert } from '../../../db/schema/scan';
import { nextSeq } from './pages';
import { appendAudit } from '../audit';
import { prepareIncoming } from '../imaging';
import { nodeIdOf, recordChange, type Actor, type CoreContext, AppError, inTransaction } from '../kernel';
import { type BlobStore } from '../storage';

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
      ctx.orm
        .insert(scanBatches)
        .values({
          id,
          nodeId: nodeIdOf(ctx),
          source,
          itemId: target.itemId,
          volumeId: target.volumeId,
          settings: JSON.stringify({ ...settings, template: target.template }),
          status: 'open',
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        })
        .run();
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
      ctx.orm
        .update(scanBatches)
        .set({ status, error, updatedAt: ctx.nowIso() })
        .where(eq(scanBatches.id, batchId))
        .run();
      const n = ctx.orm.select({ n: count() }).from(pages).where(eq(pages.batchId, batchId)).get()?.n ?? 0;
      appendAudit(ctx, actor, {
        action: 'scan.batch.end',
        entity: 'scan_batch',
        entityId: batchId,
        summary: `采集${status === 'done' ? '完成' : status === 'cancelled' ? '取消' : '失败'}：${n} 页${error ? `（${error}）` : ''}`,
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
  const n = ctx.orm
    .select({ n: count() })
    .from(pages)
    .where(and(eq(pages.batchId, batchId), isNull(pages.deletedAt)))
    .get()?.n;
  ctx.events.emit('scan.progress', { batchId, status, pages: n ?? 0, message });
}

function assertTarget(ctx: CoreContext, t: IntakeTarget): void {
  const live = (table: typeof items | typeof volumes, id: string) =>
    ctx.orm
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), isNull(table.deletedAt)))
      .get() !== undefined;
  if (t.itemId && !live(items, t.itemId)) throw new AppError('NOT_FOUND', '要挂接的档案不存在');
  if (t.volumeId && !live(volumes, t.volumeId)) throw new AppError('NOT_FOUND', '要挂接的案卷不存在');
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
  // Decoding and the per-pixel work run in a worker for large files; storing stays here.
  const outcomes = await prepareIncoming(bytes, name, meta.resolution);
  const errors: IntakeResult['errors'] = [];
  const prepared: Prepared[] = [];
  for (const o of outcomes) {
    if (!o.ok) {
      errors.push({ page: o.page, code: o.code, message: o.message });
      continue;
    }
    const p = o.page;
    prepared.push({
      index: p.index,
      processed: store.put(p.png).sha256,
      thumb: store.put(p.thumbnail).sha256,
      width: p.width,
      height: p.height,
      dpi: p.dpi,
      skew: Math.round(p.skewAngle * 100) / 100,
      blank: p.blank,
      format: p.format,
    });
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

/** A prepared page's image columns (a blank page comes in skipped), for a new page or a rescan. */
export const pageImage = (p: Prepared, sha: string, name: string) =>
  ({
    originalSha256: sha,
    originalName: name,
    originalPage: p.index,
    format: p.format,
    processedSha256: p.processed,
    thumbSha256: p.thumb,
    width: p.width,
    height: p.height,
    dpi: p.dpi,
    skewAngle: p.skew,
    blank: p.blank ? 1 : 0,
    skipped: p.blank ? 1 : 0,
  }) satisfies Partial<PageInsert>;

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
  const now = ctx.nowIso();
  let seq = nextSeq(ctx, batch);
  const ids: string[] = [];
  for (const p of prepared) {
    const id = ctx.ids();
    const ocr = !p.blank && batch.template !== 'skip';
    ctx.orm
      .insert(pages)
      .values({
        id,
        nodeId: nodeIdOf(ctx),
        batchId: batch.id,
        itemId: batch.itemId,
        volumeId: batch.volumeId,
        seq: seq++,
        ...pageImage(p, sha, name),
        colorMode: meta.colorMode ?? null,
        device: meta.device ?? null,
        software: meta.software ?? null,
        ocrStatus: ocr ? 'queued' : 'skipped',
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    if (ocr)
      ctx.orm
        .insert(ocrJobs)
        .values({
          id: ctx.ids(),
          pageId: id,
          batchId: batch.id,
          template: batch.template,
          status: 'queued',
          enqueuedAt: now,
        })
        .run();
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
