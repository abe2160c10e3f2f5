/**
 * Small caches in front of matching, both valid only for one state of the index (its
 * generation and the last document number): a new document or a reindex empties them.
 *
 * - The filter bitmap: which documents a clearance and set of filters admit, one byte a
 *   document, so the joins test a byte instead of eight attributes.
 * - The matches of recent searches: the next page ("加载更多"), a new sort order and the
 *   same query asked again at the counter reuse them instead of walking postings again.
 */
import type { DocsTable } from './docs-table';
import type { Scored } from './rank';
import { type CoreContext, defineService, serviceOf } from '../kernel';

const MAX_RESULTS = 16;
/** Matched documents held over all cached results (about 14 bytes each). */
const MAX_RESULT_DOCS = 8_000_000;
const MAX_FILTERS = 8;

interface Entry<T> {
  key: string;
  value: T;
  size: number;
}

class Lru<T> {
  private entries: Entry<T>[] = [];
  private state = '';
  constructor(
    private readonly maxEntries: number,
    private readonly maxSize: number,
  ) {}

  get(table: DocsTable, key: string): T | undefined {
    this.sync(table);
    const i = this.entries.findIndex((e) => e.key === key);
    if (i < 0) return undefined;
    const [e] = this.entries.splice(i, 1);
    this.entries.unshift(e!);
    return e!.value;
  }

  set(table: DocsTable, key: string, value: T, size: number): void {
    this.sync(table);
    if (size > this.maxSize) return;
    this.entries.unshift({ key, value, size });
    let total = 0;
    this.entries = this.entries.filter((e, i) => i < this.maxEntries && (total += e.size) <= this.maxSize);
  }

  private sync(table: DocsTable): void {
    const state = `${table.generation}:${table.maxDoc}`;
    if (state !== this.state) {
      this.entries = [];
      this.state = state;
    }
  }
}

/** One pair of caches per core (its document table is one per core too). */
const caches = defineService({
  name: 'search.matchCache',
  create: () => ({
    results: new Lru<Scored>(MAX_RESULTS, MAX_RESULT_DOCS),
    filters: new Lru<Uint8Array>(MAX_FILTERS, Infinity),
  }),
});

export function cachedMatches(ctx: CoreContext, table: DocsTable, key: string, compute: () => Scored): Scored {
  const lru = serviceOf(ctx, caches).results;
  const hit = lru.get(table, key);
  if (hit) return hit;
  const value = compute();
  lru.set(table, key, value, value.docs.length);
  return value;
}

export function cachedBitmap(
  ctx: CoreContext,
  table: DocsTable,
  key: string,
  accept: (doc: number) => boolean,
): Uint8Array {
  const lru = serviceOf(ctx, caches).filters;
  const hit = lru.get(table, key);
  if (hit) return hit;
  const bits = new Uint8Array(table.maxDoc + 1);
  for (let d = 1; d <= table.maxDoc; d++) bits[d] = accept(d) ? 1 : 0;
  lru.set(table, key, bits, 1);
  return bits;
}

/** Forgets every cached result (the benchmark measures searches that find nothing cached). */
export function forgetMatches(ctx: CoreContext): void {
  serviceOf(ctx, caches).results = new Lru<Scored>(MAX_RESULTS, MAX_RESULT_DOCS);
}
