/**
 * A record's scans: the pages of an item or of a volume (in reading order), one page's
 * recognised text, and the record's searchable PDF. What the caller may not see does not
 * exist: an unknown record and one above the caller's clearance get the same answer.
 */
import { and, asc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import sharp from 'sharp';
import { items, volumes } from '../../../db/schema/catalogue';
import { pages } from '../../../db/schema/scan';
import type { RecordPageView, RecordPagesView } from '../../contract/record-pages';
import { loadPage, OWNED_PAGE, ownerJoin, PAGE_ORDER, toPageView, visiblePages, type OwnedPage } from './pages';
import { servicesOf } from './services';
import { type CoreContext, AppError, levelsOf, sessionOf, type Handlers } from '../kernel';
import { loadGrey } from '../imaging';
import { mergePdfs, textLayerPdf } from '../ocr';

export interface RecordRef {
  itemId?: string | null;
  volumeId?: string | null;
}

type Owner = RecordPagesView['owner'];

/** The live item or volume the caller may see; NOT_FOUND otherwise (unknown, deleted or above clearance). */
export function loadOwner(ctx: CoreContext, ref: RecordRef, clearance: number): Owner {
  const kind = ref.itemId ? 'item' : 'volume';
  const id = ref.itemId ?? ref.volumeId;
  const table = kind === 'item' ? items : volumes;
  const row = id
    ? ctx.orm
        .select({ id: table.id, archiveCode: table.archiveCode, title: table.title })
        .from(table)
        .where(and(eq(table.id, id), isNull(table.deletedAt)))
        .get()
    : undefined;
  if (!row || (levelsOf(ctx, kind, [row.id]).get(row.id) ?? Infinity) > clearance) throw new AppError('NOT_FOUND');
  return { kind, ...row };
}

/** A page with the item it belongs to (null for a volume's own pages and tray pages). */
const RECORD_PAGE = {
  ...OWNED_PAGE,
  itId: items.id,
  itNo: items.itemNo,
  itCode: items.archiveCode,
  itTitle: items.title,
};

type Row = OwnedPage & { itId: string | null; itNo: number | null; itCode: string | null; itTitle: string | null };

const toRecordPage = (r: Row): RecordPageView => ({
  ...toPageView(r),
  item: r.itId ? { id: r.itId, itemNo: r.itNo!, archiveCode: r.itCode!, title: r.itTitle! } : null,
});

/**
 * An item's pages by their order; a volume's own pages (cover, 卷内目录) first, then its
 * items' pages, items by 件号. Items above the caller's clearance are left out.
 */
export function recordPages(ctx: CoreContext, ref: RecordRef, clearance: number): RecordPagesView {
  const owner = loadOwner(ctx, ref, clearance);
  const query = ctx.orm
    .select(RECORD_PAGE)
    .from(pages)
    .leftJoin(items, ownerJoin.items)
    .leftJoin(volumes, ownerJoin.volumes);
  const rows: Row[] =
    owner.kind === 'item'
      ? query
          .where(visiblePages(clearance, eq(pages.itemId, owner.id)))
          .orderBy(...PAGE_ORDER)
          .all()
      : query
          .where(
            visiblePages(
              clearance,
              or(eq(pages.volumeId, owner.id), and(eq(items.volumeId, owner.id), isNull(items.deletedAt))),
            ),
          )
          .orderBy(isNotNull(pages.itemId), asc(items.itemNo), ...PAGE_ORDER)
          .all();
  return { owner, pages: rows.map(toRecordPage) };
}

/** The page's searchable PDF; a page not read yet (or whose reading failed) goes in as its image alone. */
async function pagePdf(ctx: CoreContext, p: RecordPageView): Promise<Buffer> {
  const store = servicesOf(ctx).store;
  const row = ctx.orm
    .select({ pdf: pages.pdfSha256, processed: pages.processedSha256 })
    .from(pages)
    .where(eq(pages.id, p.id))
    .get();
  // A stored PDF was made from the page as turned when it was read; turning it queues a new reading.
  if (row?.pdf && p.ocrStatus === 'done') return store.read(row.pdf);
  if (!row?.processed) throw new AppError('NOT_FOUND', '页面图像缺失');
  const stored = store.read(row.processed);
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
    const r = loadPage(env.ctx, id, s.clearance);
    const text = r.wordsSha256
      ? (JSON.parse(servicesOf(env.ctx).store.read(r.wordsSha256).toString('utf8')) as { text: string }).text
      : null;
    return { id, status: r.ocrStatus, text, engine: r.ocrEngine, confidence: r.ocrConfidence };
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
