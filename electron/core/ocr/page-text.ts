/**
 * Keeps `page_texts` (what full-text search reads) in step with an item's scanned
 * pages: one row per page that has text, numbered by the page's serial. Rows are never
 * deleted, only emptied, so the change log can always name the item to reindex.
 */
import { and, asc, eq, inArray, min, or, sql } from 'drizzle-orm';
import { pages } from '../../../db/schema/scan';
import { pageTexts } from '../../../db/schema/search';
import { nodeIdOf, recordChange, type CoreContext } from '../kernel';

/** Sets one page's text (called inside the caller's transaction). Tray pages have none yet. */
export function writePageText(ctx: CoreContext, pageId: string, text: string): void {
  const db = ctx.orm;
  const page = db
    .select({ itemId: pages.itemId, seq: pages.seq, skipped: pages.skipped, deletedAt: pages.deletedAt })
    .from(pages)
    .where(eq(pages.id, pageId))
    .get();
  const row = db
    .select({ id: pageTexts.id, version: pageTexts.version, pageNo: pageTexts.pageNo, text: pageTexts.text })
    .from(pageTexts)
    .where(eq(pageTexts.pageId, pageId))
    .get();
  const itemId = page && !page.deletedAt && !page.skipped ? page.itemId : null;
  const wanted = itemId ? text : '';
  const now = ctx.nowIso();
  if (row) {
    const pageNo = itemId ? page!.seq : row.pageNo;
    if (row.text === wanted && row.pageNo === pageNo) return;
    if (itemId) freeSlot(ctx, itemId, pageNo, row.id);
    db.update(pageTexts)
      .set({
        text: wanted,
        pageNo,
        ...(itemId ? { itemId } : {}),
        version: sql`${pageTexts.version} + 1`,
        updatedAt: now,
      })
      .where(eq(pageTexts.id, row.id))
      .run();
    recordChange(ctx, 'page_text', row.id, row.version + 1, 'update');
    return;
  }
  if (!itemId || !wanted) return;
  freeSlot(ctx, itemId, page!.seq, null);
  const id = ctx.ids();
  db.insert(pageTexts)
    .values({
      id,
      nodeId: nodeIdOf(ctx),
      version: 1,
      itemId,
      pageNo: page!.seq,
      pageId,
      text: wanted,
      source: 'ocr',
      createdAt: now,
      updatedAt: now,
    })
    .run();
  recordChange(ctx, 'page_text', id, 1, 'insert');
}

/**
 * page_texts is unique on (item, page_no); a row still holding the number (a page moved
 * or removed) is parked on a negative number until its own page is written.
 */
function freeSlot(ctx: CoreContext, itemId: string, pageNo: number, except: string | null): void {
  const db = ctx.orm;
  const holder = db
    .select({ id: pageTexts.id })
    .from(pageTexts)
    .where(and(eq(pageTexts.itemId, itemId), eq(pageTexts.pageNo, pageNo), sql`${pageTexts.id} IS NOT ${except}`))
    .get()?.id;
  if (!holder) return;
  const lowest = db
    .select({ n: min(pageTexts.pageNo) })
    .from(pageTexts)
    .where(eq(pageTexts.itemId, itemId))
    .get()?.n;
  db.update(pageTexts)
    .set({ pageNo: Math.min(0, lowest ?? 0) - 1 })
    .where(eq(pageTexts.id, holder))
    .run();
}

/** Re-syncs every page of an item after pages were attached, moved, skipped or removed. */
export function syncItemTexts(ctx: CoreContext, itemId: string, textOf: (pageId: string) => string | null): void {
  const withText = ctx.orm.select({ pageId: pageTexts.pageId }).from(pageTexts).where(eq(pageTexts.itemId, itemId));
  const ids = ctx.orm
    .select({ id: pages.id })
    .from(pages)
    .where(or(eq(pages.itemId, itemId), inArray(pages.id, withText)))
    .orderBy(asc(pages.seq))
    .all()
    .map((p) => p.id);
  for (const id of ids) {
    const text = textOf(id);
    if (text !== null) writePageText(ctx, id, text);
  }
}
