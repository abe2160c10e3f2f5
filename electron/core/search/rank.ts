/** Combining words' matches into scored documents, and picking a page of them. */
import type { DocsTable } from './docs-table';
import type { WordMatches } from './evaluate';

/** Relevance of a match by field (SEARCH_FIELDS order): 题名 and names first, full text last. */
export const FIELD_WEIGHTS = [10, 9, 8, 7, 6, 4, 4, 3, 1];

export function bestWeight(mask: number): number {
  let w = 0;
  for (let f = 0; f < FIELD_WEIGHTS.length; f++) if (mask & (1 << f) && FIELD_WEIGHTS[f]! > w) w = FIELD_WEIGHTS[f]!;
  return w;
}

/** bestWeight for every mask, looked up in the loops over hundreds of thousands of matches. */
const WEIGHT_OF = Uint8Array.from({ length: 1 << FIELD_WEIGHTS.length }, (_, m) => bestWeight(m));

export interface Scored {
  docs: Int32Array;
  scores: Float64Array;
  masks: Uint16Array;
}

/** The documents every word matched (each word's docs are sorted), scored by each word's best field. */
export function intersect(words: WordMatches[]): Scored {
  if (words.length === 0) return { docs: new Int32Array(0), scores: new Float64Array(0), masks: new Uint16Array(0) };
  let docs = words[0]!.docs;
  let masks = words[0]!.masks;
  const first = masks;
  let scores = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) scores[i] = WEIGHT_OF[first[i]!]!;
  for (let w = 1; w < words.length; w++) {
    const other = words[w]!;
    const n = Math.min(docs.length, other.docs.length);
    const keep = new Int32Array(n);
    const s = new Float64Array(n);
    const m = new Uint16Array(n);
    let k = 0;
    let j = 0;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      while (j < other.docs.length && other.docs[j]! < d) j++;
      if (j < other.docs.length && other.docs[j] === d) {
        keep[k] = d;
        s[k] = scores[i]! + WEIGHT_OF[other.masks[j]!]!;
        m[k++] = masks[i]! | other.masks[j]!;
      }
    }
    docs = keep.subarray(0, k);
    scores = s.subarray(0, k);
    masks = m.subarray(0, k);
  }
  return { docs, scores, masks };
}

export type SortOrder = 'relevance' | 'date-desc' | 'date-asc';

/** Indexes (into `scored`) of the page [offset, offset + limit) in the requested order. */
export function pickPage(scored: Scored, table: DocsTable, sort: SortOrder, offset: number, limit: number): number[] {
  const n = scored.docs.length;
  const want = Math.min(n, offset + limit);
  if (want <= 0) return [];
  const key = (i: number) => {
    const date = table.date[scored.docs[i]!]!;
    return sort === 'relevance' ? scored.scores[i]! * 1e8 + date : sort === 'date-desc' ? date : 99_999_999 - date;
  };
  // Larger key first; ties by document number (newer index entries first).
  const before = (a: number, ka: number, b: number, kb: number) =>
    ka > kb || (ka === kb && scored.docs[a]! > scored.docs[b]!);
  // The best `want` in a bounded heap whose root is the worst kept: one pass, no full sort.
  const heap = new Int32Array(want);
  const hk = new Float64Array(want);
  let size = 0;
  const sift = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let worst = at;
      if (l < size && before(heap[worst]!, hk[worst]!, heap[l]!, hk[l]!)) worst = l;
      if (r < size && before(heap[worst]!, hk[worst]!, heap[r]!, hk[r]!)) worst = r;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
      [hk[at], hk[worst]] = [hk[worst]!, hk[at]!];
      at = worst;
    }
  };
  for (let i = 0; i < n; i++) {
    const k = key(i);
    if (size < want) {
      // Sift up: parents are worse than or equal to their children.
      let at = size++;
      heap[at] = i;
      hk[at] = k;
      while (at > 0) {
        const p = (at - 1) >> 1;
        if (!before(heap[p]!, hk[p]!, heap[at]!, hk[at]!)) break;
        [heap[at], heap[p]] = [heap[p]!, heap[at]!];
        [hk[at], hk[p]] = [hk[p]!, hk[at]!];
        at = p;
      }
    } else if (before(i, k, heap[0]!, hk[0]!)) {
      heap[0] = i;
      hk[0] = k;
      sift(0);
    }
  }
  const order = Array.from({ length: size }, (_, j) => j);
  order.sort((a, b) => (before(heap[a]!, hk[a]!, heap[b]!, hk[b]!) ? -1 : 1));
  return order.slice(offset, offset + limit).map((j) => heap[j]!);
}
