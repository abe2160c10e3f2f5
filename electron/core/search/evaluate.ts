/**
 * Finds the documents where one query word occurs: the documents holding all of its
 * terms (a leapfrog join of their cursors), then, in each, a start position where every
 * constraint holds at its offset, within one field. Returns each matching document with
 * the set of fields the word matched in.
 */
import { BlockReader } from './postings';
import { BlockSource, END, TermCursor } from './cursor';
import { fieldOfPos, type Constraint } from './terms';

export interface WordMatches {
  docs: Int32Array;
  /** Bit f set: the word occurs in field f (SEARCH_FIELDS order). */
  masks: Uint16Array;
}

export interface WordQuery {
  constraints: Constraint[];
  /** Only matches starting in this field (a `档号:` prefix), else -1. */
  field: number;
}

/** Which documents may match at all (live, visible, passing the filters, in earlier words' results). */
export type DocFilter = (doc: number) => boolean;

const bufs = () => ({ buf: new Int32Array(64) });

export function evaluateWord(src: BlockSource, w: WordQuery, accept: DocFilter, maxDoc: number): WordMatches {
  if (w.constraints.length === 1 && w.constraints[0]!.termHi - w.constraints[0]!.term > 1)
    return evaluateRange(src, w.constraints[0]!, w.field, accept, maxDoc);
  const exact = w.constraints.filter((c) => c.termHi - c.term === 1);
  const ranged = w.constraints
    .filter((c) => c.termHi - c.term > 1)
    .map((c) => ({ c, at: rangePositions(src, c, accept) }));
  const terms = [...new Set(exact.map((c) => c.term))];
  const cursors = terms.map((t) => new TermCursor(src, t));
  const slotOf = new Map(terms.map((t, i) => [t, i]));
  const pos = terms.map(bufs);
  const count = new Int32Array(terms.length);
  const docs: number[] = [];
  const masks: number[] = [];
  // Check the rarest constraint's positions first: fewest candidates.
  let doc = 0;
  for (;;) {
    // Leapfrog: every cursor to the largest document any of them is on.
    let target = doc;
    for (let i = 0; i < cursors.length;) {
      const d = cursors[i]!.seek(target);
      if (d === END) return pack(docs, masks);
      if (d > target) {
        target = d;
        i = 0;
      } else i++;
    }
    doc = target + 1;
    if (!accept(target)) continue;
    for (let i = 0; i < cursors.length; i++) count[i] = cursors[i]!.positions(pos[i]!);
    const lists = ranged.map((r) => r.at.get(target));
    if (lists.some((l) => !l)) continue;
    const extra = ranged.length ? (start: number) => ranged.every((r, k) => lists[k]!.has(start + r.c.offset)) : null;
    const mask = phraseMask({ constraints: exact, field: w.field }, slotOf, pos, count, extra);
    if (mask) {
      docs.push(target);
      masks.push(mask);
    }
  }
}

function phraseMask(
  w: WordQuery,
  slotOf: Map<number, number>,
  pos: { buf: Int32Array }[],
  count: Int32Array,
  extra: ((start: number) => boolean) | null,
): number {
  const cs = w.constraints;
  let anchor = 0;
  for (let k = 1; k < cs.length; k++)
    if (count[slotOf.get(cs[k]!.term)!]! < count[slotOf.get(cs[anchor]!.term)!]!) anchor = k;
  const a = cs[anchor]!;
  const aSlot = slotOf.get(a.term)!;
  let mask = 0;
  for (let i = 0; i < count[aSlot]!; i++) {
    const start = pos[aSlot]!.buf[i]! - a.offset;
    if (start < 0) continue;
    const f = fieldOfPos(start);
    if (w.field >= 0 && f !== w.field) continue;
    if (mask & (1 << f)) continue;
    let ok = true;
    for (let k = 0; k < cs.length && ok; k++) {
      if (k === anchor) continue;
      const s = slotOf.get(cs[k]!.term)!;
      ok = has(pos[s]!.buf, count[s]!, start + cs[k]!.offset);
    }
    if (ok && (!extra || extra(start))) mask |= 1 << f;
  }
  return mask;
}

/** Every posting of the terms in a constraint's range, for accepted documents, with its positions. */
function forEachRangePosting(
  src: BlockSource,
  c: Constraint,
  accept: DocFilter,
  fn: (doc: number, positions: Int32Array, n: number) => void,
): void {
  const r = new BlockReader();
  const out = bufs();
  for (const [, data] of src.range.iterate(c.term, c.termHi) as IterableIterator<[number, Uint8Array]>) {
    r.reset(data);
    while (r.next()) if (accept(r.doc)) fn(r.doc, out.buf, r.positions(out));
  }
}

/** Positions of a range's terms per document (for a word's lone last character). */
function rangePositions(src: BlockSource, c: Constraint, accept: DocFilter): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  forEachRangePosting(src, c, accept, (doc, positions, n) => {
    let set = out.get(doc);
    if (!set) out.set(doc, (set = new Set()));
    for (let i = 0; i < n; i++) set.add(positions[i]!);
  });
  return out;
}

function has(sorted: Int32Array, n: number, v: number): boolean {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid]!;
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** A single character: every term in its range, read in one scan, gathered per document. */
function evaluateRange(src: BlockSource, c: Constraint, field: number, accept: DocFilter, maxDoc: number): WordMatches {
  const mask = new Uint16Array(maxDoc + 1);
  const touched: number[] = [];
  forEachRangePosting(src, c, accept, (d, positions, n) => {
    let m = 0;
    for (let i = 0; i < n; i++) {
      const f = fieldOfPos(positions[i]!);
      if (field < 0 || f === field) m |= 1 << f;
    }
    if (!m) return;
    if (!mask[d]) touched.push(d);
    mask[d]! |= m;
  });
  touched.sort((a, b) => a - b);
  const docs = Int32Array.from(touched);
  const masks = new Uint16Array(docs.length);
  for (let i = 0; i < docs.length; i++) masks[i] = mask[docs[i]!]!;
  return { docs, masks };
}

function pack(docs: number[], masks: number[]): WordMatches {
  return { docs: Int32Array.from(docs), masks: Uint16Array.from(masks) };
}
