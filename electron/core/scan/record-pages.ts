/**
 * A record's scans: the pages of an item or of a volume (in reading order), one page's
 * recognised text, and the record's searchable PDF. What the caller may not see does not
 * exist: an unknown record and one above the caller's clearance get the same answer.
 */
import sharp from 'sharp';
import type { RecordPageView, RecordPagesView } from '../../contract/record-pages';
import { type CoreContext, AppError, sessionOf, type Handlers } from '../kernel';
import { loadGrey } from '../imaging';
import { mergePdfs, textLayerPdf } from '../ocr';
import { PAGE_SELECT, toPageView, type PageRecord } from './pages';
import { servicesOf } from './services';

export interface RecordRef {
  itemId?: string | null;
  volumeId?: string | null;
}

type Owner = RecordPagesView['owner'];

/** The live item or volume the caller may see; NOT_FOUND otherwise (unknown, deleted or above clearance). */
export function loadOwner(ctx: CoreContext, ref: RecordRef, clearance: number): Owner {
  const kind = ref.itemId ? 'item' : 'volume';
  const id = ref.itemId ?? ref.volumeId;
  const row = id
    ? (ctx.sqlite
        .prepare(
          `SELECT id, archive_code AS archiveCode, title FROM ${kind === 'item' ? 'items' : 'volumes'}
           WHERE id = ? AND deleted_at IS NULL AND security_level <= ?`,
        )
        .get(id, clearance) as Omit<Owner, 'kind'> | undefined)
    : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return { kind, ...row };
}

type Row = PageRecord & { it_id: string | null; it_no: number | null; it_code: string | null; it_title: string | null };

const toRecordPage = (r: Row): RecordPageView => ({
  ...toPageView(r),
  item: r.it_id ? { id: r.it_id, itemNo: r.it_no!, archiveCode: r.it_code!, title: r.it_title! } : null,
});

/**
 * An item's pages by their order; a volume's own pages (cover, 卷内目录) first, then its
 * items' pages, items by 件号. Items above the caller's clearance are left out.
 */
export function recordPages(ctx: CoreContext, ref: RecordRef, clearance: number): RecordPagesView {
  const owner = loadOwner(ctx, ref, clearance);
  const select = PAGE_SELECT.replace(
    'SELECT p.*,',
    'SELECT p.*, i.id AS it_id, i.item_no AS it_no, i.archive_code AS it_code, i.title AS it_title,',
  );
  const rows =
    owner.kind === 'item'
      ? (ctx.sqlite
          .prepare(`${select} AND p.item_id = @id ORDER BY p.seq, p.created_at`)
          .all({ id: owner.id, clearance }) as Row[])
      : (ctx.sqlite
          .prepare(
            `${select} AND (p.volume_id = @id OR (i.volume_id = @id AND i.deleted_at IS NULL))
             ORDER BY p.item_id IS NOT NULL, i.item_no, p.seq, p.created_at`,
          )
          .all({ id: owner.id, clearance }) as Row[]);
  return { owner, pages: rows.map(toRecordPage) };
}

/** The page's searchable PDF; a page not read yet (or whose reading failed) goes in as its image alone. */
async function pagePdf(ctx: CoreContext, p: RecordPageView): Promise<Buffer> {
  const store = servicesOf(ctx).store;
  const row = ctx.sqlite.prepare('SELECT pdf_sha256, processed_sha256 FROM pages WHERE id = ?').get(p.id) as {
    pdf_sha256: string | null;
    processed_sha256: string | null;
  };
  // A stored PDF was made from the page as turned when it was read; turning it queues a new reading.
  if (row.pdf_sha256 && p.ocrStatus === 'done') return store.read(row.pdf_sha256);
  if (!row.processed_sha256) throw new AppError('NOT_FOUND', '页面图像缺失');
  const stored = store.read(row.processed_sha256);
  const png = p.rotation
    ? await sharp(stored)
        .rotate(p.rotation * 90)
        .png()
        .toBuffer()
    : stored;
  const image = await loadGrey(png);
  return textLayerPdf({ image, png: p.rotation ? null : stored, dpi: p.dpi ?? image.density ?? 300, lines: [] });
}

export const recordPageHandlers = {
  'pages.ofRecord': (env, input) => recordPages(env.ctx, input, sessionOf(env).clearance),

  'pages.text': (env, { id }) => {
    const s = sessionOf(env);
    const r = env.ctx.sqlite.prepare(`${PAGE_SELECT} AND p.id = @id`).get({ id, clearance: s.clearance }) as
      PageRecord | undefined;
    if (!r) throw new AppError('NOT_FOUND', '页面不存在或无权查看');
    const text = r.words_sha256
      ? (JSON.parse(servicesOf(env.ctx).store.read(r.words_sha256).toString('utf8')) as { text: string }).text
      : null;
    return { id, status: r.ocr_status, text, engine: r.ocr_engine, confidence: r.ocr_confidence };
  },

  'pages.pdf': async (env, input) => {
    const { owner, pages } = recordPages(env.ctx, input, sessionOf(env).clearance);
    // Blank back sides the clerk skipped are not part of the document.
    const wanted = pages.filter((p) => !p.skipped);
    if (wanted.length === 0) throw new AppError('NOT_FOUND', '该档案还没有扫描页面');
    const parts: Buffer[] = [];
    for (const p of wanted) parts.push(await pagePdf(env.ctx, p));
    const pdf = mergePdfs(parts);
    return {
      fileName: `${owner.archiveCode}.pdf`,
      mime: 'application/pdf' as const,
      base64: pdf.toString('base64'),
      pages: wanted.length,
    };
  },
} satisfies Partial<Handlers>;
