/**
 * Keeps the index in step inside each mutation's transaction: the items the transaction
 * logged in change_log (directly, or through their page texts) get a new document that
 * retires their previous one. Nothing is indexed while the index is stale: the rebuild
 * that follows reads every record anyway.
 */
import { changeLog, items, pageTexts, type ItemRecord } from '../../../db/schema';
import { colSql, type CoreContext, tableSql } from '../kernel';
import { PostingsBuilder } from './builder';
import { loadItems } from './document';
import { isStale, setIndexFormat } from './meta';
import { buildProgress } from './state';
import { indexResolvedConflicts } from './station-index';
import { IndexStore } from './store';

// Raw on purpose: runs in every mutation's commit hook (a UNION over change_log and page_texts); names from the schema.
// A changed volume re-indexes its items: their effective 密级 follows the volume's (kernel/security-level.ts).

const LOG = tableSql(changeLog);
const logged = (entity: string) =>
  `SELECT ${colSql(changeLog.entityId)} FROM ${LOG} WHERE ${colSql(changeLog.seq)} > @since AND ${colSql(changeLog.entity)} = '${entity}'`;
const CHANGED_ITEMS = `${logged('item')}
  UNION SELECT ${colSql(pageTexts.itemId)} FROM ${tableSql(pageTexts)} WHERE ${colSql(pageTexts.id)} IN (${logged('page_text')})
  UNION SELECT ${colSql(items.id)} FROM ${tableSql(items)} WHERE ${colSql(items.volumeId)} IN (${logged('volume')})`;

export function indexChangesSince(ctx: CoreContext, sinceSeq: number): void {
  const db = ctx.sqlite;
  const ids = db.prepare(CHANGED_ITEMS).pluck().all({ since: sinceSeq }) as ItemRecord['id'][];
  indexResolvedConflicts(ctx, sinceSeq);
  if (ids.length === 0 || buildProgress(ctx).building || isStale(ctx)) return;
  const store = new IndexStore(db);
  const builder = new PostingsBuilder();
  let doc = store.nextDoc();
  if (doc === 1) setIndexFormat(ctx); // the first documents of a new archive
  for (const src of loadItems(db, ids)) store.addDoc(builder, doc++, src, true);
  store.writePostings(builder);
}
