/**
 * Keeps `page_texts` (what full-text search reads) in step with an item's scanned
 * pages: one row per page that has text, numbered by the page's serial. Rows are never
 * deleted, only emptied, so the change log can always name the item to reindex.
 */
import { nodeIdOf, recordChange, type CoreContext } from '../kernel';

interface TextRow {
  id: string;
  version: number;
  page_no: number;
  text: string;
}

/** Sets one page's text (called inside the caller's transaction). Tray pages have none yet. */
export function writePageText(ctx: CoreContext, pageId: string, text: string): void {
  const db = ctx.sqlite;
  const page = db.prepare('SELECT item_id, seq, skipped, deleted_at FROM pages WHERE id = ?').get(pageId) as
    { item_id: string | null; seq: number; skipped: number; deleted_at: string | null } | undefined;
  const row = db.prepare('SELECT id, version, page_no, text FROM page_texts WHERE page_id = ?').get(pageId) as
    TextRow | undefined;
  const live = page && page.item_id && !page.deleted_at && !page.skipped;
  const wanted = live ? text : '';
  const now = ctx.nowIso();
  if (row) {
    const pageNo = live ? page.seq : row.page_no;
    if (row.text === wanted && row.page_no === pageNo) return;
    if (live) freeSlot(ctx, page.item_id!, pageNo, row.id);
    db.prepare(
      'UPDATE page_texts SET text = ?, page_no = ?, item_id = coalesce(?, item_id), version = version + 1, updated_at = ? WHERE id = ?',
    ).run(wanted, pageNo, live ? page.item_id : null, now, row.id);
    recordChange(ctx, 'page_text', row.id, row.version + 1, 'update');
    return;
  }
  if (!live || !wanted) return;
  freeSlot(ctx, page.item_id!, page.seq, null);
  const id = ctx.ids();
  db.prepare(
    `INSERT INTO page_texts (id, node_id, version, item_id, page_no, page_id, text, source, created_at, updated_at)
     VALUES (?, ?, 1, ?, ?, ?, ?, 'ocr', ?, ?)`,
  ).run(id, nodeIdOf(ctx), page.item_id, page.seq, pageId, wanted, now, now);
  recordChange(ctx, 'page_text', id, 1, 'insert');
}

/**
 * page_texts is unique on (item, page_no); a row still holding the number (a page moved
 * or removed) is parked on a negative number until its own page is written.
 */
function freeSlot(ctx: CoreContext, itemId: string, pageNo: number, except: string | null): void {
  const db = ctx.sqlite;
  const holder = db
    .prepare('SELECT id FROM page_texts WHERE item_id = ? AND page_no = ? AND id IS NOT ?')
    .pluck()
    .get(itemId, pageNo, except) as string | undefined;
  if (!holder) return;
  const low = db
    .prepare('SELECT min(0, coalesce(min(page_no), 0)) FROM page_texts WHERE item_id = ?')
    .pluck()
    .get(itemId) as number;
  db.prepare('UPDATE page_texts SET page_no = ? WHERE id = ?').run(low - 1, holder);
}

/** Re-syncs every page of an item after pages were attached, moved, skipped or removed. */
export function syncItemTexts(ctx: CoreContext, itemId: string, textOf: (pageId: string) => string | null): void {
  const pages = ctx.sqlite
    .prepare(
      'SELECT id FROM pages WHERE (item_id = ? OR id IN (SELECT page_id FROM page_texts WHERE item_id = ?)) ORDER BY seq',
    )
    .pluck()
    .all(itemId, itemId) as string[];
  for (const id of pages) {
    const text = textOf(id);
    if (text !== null) writePageText(ctx, id, text);
  }
}
