/**
 * Terms of the full-text index and where they sit. A document is its fields' normalised
 * texts laid out in one position space; every unit of a run of searchable units emits a
 * term describing it and its right neighbour, so any substring of a run is the phrase of
 * the terms at its offsets. Terms are unsigned 32-bit integers:
 *
 *   (a << 16) | b      a pair of neighbours, not both ASCII letters/digits
 *   (a << 16)          unit a ends its run (the next position is a separator or the field end)
 *   GRAM2 + x*37 + y   two ASCII letters/digits; y = 0 when x ends its ASCII stretch
 *   GRAM4 + code       four ASCII letters/digits starting here (numbers need longer
 *                      grams than pairs to be selective: "1234" as two digit pairs
 *                      would intersect two lists that hold every document)
 *   GRAM6 + number     six digits starting here: the region code that opens every ID
 *                      number of a county is one list, not two dense 4-gram lists joined
 *                      by position over most of the archive
 *
 * Searchable units are below 0xF000 (normalize.ts), so the gram spaces above are free.
 */
import { SEARCH_FIELDS, type SearchField } from '../../contract/search';
import { ASCII, foldTables, SEP } from './normalize';

export const GRAM2 = 0xf0000000;
export const GRAM4 = 0xf1000000;
export const GRAM6 = 0xf2000000;

/** Full text from position 0; the other fields at META_BASE + k * META_SPAN, k in SEARCH_FIELDS order. */
export const META_BASE = 1 << 20;
export const META_SPAN = 1 << 12;
/** Longest indexed text of a field, in code units (a longer field is indexed up to here). */
export const FIELD_CAP = META_SPAN - 8;
export const FULLTEXT_CAP = META_BASE - 8;
export const FULLTEXT = SEARCH_FIELDS.indexOf('fulltext');

export const fieldBase = (f: number): number => (f === FULLTEXT ? 0 : META_BASE + f * META_SPAN);
export const fieldOfPos = (p: number): number => (p < META_BASE ? FULLTEXT : (p - META_BASE) >>> 12);
export const fieldIndex = (f: SearchField): number => SEARCH_FIELDS.indexOf(f);

/** 1–10 for digits, 11–36 for letters; 0 is "none". */
const sym = (c: number) => (c <= 0x39 ? c - 0x2f : c - 0x56);
export const pairTerm = (a: number, b: number) => ((a << 16) | b) >>> 0;
export const endTerm = (a: number) => (a << 16) >>> 0;
export const gram2 = (a: number, b: number) => GRAM2 + sym(a) * 37 + (b ? sym(b) : 0);
export const gram4 = (a: number, b: number, c: number, d: number) =>
  GRAM4 + ((sym(a) * 37 + sym(b)) * 37 + sym(c)) * 37 + sym(d);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** The six units from `at` as a digit 6-gram, or -1 when they are not all digits. */
function gram6At(u: Uint16Array, at: number, end: number): number {
  if (at + 6 > end) return -1;
  let v = 0;
  for (let k = at; k < at + 6; k++) {
    const c = u[k]!;
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 0x30);
  }
  return GRAM6 + v;
}

/** Terms for all occurrences of one unit: [lo, hi). */
export function unitRange(c: number): [number, number] {
  const { kind } = foldTables();
  if (kind[c] === ASCII) return [GRAM2 + sym(c) * 37, GRAM2 + sym(c) * 37 + 37];
  return [endTerm(c), endTerm(c) + 0x10000];
}

/** Receives a document's terms in position order. */
export interface TermSink {
  add(term: number, pos: number): void;
}

const scratch = { units: new Uint16Array(1 << 16) };

/**
 * Emits the terms of one field's text. `text` is raw: folding and separator collapsing
 * happen here in one pass (this is the indexer's hot loop).
 */
export function emitField(text: string, field: number, sink: TermSink): void {
  const { fold, kind } = foldTables();
  const cap = field === FULLTEXT ? FULLTEXT_CAP : FIELD_CAP;
  if (scratch.units.length < Math.min(text.length, cap) + 1)
    scratch.units = new Uint16Array(Math.min(text.length, cap) + 1);
  const u = scratch.units;
  let n = 0;
  for (let i = 0; i < text.length && n < cap; i++) {
    const c = fold[text.charCodeAt(i)]!;
    if (kind[c] === SEP) {
      if (n > 0 && u[n - 1] !== 0) u[n++] = 0;
    } else u[n++] = c;
  }
  const base = fieldBase(field);
  for (let j = 0; j < n; j++) {
    const c = u[j]!;
    if (c === 0) continue;
    const next = j + 1 < n ? u[j + 1]! : 0;
    const pos = base + j;
    if (kind[c] === ASCII) {
      const nextAscii = next !== 0 && kind[next] === ASCII;
      if (nextAscii) {
        sink.add(gram2(c, next), pos);
        if (j + 3 < n && u[j + 2] && kind[u[j + 2]!] === ASCII && u[j + 3] && kind[u[j + 3]!] === ASCII) {
          sink.add(gram4(c, next, u[j + 2]!, u[j + 3]!), pos);
          if (isDigit(c)) {
            const g6 = gram6At(u, j, n);
            if (g6 >= 0) sink.add(g6, pos);
          }
        }
      } else {
        sink.add(gram2(c, 0), pos);
        sink.add(next === 0 ? endTerm(c) : pairTerm(c, next), pos);
      }
    } else sink.add(next === 0 ? endTerm(c) : pairTerm(c, next), pos);
  }
}

/** One requirement of a query word: `term` (or any term in [term, termHi)) at `offset`. */
export interface Constraint {
  term: number;
  termHi: number;
  offset: number;
}

/**
 * The constraints that hold exactly where the normalised word `q` (separators collapsed
 * to '\u0001', none at either end) occurs. A single unit needs a range of terms.
 */
export function constraintsOf(q: string): Constraint[] {
  const { kind } = foldTables();
  const m = q.length;
  if (m === 0) return [];
  if (m === 1) {
    const [lo, hi] = unitRange(q.charCodeAt(0));
    return [{ term: lo, termHi: hi, offset: 0 }];
  }
  const units = new Uint16Array(m);
  for (let j = 0; j < m; j++) units[j] = q.charCodeAt(j);
  const unit = (j: number) => (j < m ? units[j]! : -1);
  const isAscii = (j: number) => j >= 0 && j < m && kind[unit(j)] === ASCII;
  const out: Constraint[] = [];
  const exact = (term: number, offset: number) => out.push({ term, termHi: term + 1, offset });
  // ASCII stretches of four or more are covered by 4-grams (selective) instead of pairs.
  const inLong = new Uint8Array(m);
  for (let a = 0; a < m;) {
    if (!isAscii(a)) {
      a++;
      continue;
    }
    let b = a;
    while (isAscii(b)) b++;
    if (b - a >= 4) {
      inLong.fill(1, a, b);
      for (let k = a; ; k = Math.min(k + 4, b - 4)) {
        exact(gram4(unit(k), unit(k + 1), unit(k + 2), unit(k + 3)), k);
        if (k === b - 4) break;
      }
      for (let k = a; k + 6 <= b; k++) {
        const g6 = gram6At(units, k, b);
        if (g6 >= 0) exact(g6, k);
      }
    }
    a = b;
  }
  for (let j = 0; j < m; j++) {
    const c = unit(j);
    if (kind[c] === SEP) continue;
    const next = unit(j + 1);
    if (next === -1) {
      // A last character standing alone after a separator ("王芳，北"): any term it starts.
      if (j > 0 && kind[unit(j - 1)] === SEP) {
        const [lo, hi] = unitRange(c);
        out.push({ term: lo, termHi: hi, offset: j });
      }
      break;
    }
    if (kind[next] === SEP) exact(endTerm(c), j);
    else if (isAscii(j) && isAscii(j + 1)) {
      if (!inLong[j]) exact(gram2(c, next), j);
    } else exact(pairTerm(c, next), j);
  }
  return fewestCovering(out, m);
}

/** Units a constraint pins down from its offset: six or four for the long grams, one for a range, else two. */
const spanOf = (c: Constraint): number =>
  c.termHi - c.term > 1
    ? 1
    : c.term >= GRAM6 && c.term < GRAM6 + 1e6
      ? 6
      : c.term >= GRAM4 && c.term < GRAM4 + 37 ** 4
        ? 4
        : 2;

/**
 * The fewest constraints that still pin every unit of the word: "材料存档备查" needs
 * 材料@0, 存档@2 and 备查@4, not the pairs in between, which hold whenever those do.
 * Fewer terms mean fewer posting lists to walk; the matches are the same.
 */
function fewestCovering(all: Constraint[], m: number): Constraint[] {
  const chosen: Constraint[] = [];
  for (let covered = 0; covered < m;) {
    let best: Constraint | null = null;
    for (const c of all)
      if (c.offset <= covered && c.offset + spanOf(c) > (best ? best.offset + spanOf(best) : covered)) best = c;
    if (!best) return all; // a gap no constraint covers: keep them all
    chosen.push(best);
    covered = best.offset + spanOf(best);
  }
  return chosen;
}
