/**
 * Keeps the index in step inside each mutation's transaction: the items the transaction
 * logged in change_log (directly, or through their page texts) get a new document that
 * retires their previous one. Nothing is indexed while the index is stale: the rebuild
 * that follows reads every record anyway.
 */
import type { CoreContext } from '../kernel';
import { PostingsBuilder } from './builder';
import { loadItems } from './document';
import { isStale, setIndexFormat } from './meta';
import { buildProgress } from './state';
import { indexResolvedConflicts } from './station-index';
import { IndexStore } from './store';

// Raw on purpose: runs in every mutation's commit hook (a UNION over change_log and page_texts).

export function indexChangesSince(ctx: CoreContext, sinceSeq: number): void {
  const db = ctx.sqlite;
  const ids = db
    .prepare(
      `SELECT entity_id FROM change_log WHERE seq > @since AND entity = 'item'
       UNION SELECT item_id FROM page_texts WHERE id IN
         (SELECT entity_id FROM change_log WHERE seq > @since AND entity = 'page_text')`,
    )
    .pluck()
    .all({ since: sinceSeq }) as string[];
  indexResolvedConflicts(ctx, sinceSeq);
  if (ids.length === 0 || buildProgress(ctx).building || isStale(ctx)) return;
  const store = new IndexStore(db);
  const builder = new PostingsBuilder();
  let doc = store.nextDoc();
  if (doc === 1) setIndexFormat(ctx); // the first documents of a new archive
  for (const src of loadItems(db, ids)) store.addDoc(builder, doc++, src, true);
  store.writePostings(builder);
}
