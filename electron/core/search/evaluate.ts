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

/**
 * Which documents may match at all (live, visible, passing the filters, in earlier words'
 * results): 1 at their numbers. A byte array, not a callback: it is tested once a posting.
 */
export type DocFilter = Uint8Array;

/** A typed array twice as long with the same first elements. */
function doubled<T extends Int32Array | Uint16Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** Growable typed output (a dense word can match most of a million documents). */
class MatchList {
  docs = new Int32Array(1024);
  masks = new Uint16Array(1024);
  n = 0;
  push(doc: number, mask: number): void {
    if (this.n === this.docs.length) {
      this.docs = doubled(this.docs);
      this.masks = doubled(this.masks);
    }
    this.docs[this.n] = doc;
    this.masks[this.n++] = mask;
  }
  done(): WordMatches {
    return { docs: this.docs.slice(0, this.n), masks: this.masks.slice(0, this.n) };
  }
}

export function evaluateWord(src: BlockSource, w: WordQuery, accept: DocFilter, maxDoc: number): WordMatches {
  if (w.constraints.length === 1 && w.constraints[0]!.termHi - w.constraints[0]!.term > 1)
    return evaluateRange(src, w.constraints[0]!, w.field, accept, maxDoc);
  const exact = w.constraints.filter((c) => c.termHi - c.term === 1);
  const terms = [...new Set(exact.map((c) => c.term))];
  if (terms.length === 0) return new MatchList().done();
  const cursors = terms.map((t) => new TermCursor(src, t));
  // Per constraint: which cursor holds its term, and its offset in the word.
  const slot = Int32Array.from(exact, (c) => terms.indexOf(c.term));
  const offset = Int32Array.from(exact, (c) => c.offset);
  const ranged = w.constraints.filter((c) => c.termHi - c.term > 1);
  let rangedAt: RangePositions[] = [];
  if (ranged.length) {
    // Only documents holding every exact term can match: collect the ranged positions for those alone.
    const holders = joinDocs(src, terms, accept, maxDoc);
    rangedAt = ranged.map((c) => rangePositions(src, c, holders, maxDoc));
  }
  const pos = terms.map(() => new Int32Array(16));
  const count = new Int32Array(terms.length);
  const out = new MatchList();
  const nc = exact.length;
  let doc = 0;
  for (;;) {
    const target = align(cursors, doc);
    if (target === END) return out.done();
    doc = target + 1;
    if (accept[target] !== 1) continue;
    // The anchor is the constraint whose term has the fewest positions here (by payload bytes).
    let anchor = 0;
    for (let i = 0; i < cursors.length; i++) {
      const len = cursors[i]!.payloadLength();
      if (pos[i]!.length < len) pos[i] = new Int32Array(len * 2);
      count[i] = cursors[i]!.decode(pos[i]!);
    }
    for (let k = 1; k < nc; k++) if (count[slot[k]!]! < count[slot[anchor]!]!) anchor = k;
    if (ranged.length && rangedAt.some((r) => !r.hasDoc(target))) continue;
    const ap = pos[slot[anchor]!]!;
    const an = count[slot[anchor]!]!;
    const aOff = offset[anchor]!;
    let mask = 0;
    for (let i = 0; i < an; i++) {
      const start = ap[i]! - aOff;
      if (start < 0) continue;
      const f = fieldOfPos(start);
      if ((w.field >= 0 && f !== w.field) || mask & (1 << f)) continue;
      let ok = true;
      for (let k = 0; k < nc && ok; k++)
        if (k !== anchor) ok = has(pos[slot[k]!]!, count[slot[k]!]!, start + offset[k]!);
      if (ok && ranged.length) ok = ranged.every((c, r) => rangedAt[r]!.has(target, start + c.offset));
      if (ok) mask |= 1 << f;
    }
    if (mask) out.push(target, mask);
  }
}

/** Documents holding every one of the terms (a mark per document). */
function joinDocs(src: BlockSource, terms: number[], accept: DocFilter, maxDoc: number): Uint8Array {
  const marks = new Uint8Array(maxDoc + 1);
  const cursors = terms.map((t) => new TermCursor(src, t));
  for (let doc = 0; ;) {
    const target = align(cursors, doc);
    if (target === END) return marks;
    if (accept[target] === 1) marks[target] = 1;
    doc = target + 1;
  }
}

/** Leapfrog: every cursor to the first document from `from` that all of them hold, or END. */
function align(cursors: TermCursor[], from: number): number {
  let target = from;
  for (let i = 0; i < cursors.length;) {
    const d = cursors[i]!.seek(target);
    if (d === END) return END;
    if (d > target) {
      target = d;
      i = 0;
    } else i++;
  }
  return target;
}

/** Every posting of the terms in a constraint's range, for accepted documents, with its positions. */
function forEachRangePosting(
  src: BlockSource,
  c: Constraint,
  accept: DocFilter,
  fn: (doc: number, positions: Int32Array, n: number) => void,
): void {
  const r = new BlockReader();
  let buf = new Int32Array(64);
  for (const [, data] of src.range.iterate(c.term, c.termHi) as IterableIterator<[number, Uint8Array]>) {
    r.reset(data);
    while (r.next()) {
      if (accept[r.doc] !== 1) continue;
      if (buf.length < r.payloadEnd - r.payloadStart) buf = new Int32Array(2 * (r.payloadEnd - r.payloadStart));
      fn(r.doc, buf, r.decode(buf));
    }
  }
}

/** Positions of a range's terms per document (for a word's lone last character), as flat lists. */
class RangePositions {
  private readonly head: Int32Array;
  private pos = new Int32Array(1024);
  private next = new Int32Array(1024);
  private n = 0;
  constructor(maxDoc: number) {
    this.head = new Int32Array(maxDoc + 1).fill(-1);
  }
  add(doc: number, p: number): void {
    if (this.n === this.pos.length) {
      this.pos = doubled(this.pos);
      this.next = doubled(this.next);
    }
    this.pos[this.n] = p;
    this.next[this.n] = this.head[doc]!;
    this.head[doc] = this.n++;
  }
  hasDoc(doc: number): boolean {
    return this.head[doc] !== -1;
  }
  has(doc: number, p: number): boolean {
    for (let i = this.head[doc]!; i !== -1; i = this.next[i]!) if (this.pos[i] === p) return true;
    return false;
  }
}

function rangePositions(src: BlockSource, c: Constraint, accept: DocFilter, maxDoc: number): RangePositions {
  const out = new RangePositions(maxDoc);
  forEachRangePosting(src, c, accept, (doc, positions, n) => {
    for (let i = 0; i < n; i++) out.add(doc, positions[i]!);
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
