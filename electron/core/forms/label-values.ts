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

/**
 * A run of only marks, or a lone 一, is a cell's rule or dust read beside an empty value
 * (民族  *, 婚姻状况一), not a value: the value is then looked for in the other places.
 */
const isValue = (cs: readonly PageChar[]) => {
  const t = cs
    .map((c) => c.ch)
    .join('')
    .replace(/\s/gu, '');
  return /[\p{L}\p{N}]/u.test(t) && t !== '一';
};

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

function take(
  place: ValuePlace,
  h: LabelHit,
  lines: PageLine[],
  labels: Set<string>,
  hits: readonly LabelHit[],
): Run | null {
  const lb = labelBox(h);
  if (place === 'right') {
    const chars = runFrom(h.line, h.end, labels);
    return isValue(chars) ? { line: h.line, chars } : null;
  }
  if (place === 'next') {
    // The nearest line to the right whose middle lies within the label's height: the next
    // cell. PP-OCR pads its boxes, so the value's box may start a little over the label's end.
    // A value of several lines (a list of persons) stands above and below a label centred
    // in its tall cell: its line nearest the label's middle, within a line and a half, is
    // where it is taken from (the lines above and below are joined after).
    const slack = height(h.line);
    const reach = MULTI_LINE.has(h.field.kind) ? 1.5 * slack : 0.5 * slack;
    const mid = (lb.y0 + lb.y1) / 2;
    const next = lines
      .filter((l) => !l.srcs.some((s) => h.line.srcs.includes(s)))
      .filter((l) => l.bbox.x0 >= lb.endX - slack && (l.bbox.x0 + l.bbox.x1) / 2 > lb.endX)
      .filter((l) => Math.abs(midY(l) - mid) < reach)
      .sort((a, b) => {
        const d = Math.abs(midY(a) - mid) - Math.abs(midY(b) - mid);
        return Math.abs(d) > 0.5 * slack ? d : a.bbox.x0 - b.bbox.x0;
      })[0];
    if (!next) return null;
    const chars = runFrom(next, 0, labels);
    return chars.length ? { line: next, chars } : null;
  }
  const below = lines
    .filter((l) => !l.srcs.some((s) => h.line.srcs.includes(s)))
    .filter((l) => {
      const gap = l.bbox.y0 - lb.y1;
      if (gap <= -0.3 * height(h.line)) return false;
      if (gap < 1.5 * height(h.line) && l.bbox.x1 > lb.x0 && l.bbox.x0 < lb.x1 + 20) return true;
      // A label centred over its own cell (labels printed above their values) has its value
      // left-aligned under it, beside rather than under the label's characters: anything in
      // the label's column, up to the lines beside the label on its row, counts.
      const col = column(h, lb, lines, labels);
      return col !== null && gap < 3 * height(h.line) && l.bbox.x0 >= col.x0 && l.bbox.x0 < col.x1;
    })
    .sort((a, b) => rowOrder(a, b, height(h.line)))[0];
  // An empty cell's label does not take the value of the row under it, beside its own label.
  if (!below || ownedByOther(below, h, hits)) return null;
  const chars = runFrom(below, 0, labels);
  return chars.length ? { line: below, chars } : null;
}

/** Top to bottom, and left to right among lines of one row (their tops within half a line). */
const rowOrder = (a: PageLine, b: PageLine, h: number) =>
  Math.abs(a.bbox.y0 - b.bbox.y0) > 0.5 * h ? a.bbox.y0 - b.bbox.y0 : a.bbox.x0 - b.bbox.x0;

/**
 * The label's column when its row holds labels only (labels printed above their values):
 * halfway to the labels beside it, or the whole width for a label alone on its row. Null
 * when a value stands on the row — then the value is the one beside, not one below.
 */
function column(
  h: LabelHit,
  lb: ReturnType<typeof labelBox>,
  lines: PageLine[],
  labels: Set<string>,
): { x0: number; x1: number } | null {
  const row = lines.filter((l) => !l.srcs.some((s) => h.line.srcs.includes(s)) && midY(l) > lb.y0 && midY(l) < lb.y1);
  const startsLabel = (l: PageLine) => {
    const c = l.chars.find((x) => !LEAD.test(x.ch));
    return c !== undefined && labels.has(idOf(c));
  };
  // Text after the label on its own line (随迁人员：张三 …) is a value beside it too.
  if (!row.every(startsLabel) || isValue(runFrom(h.line, h.end, labels))) return null;
  const mid = (lb.x0 + lb.x1) / 2;
  const centre = (l: PageLine) => (l.bbox.x0 + l.bbox.x1) / 2;
  const left = Math.max(...row.filter((l) => l.bbox.x1 <= lb.x0).map(centre));
  const right = Math.min(...row.filter((l) => l.bbox.x0 >= lb.x1).map(centre));
  // Halfway between centres: cells of one row are as wide as each other, their labels centred.
  return {
    x0: Number.isFinite(left) ? (left + mid) / 2 : -Infinity,
    x1: Number.isFinite(right) ? (mid + right) / 2 : Infinity,
  };
}

/**
 * A line that belongs to another label: one on that label's row, right of it, or one nearer
 * to another label of the column the value's own label stands in (one field per row: the
 * next row's value is in the same column as this one's; a list of persons centred on its
 * label begins on the row above that label's).
 */
function ownedByOther(l: PageLine, own: LabelHit, hits: readonly LabelHit[]): boolean {
  const h = height(l);
  const left = hits.filter((o) => labelBox(o).x1 <= l.bbox.x0 + h);
  const d = (o: LabelHit) => Math.abs(midY(o.line) - midY(l));
  const nearest = [...left].sort((a, b) => d(a) - d(b))[0];
  if (!nearest || nearest === own) return false;
  return d(nearest) < 0.5 * h || (left.includes(own) && d(nearest) < d(own));
}

/**
 * The other pieces of a value's row: PP-OCR boxes a person's name, relation and ID number
 * apart when they are tabbed apart. Taken left to right up to a line that starts a label.
 */
function rowOf(first: Run, lines: PageLine[], labels: Set<string>, maxGap = Infinity): Run[] {
  const h = height(first.line);
  const out: Run[] = [first];
  // A value that stops short of its line's end (a label follows on it) has no more pieces.
  if (first.chars.at(-1) !== first.line.chars.at(-1)) return out;
  const rest = lines
    .filter(
      (l) => l !== first.line && Math.abs(midY(l) - midY(first.line)) < 0.5 * h && l.bbox.x0 >= first.line.bbox.x1 - h,
    )
    .sort((a, b) => a.bbox.x0 - b.bbox.x0);
  let end = first.line.bbox.x1;
  for (const l of rest) {
    if (labels.has(idOf(l.chars[0]!)) || l.bbox.x0 - end > maxGap * h) break;
    const chars = runFrom(l, 0, labels);
    if (chars.length) out.push({ line: l, chars });
    if (chars.length < l.chars.length) break; // a label began inside it
    end = l.bbox.x1;
  }
  return out;
}

/**
 * The rows of a multi-line value: its first row, the rows under it in its column and, when
 * it was found beside its label rather than under it, the rows over it (a label centred in
 * a tall cell) — never a row that starts with a label or stands beside another one.
 */
function valueRows(
  first: Run,
  place: ValuePlace,
  own: LabelHit,
  lines: PageLine[],
  labels: Set<string>,
  hits: readonly LabelHit[],
  slack: number,
): Run[][] {
  const x0 = Math.min(...first.chars.map((c) => c.x0));
  const x1 = Math.max(...first.chars.map((c) => c.x1));
  const step = (from: Run, dir: 1 | -1): Run | null => {
    const h = height(from.line);
    const next = lines
      .filter((l) =>
        dir > 0
          ? l.bbox.y0 > from.line.bbox.y0 + 0.5 * h && l.bbox.y0 - from.line.bbox.y1 < slack * h
          : l.bbox.y1 < from.line.bbox.y1 - 0.5 * h && from.line.bbox.y0 - l.bbox.y1 < slack * h,
      )
      .filter((l) => l.bbox.x0 < x1 && l.bbox.x1 > x0 && Math.abs(l.bbox.x0 - x0) < 3 * h)
      .sort((a, b) => dir * (a.bbox.y0 - b.bbox.y0))[0];
    if (!next || labels.has(idOf(next.chars[0]!)) || ownedByOther(next, own, hits)) return null;
    if (next.srcs.some((s) => own.line.srcs.includes(s))) return null;
    const chars = runFrom(next, 0, labels);
    return chars.length ? { line: next, chars } : null;
  };
  const rows: Run[][] = [rowOf(first, lines, labels)];
  for (let r = step(first, 1); r; r = step(r, 1)) rows.push(rowOf(r, lines, labels));
  if (place !== 'below') for (let r = step(first, -1); r; r = step(r, -1)) rows.unshift(rowOf(r, lines, labels));
  return rows;
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
      first = take(p, h, lines, labels, hits);
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
    const persons = h.field.kind === 'personList';
    // A value written by hand is boxed in pieces where its characters stand apart: the
    // pieces close beside it on its row are the rest of it.
    const rows = multi
      ? valueRows(first, place!, h, lines, labels, hits, persons ? 1.2 : 0.9)
      : [rowOf(first, lines, labels, 1.5)];
    const runs = rows.flat();
    // A list of persons keeps its columns apart; other values run together as printed.
    const text = (r: Run) =>
      persons
        ? r.chars
            .map((c) => c.ch)
            .join('')
            .trim()
        : r.chars
            .filter((c) => !isSpace(c.ch))
            .map((c) => c.ch)
            .join('');
    const chars = runs.flatMap((r) => r.chars).filter((c) => !isSpace(c.ch));
    out.set(h.field.key, {
      // Pieces of a date stay apart (1979.06 25: the gap was its separator).
      raw: rows.map((row) => row.map(text).join(persons || h.field.kind === 'date' ? ' ' : '')).join('\n'),
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
