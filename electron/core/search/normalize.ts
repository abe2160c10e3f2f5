/**
 * The matching rules' character folding, one table lookup per UTF-16 code unit, shared
 * by the indexer, the query parser, snippets and the reference scan:
 * - compatibility forms fold (NFKC: full-width １２３ / ＡＢ become 123 / ab),
 * - letters fold to lower case,
 * - traditional characters fold to simplified (OpenCC's tables, 信訪 → 信访),
 * - every code unit is a separator, an ASCII letter/digit, or another searchable unit.
 * Conversions that would change a unit into several (ligatures, ㈠) keep the unit.
 */
import * as OpenCC from 'opencc-js/t2cn';

export const SEP = 0;
export const ASCII = 1;
export const WIDE = 2;

export interface FoldTables {
  /** Folded code unit, for each code unit. */
  fold: Uint16Array;
  /** SEP, ASCII or WIDE for each folded code unit. */
  kind: Uint8Array;
}

/** Units at or above this are never searchable (presentation forms, specials, private use): the term encoding uses that space. */
export const FIRST_UNSEARCHABLE = 0xf000;

const SEARCHABLE = /^[\p{L}\p{N}\p{M}]$/u;

function build(): FoldTables {
  const fold = new Uint16Array(65536);
  const kind = new Uint8Array(65536);
  type Convert = (s: string) => string;
  const converters = (['t', 'tw', 'hk'] as const).map((from) =>
    (OpenCC as unknown as { Converter(o: object): Convert }).Converter({ from, to: 'cn' }),
  );
  for (let c = 0; c < 65536; c++) {
    fold[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue; // halves of a pair: kept, classified below
    let s = String.fromCharCode(c).normalize('NFKC');
    if (s.length !== 1) s = String.fromCharCode(c);
    const lower = s.toLowerCase();
    if (lower.length === 1) s = lower;
    if (s.charCodeAt(0) >= 0x2e80) {
      for (const convert of converters) {
        const t = convert(s);
        if (t.length === 1 && t !== s) {
          s = t;
          break;
        }
      }
    }
    fold[c] = s.charCodeAt(0);
  }
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff)
      kind[c] = WIDE; // characters beyond the BMP (rare name characters) are searchable
    else if (c >= FIRST_UNSEARCHABLE || (c >= 0xe000 && c <= 0xf8ff)) kind[c] = SEP;
    else if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) kind[c] = ASCII;
    else if (c < 0x80) kind[c] = SEP;
    else kind[c] = SEARCHABLE.test(String.fromCharCode(c)) ? WIDE : SEP;
  }
  return { fold, kind };
}

let tables: FoldTables | null = null;
/** Built on first use (~0.2 s): 65,536 conversions through OpenCC and Unicode normalisation. */
export function foldTables(): FoldTables {
  return (tables ??= build());
}

/**
 * A text normalised for matching: folded units, and every run of separators collapsed
 * to one '\u0001'. `from[i]` is the index in the original text of normalised unit i
 * (for highlighting); the text may end with a separator, never start with one.
 */
export interface Normalized {
  text: string;
  from: Int32Array;
}

export const SEP_CHAR = '\u0001';

export function normalize(source: string, withMap = false): Normalized {
  const { fold, kind } = foldTables();
  const out = new Uint16Array(source.length);
  const from = withMap ? new Int32Array(source.length + 1) : new Int32Array(0);
  let n = 0;
  let lastSep = true; // a leading separator is dropped, as the indexer does
  for (let i = 0; i < source.length; i++) {
    const c = fold[source.charCodeAt(i)]!;
    if (kind[c] === SEP) {
      if (lastSep) continue;
      lastSep = true;
      if (withMap) from[n] = i;
      out[n++] = 1;
    } else {
      lastSep = false;
      if (withMap) from[n] = i;
      out[n++] = c;
    }
  }
  if (withMap) from[n] = source.length;
  let text = '';
  for (let i = 0; i < n; i += 4096) text += String.fromCharCode(...out.subarray(i, Math.min(n, i + 4096)));
  return { text, from: withMap ? from.subarray(0, n + 1) : from };
}
