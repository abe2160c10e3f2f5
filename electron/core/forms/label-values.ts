/**
 * Taking each found label's value: after the label on its own line (户别：家庭户), in the
 * cell or text run to its right (a ruled form read cell by cell gives the value its own
 * line), or under it, each up to the next label. Addresses and lists of persons go on
 * over the lines below them while those stay in the value's column and close under it.
 */
import type { OcrLine } from '../ocr';
import { DEFAULT_PLACES, MULTI_LINE, type ValuePlace } from './dictionary';
import { type LabelHit, type PageChar, type PageLine, labelChars, pageLine } from './label-find';

export interface TakenValue {
  raw: string;
  /** Mean OCR confidence of the value's characters (0–100); null when nothing was taken. */
  ocr: number | null;
  /** The lowest OCR confidence among them: one doubtful character makes a wrong value. */
  low?: number | null;
  /** Where the value is on the page (pixels); the label's box when no value was found. */
  bbox: { x: number; y: number; w: number; h: number };
  place: ValuePlace | null;
}

/** Leading separators between a label and its value (：, :, spaces, a stray rule, the label's closing bracket). */
const LEAD = /^[\s:：;；,，.。、|丨_\-—）)】]+/u;
/** What ends no value: spaces, separators, and the quote marks dust and rule ends are read as. */
const TRAIL = /^[\s:：;；,，、|丨_“”"'‘’]$/u;
const isSpace = (c: string) => /\s/u.test(c);

interface Run {
  line: PageLine;
  chars: PageChar[];
}

const idOf = (c: PageChar) => `${c.src}:${c.at}`;

/** Characters from `from` up to the next label's first character. */
function runFrom(line: PageLine, from: number, labels: Set<string>): PageChar[] {
  const out: PageChar[] = [];
  for (let i = from; i < line.chars.length; i++) {
    const c = line.chars[i]!;
    if (labels.has(idOf(c))) break;
    out.push(c);
  }
  // Drop the separators the label leaves before its value, and spaces at the end.
  while (out.length && LEAD.test(out[0]!.ch)) out.shift();
  while (out.length && TRAIL.test(out.at(-1)!.ch)) out.pop();
  return out;
}

const height = (l: PageLine) => l.bbox.y1 - l.bbox.y0;
const midY = (l: PageLine) => (l.bbox.y0 + l.bbox.y1) / 2;

function labelBox(h: LabelHit) {
  const cs = h.line.chars.slice(h.start, h.end);
  const last = cs.at(-1)!;
  // A label broken over two lines ends on the second: its right edge is that line's.
  const lineOfLast = h.line.srcs.length > 1 && last.src !== cs[0]!.src;
  return {
    x0: Math.min(...cs.map((c) => c.x0)),
    x1: Math.max(...cs.map((c) => c.x1)),
    y0: h.line.bbox.y0,
    y1: h.line.bbox.y1,
    endX: last.x1,
    lineOfLast,
  };
}

function take(place: ValuePlace, h: LabelHit, lines: PageLine[], labels: Set<string>): Run | null {
  const lb = labelBox(h);
  if (place === 'right') {
    const chars = runFrom(h.line, h.end, labels);
    return chars.length ? { line: h.line, chars } : null;
  }
  if (place === 'next') {
    // The nearest line to the right whose middle lies within the label's height: the next
    // cell. PP-OCR pads its boxes, so the value's box may start a little over the label's end.
    const slack = height(h.line);
    const next = lines
      .filter((l) => !l.srcs.some((s) => h.line.srcs.includes(s)))
      .filter((l) => l.bbox.x0 >= lb.endX - slack && (l.bbox.x0 + l.bbox.x1) / 2 > lb.endX)
      .filter((l) => midY(l) > lb.y0 && midY(l) < lb.y1)
      .sort((a, b) => a.bbox.x0 - b.bbox.x0)[0];
    if (!next) return null;
    const chars = runFrom(next, 0, labels);
    return chars.length ? { line: next, chars } : null;
  }
  const below = lines
    .filter((l) => !l.srcs.some((s) => h.line.srcs.includes(s)))
    .filter((l) => {
      const gap = l.bbox.y0 - lb.y1;
      return gap > -0.3 * height(h.line) && gap < 1.5 * height(h.line) && l.bbox.x1 > lb.x0 && l.bbox.x0 < lb.x1 + 20;
    })
    .sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0)[0];
  if (!below) return null;
  const chars = runFrom(below, 0, labels);
  return chars.length ? { line: below, chars } : null;
}

/** Lines that carry on a multi-line value: under it, in its column, not starting with a label. */
function continuation(first: Run, lines: PageLine[], labels: Set<string>, slack: number): Run[] {
  const runs: Run[] = [];
  let last = first;
  const x0 = Math.min(...first.chars.map((c) => c.x0));
  const x1 = Math.max(...first.chars.map((c) => c.x1));
  for (;;) {
    const h = height(last.line);
    const next = lines
      .filter((l) => l.bbox.y0 > last.line.bbox.y0 + 0.5 * h && l.bbox.y0 - last.line.bbox.y1 < slack * h)
      .filter((l) => l.bbox.x0 < x1 && l.bbox.x1 > x0 && Math.abs(l.bbox.x0 - x0) < 3 * h)
      .sort((a, b) => a.bbox.y0 - b.bbox.y0)[0];
    if (!next || labels.has(idOf(next.chars[0]!))) return runs;
    const chars = runFrom(next, 0, labels);
    if (!chars.length) return runs;
    last = { line: next, chars };
    runs.push(last);
  }
}

const box = (cs: readonly PageChar[], lines: readonly PageLine[]) => {
  const x0 = Math.min(...cs.map((c) => c.x0));
  const x1 = Math.max(...cs.map((c) => c.x1));
  const y0 = Math.min(...lines.map((l) => l.bbox.y0));
  const y1 = Math.max(...lines.map((l) => l.bbox.y1));
  return { x: Math.round(x0), y: Math.round(y0), w: Math.round(x1 - x0), h: Math.round(y1 - y0) };
};

/** Each found label's value, by field key. */
export function takeValues(ocrLines: readonly OcrLine[], hits: readonly LabelHit[]): Map<string, TakenValue> {
  const lines = ocrLines.map((l, i) => pageLine(l, i)).filter((l) => l.chars.some((c) => !isSpace(c.ch)));
  const labels = labelChars(hits);
  const out = new Map<string, TakenValue>();
  for (const h of hits) {
    let first: Run | null = null;
    let place: ValuePlace | null = null;
    for (const p of h.field.at ?? DEFAULT_PLACES) {
      first = take(p, h, lines, labels);
      if (first) {
        place = p;
        break;
      }
    }
    if (!first) {
      const lb = labelBox(h);
      out.set(h.field.key, {
        raw: '',
        ocr: null,
        bbox: {
          x: Math.round(lb.x0),
          y: Math.round(lb.y0),
          w: Math.round(lb.x1 - lb.x0),
          h: Math.round(lb.y1 - lb.y0),
        },
        place: null,
      });
      continue;
    }
    const multi = MULTI_LINE.has(h.field.kind);
    const runs = [
      first,
      ...(multi ? continuation(first, lines, labels, h.field.kind === 'personList' ? 1.2 : 0.9) : []),
    ];
    // A list of persons keeps its columns apart; other values run together as printed.
    const text = (r: Run) =>
      h.field.kind === 'personList'
        ? r.chars.map((c) => c.ch).join('')
        : r.chars
            .filter((c) => !isSpace(c.ch))
            .map((c) => c.ch)
            .join('');
    const chars = runs.flatMap((r) => r.chars).filter((c) => !isSpace(c.ch));
    out.set(h.field.key, {
      raw: runs.map(text).join('\n'),
      ocr: chars.length ? chars.reduce((s, c) => s + c.conf, 0) / chars.length : null,
      low: chars.length ? Math.min(...chars.map((c) => c.conf)) : null,
      bbox: box(
        chars,
        runs.map((r) => r.line),
      ),
      place,
    });
  }
  return out;
}
