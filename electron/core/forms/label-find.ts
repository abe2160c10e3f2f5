/**
 * Finding printed labels in a page's recognised lines, without a template: each label of
 * a field dictionary is matched approximately (an OCR slip per three characters, a known
 * look-alike counting half), with or without its colon, and also across two lines when a
 * narrow cell broke it. Every character keeps its box and confidence, so the value taken
 * after a label (label-values.ts) knows where it stands and how sure the engine was.
 */
import type { OcrLine } from '../ocr';
import type { DictField, FieldDictionary } from './dictionary';
import { LOOKALIKE_PAIRS } from './vocab';

export interface PageChar {
  ch: string;
  conf: number;
  x0: number;
  x1: number;
  /** Which recognised line it came from, and its index there. */
  src: number;
  at: number;
}

export interface PageLine {
  chars: PageChar[];
  bbox: { x0: number; y0: number; x1: number; y1: number };
  /** The recognised lines it is made of (two for a label broken over two lines). */
  srcs: number[];
}

export interface LabelHit {
  field: DictField;
  /** The label as printed in the dictionary, and as read on the page. */
  label: string;
  read: string;
  line: PageLine;
  /** Character range [start, end) in `line.chars`. */
  start: number;
  end: number;
  /** 1 for an exact match, falling with each slip. */
  quality: number;
}

const SKIP = /[\s\p{P}\p{S}]/u;
const isSpace = (c: string) => /\s/u.test(c);
const LOOK = new Set(LOOKALIKE_PAIRS.flatMap(([a, b]) => [a + b, b + a]));

/** The characters of a line with their x extent: from its words when they add up, else spread evenly. */
export function pageLine(l: OcrLine, src: number): PageLine {
  const text = [...l.text];
  // A word's spaces take their share of its width but are no characters of it: PP-OCR gives
  // the whole line as one word, spaces and all, and the line's own spaces are placed below.
  const fromWords = l.words.flatMap((w) =>
    [...w.text]
      .map((ch, i, all) => {
        const step = (w.bbox.x1 - w.bbox.x0) / Math.max(1, all.length);
        return { ch, conf: w.confidence, x0: w.bbox.x0 + i * step, x1: w.bbox.x0 + (i + 1) * step };
      })
      .filter((c) => !isSpace(c.ch)),
  );
  const strip = (s: string[]) => s.filter((c) => !isSpace(c)).join('');
  let chars: Omit<PageChar, 'src' | 'at'>[];
  if (fromWords.length && strip(fromWords.map((c) => c.ch)) === strip(text)) {
    // Spaces of the line text are kept (they separate a value from the next label), placed in the gap.
    let k = 0;
    chars = text.map((ch) => {
      if (isSpace(ch)) {
        const x = fromWords[k]?.x0 ?? l.bbox.x1;
        return { ch, conf: l.confidence, x0: x, x1: x };
      }
      return fromWords[k++]!;
    });
  } else {
    const step = (l.bbox.x1 - l.bbox.x0) / Math.max(1, text.length);
    chars = text.map((ch, i) => ({ ch, conf: l.confidence, x0: l.bbox.x0 + i * step, x1: l.bbox.x0 + (i + 1) * step }));
  }
  return { chars: chars.map((c, at) => ({ ...c, src, at })), bbox: { ...l.bbox }, srcs: [src] };
}

/**
 * The page's lines, and for each line with another directly under it in the same column
 * (a narrow label cell printing 何时由何地迁来 / 本市（县）), the two joined.
 */
export function pageLines(lines: readonly OcrLine[]): { lines: PageLine[]; joined: PageLine[] } {
  const single = lines.map((l, i) => pageLine(l, i)).filter((l) => l.chars.some((c) => !isSpace(c.ch)));
  const joined: PageLine[] = [];
  for (const a of single)
    for (const b of single) {
      if (a === b) continue;
      const h = a.bbox.y1 - a.bbox.y0;
      const gap = b.bbox.y0 - a.bbox.y1;
      const overlap = Math.min(a.bbox.x1, b.bbox.x1) - Math.max(a.bbox.x0, b.bbox.x0);
      const narrow = Math.min(a.bbox.x1 - a.bbox.x0, b.bbox.x1 - b.bbox.x0);
      if (gap < -0.3 * h || gap > 0.8 * h || overlap < 0.5 * narrow) continue;
      joined.push({
        chars: [...a.chars, ...b.chars],
        bbox: {
          x0: Math.min(a.bbox.x0, b.bbox.x0),
          y0: a.bbox.y0,
          x1: Math.max(a.bbox.x1, b.bbox.x1),
          y1: b.bbox.y1,
        },
        srcs: [...a.srcs, ...b.srcs],
      });
    }
  return { lines: single, joined };
}

/** Slips allowed in a label of `n` characters: two-character labels only a look-alike. */
export const allowedSlips = (n: number): number => (n <= 2 ? 0.5 : Math.floor(n / 3));

interface Match {
  start: number;
  end: number;
  cost: number;
}

/**
 * Approximate substring matching (Sellers): every place `label` ends in `text` at the
 * lowest cost up to `allowed`, with where it starts. Substituting a look-alike costs half.
 */
export function findApprox(text: readonly string[], label: readonly string[], allowed: number): Match[] {
  const n = label.length;
  const m = text.length;
  if (n === 0 || m === 0) return [];
  // cost and start per column, row by row over the label.
  let cost = new Float64Array(m + 1);
  let start = Int32Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const c2 = new Float64Array(m + 1);
    const s2 = new Int32Array(m + 1);
    c2[0] = i;
    s2[0] = 0;
    for (let j = 1; j <= m; j++) {
      const a = label[i - 1]!;
      const b = text[j - 1]!;
      const sub = a === b ? 0 : LOOK.has(a + b) ? 0.5 : 1;
      const options: [number, number][] = [
        [cost[j - 1]! + sub, start[j - 1]!],
        [cost[j]! + 1, start[j]!],
        [c2[j - 1]! + 1, s2[j - 1]!],
      ];
      const best = options.reduce((x, y) => (y[0] < x[0] ? y : x));
      c2[j] = best[0];
      s2[j] = best[1];
    }
    cost = c2;
    start = s2;
  }
  // Every end within reach, best first (fewest slips, then the length nearest the label's);
  // overlapping ends of one occurrence give way to its best.
  const all: Match[] = [];
  for (let j = 1; j <= m; j++) {
    const c = cost[j]!;
    if (c <= allowed && j - start[j]! >= Math.ceil(n / 2)) all.push({ start: start[j]!, end: j, cost: c });
  }
  all.sort(
    (a, b) => a.cost - b.cost || Math.abs(a.end - a.start - n) - Math.abs(b.end - b.start - n) || a.start - b.start,
  );
  const out: Match[] = [];
  for (const c of all) if (!out.some((o) => c.start < o.end && o.start < c.end)) out.push(c);
  return out.sort((a, b) => a.start - b.start);
}

interface Candidate extends LabelHit {
  score: number;
  joined: boolean;
}

/** The characters that are compared (no spaces or punctuation), with their index in the line. */
function core(line: PageLine): { text: string[]; index: number[] } {
  const text: string[] = [];
  const index: number[] = [];
  line.chars.forEach((c, i) => {
    if (!SKIP.test(c.ch)) {
      text.push(c.ch);
      index.push(i);
    }
  });
  return { text, index };
}

/** A label stands at a boundary: the line's start, or after a space, colon or other punctuation. */
const startsClean = (line: PageLine, i: number) => i === 0 || SKIP.test(line.chars[i - 1]!.ch);
const endsClean = (line: PageLine, i: number) => i >= line.chars.length || SKIP.test(line.chars[i]!.ch);

function candidates(dict: FieldDictionary, line: PageLine, joined: boolean): Candidate[] {
  const { text, index } = core(line);
  const out: Candidate[] = [];
  for (const field of dict.fields)
    for (const label of field.labels) {
      const want = [...label].filter((c) => !SKIP.test(c));
      for (const m of findApprox(text, want, allowedSlips(want.length))) {
        const start = index[m.start]!;
        const end = index[m.end - 1]! + 1;
        // A label broken over two lines must straddle the break; otherwise the line alone has it.
        if (joined) {
          const first = line.chars.findIndex((c) => c.src !== line.chars[0]!.src);
          if (!(start < first && end > first)) continue;
        }
        const read = line.chars
          .slice(start, end)
          .map((c) => c.ch)
          .join('');
        const quality = Math.max(0, 1 - m.cost / want.length);
        const score = m.cost + (startsClean(line, start) ? 0 : 0.3) + (endsClean(line, end) ? 0 : 0.1);
        out.push({ field, label, read, line, start, end, quality, score, joined });
      }
    }
  return out;
}

const charIds = (h: { line: PageLine; start: number; end: number }) =>
  h.line.chars.slice(h.start, h.end).map((c) => `${c.src}:${c.at}`);

/**
 * The dictionary's labels found on the page, at most one per field. The best matches are
 * taken first (fewest slips, then the longest label), and no two labels share a character:
 * 户主姓名 takes its characters before 姓名 can, and 出生日期 before 出生地 misreads it.
 */
export function findLabels(lines: readonly OcrLine[], dict: FieldDictionary): LabelHit[] {
  return claimLabels(lines, dict, true);
}

/**
 * Every place a label of the dictionary stands, a field as often as it is printed (two
 * persons' forms on one page print each label twice), claimed as findLabels does.
 */
export function findLabelsEverywhere(lines: readonly OcrLine[], dict: FieldDictionary): LabelHit[] {
  return claimLabels(lines, dict, false);
}

function claimLabels(lines: readonly OcrLine[], dict: FieldDictionary, oncePerField: boolean): LabelHit[] {
  const page = pageLines(lines);
  const all = [
    ...page.lines.flatMap((l) => candidates(dict, l, false)),
    ...page.joined.flatMap((l) => candidates(dict, l, true)),
  ].sort(
    (a, b) =>
      a.score - b.score ||
      b.label.length - a.label.length ||
      a.line.bbox.y0 - b.line.bbox.y0 ||
      a.line.bbox.x0 - b.line.bbox.x0,
  );
  const taken = new Set<string>();
  const done = new Set<string>();
  const hits: LabelHit[] = [];
  for (const c of all) {
    if (oncePerField && done.has(c.field.key)) continue;
    const ids = charIds(c);
    if (ids.some((id) => taken.has(id))) continue;
    ids.forEach((id) => taken.add(id));
    done.add(c.field.key);
    hits.push({
      field: c.field,
      label: c.label,
      read: c.read,
      line: c.line,
      start: c.start,
      end: c.end,
      quality: c.quality,
    });
  }
  return hits;
}

/** Every character any found label uses, by `src:at`: a value stops where the next label starts. */
export const labelChars = (hits: readonly LabelHit[]): Set<string> => new Set(hits.flatMap(charIds));
