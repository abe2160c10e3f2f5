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

export interface Scored {
  docs: Int32Array;
  scores: Float64Array;
  masks: Uint16Array;
}

/** The documents every word matched (each word's docs are sorted), scored by each word's best field. */
export function intersect(words: WordMatches[]): Scored {
  if (words.length === 0) return { docs: new Int32Array(0), scores: new Float64Array(0), masks: new Uint16Array(0) };
  let docs = words[0]!.docs;
  let scores = Float64Array.from(words[0]!.masks, bestWeight);
  let masks = Uint16Array.from(words[0]!.masks);
  for (let w = 1; w < words.length; w++) {
    const other = words[w]!;
    const keep: number[] = [];
    const s: number[] = [];
    const m: number[] = [];
    let j = 0;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      while (j < other.docs.length && other.docs[j]! < d) j++;
      if (j < other.docs.length && other.docs[j] === d) {
        keep.push(d);
        s.push(scores[i]! + bestWeight(other.masks[j]!));
        m.push(masks[i]! | other.masks[j]!);
      }
    }
    docs = Int32Array.from(keep);
    scores = Float64Array.from(s);
    masks = Uint16Array.from(m);
  }
  return { docs, scores, masks };
}

export type SortOrder = 'relevance' | 'date-desc' | 'date-asc';

/** Indexes (into `scored`) of the page [offset, offset + limit) in the requested order. */
export function pickPage(scored: Scored, table: DocsTable, sort: SortOrder, offset: number, limit: number): number[] {
  const n = scored.docs.length;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = scored.docs[i]!;
    const date = table.date[d]!;
    // Larger key first; ties by document number (newer index entries first).
    key[i] = sort === 'relevance' ? scored.scores[i]! * 1e8 + date : sort === 'date-desc' ? date : 99_999_999 - date;
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  const want = Math.min(n, offset + limit);
  const cmp = (a: number, b: number) => key[b]! - key[a]! || scored.docs[b]! - scored.docs[a]!;
  if (n > 4 * want && n > 2000) {
    // Only the first `want` matter: keep a threshold from a sample, sort what passes it.
    const sample = idx.filter((_, i) => i % Math.max(1, Math.floor(n / 1000)) === 0).sort(cmp);
    const cutAt = Math.min(sample.length - 1, Math.ceil((want / n) * sample.length) + 2);
    const threshold = key[sample[cutAt]!]!;
    const pass = idx.filter((i) => key[i]! >= threshold);
    if (pass.length >= want) return pass.sort(cmp).slice(offset, offset + limit);
  }
  return idx.sort(cmp).slice(offset, offset + limit);
}
