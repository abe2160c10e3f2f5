/**
 * Rebuilds the whole index from the records, in one transaction (a crash leaves the old
 * index), numbering documents afresh so retired ones are gone. Postings are collected in
 * memory and written a large batch at a time.
 */
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { items, searchDocs, stationRecords } from '../../../db/schema';
import { type CoreContext, setMeta } from '../kernel';
import { PostingsBuilder } from './builder';
import { BLOCK_BYTES } from './postings';
import { loadRange } from './document';
import { setIndexFormat } from './meta';
import { buildProgress } from './state';
import { CategoryMap, stationItemBatches } from './station-source';
import { IndexStore } from './store';

// The bulk rebuild runs on the raw connection (its own BEGIN IMMEDIATE, batched reads in document.ts, the
// postings writer in store.ts); search_blocks is not in the drizzle schema (WITHOUT ROWID, migration 0003).

export interface ReindexResult {
  docs: number;
  blocks: number;
  seconds: number;
  itemsPerSecond: number;
}

const MEMORY_BUDGET = 768 * 2 ** 20;
const READ_BATCH = 1000;

/**
 * The caller holds the write lock. `pause` lets a long host (serve) answer other
 * requests between batches; the CLI passes none.
 */
export async function rebuildIndex(
  ctx: CoreContext,
  onProgress?: (done: number, total: number) => void,
  pause?: () => Promise<void>,
): Promise<ReindexResult> {
  const db = ctx.sqlite;
  const started = performance.now();
  const p = buildProgress(ctx);
  p.building = true;
  p.done = 0;
  const own = ctx.orm.select({ n: count() }).from(items).get()!.n;
  const mirrored = ctx.orm.select({ n: count() }).from(stationRecords).where(eq(stationRecords.entity, 'item')).get()!
    .n;
  p.total = own + mirrored;
  let blocks = 0;
  let doc = 1;
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('DELETE FROM search_blocks');
    ctx.orm.delete(searchDocs).run();
    const store = new IndexStore(db);
    const builder = new PostingsBuilder(BLOCK_BYTES);
    for (let after = 0; ;) {
      const { last, items } = loadRange(db, after, READ_BATCH);
      if (items.length === 0) break;
      after = last;
      for (const src of items) store.addDoc(builder, doc++, src, false);
      if (builder.bytes >= MEMORY_BUDGET) {
        blocks += store.writeBlocks(builder);
        builder.clear();
      }
      p.done = doc - 1;
      onProgress?.(p.done, p.total);
      if (pause) await pause();
    }
    // At the bureau: the stations' mirrored items, after the bureau's own.
    for (const items of stationItemBatches(db, new CategoryMap(ctx), READ_BATCH)) {
      for (const src of items) store.addDoc(builder, doc++, src, false);
      if (builder.bytes >= MEMORY_BUDGET) {
        blocks += store.writeBlocks(builder);
        builder.clear();
      }
      p.done = doc - 1;
      onProgress?.(p.done, p.total);
      if (pause) await pause();
    }
    blocks += store.writeBlocks(builder);
    setMeta(ctx, 'search.stale', '0');
    setIndexFormat(ctx);
    setMeta(ctx, 'search.generation', randomUUID());
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  } finally {
    p.building = false;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    docs: doc - 1,
    blocks,
    seconds: Math.round(seconds * 100) / 100,
    itemsPerSecond: Math.round((doc - 1) / seconds),
  };
}
