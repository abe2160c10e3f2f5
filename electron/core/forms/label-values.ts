/**
 * Taking each found label's value: after the label on its own line (户别：家庭户), in the
 * cell or text run to its right (a ruled form read cell by cell gives the value its own
 * line), or under it, each up to the next label. Addresses and lists of persons go on
 * over the lines below them while those stay in the value's column and close under it.
 */
import type { OcrLine } from '../ocr';
import { DEFAULT_PLACES, MULTI_LINE, type ValuePlace } from './dictionary';
import { type LabelHit, type PageChar, type PageLine, labelChars, pageLine } from './label-find';
import { besideOther, type Claims, rowOf, valueRows } from './label-rows';
import { height, idOf, isSpace, isValue, labelBox, LEAD, midY, rowOrder, type Run, runFrom } from './label-runs';

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
  if (!below || besideOther(below, h, hits)) return null;
  const chars = runFrom(below, 0, labels);
  return chars.length ? { line: below, chars } : null;
}

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
  // The label's row: lines whose middle is within its height, or that overlap it by a third
  // of their own — the rows of a list of persons straddling a label centred between them.
  const overlap = (l: PageLine) => Math.min(l.bbox.y1, lb.y1) - Math.max(l.bbox.y0, lb.y0);
  const row = lines.filter(
    (l) =>
      !l.srcs.some((s) => h.line.srcs.includes(s)) &&
      ((midY(l) > lb.y0 && midY(l) < lb.y1) || overlap(l) > height(l) / 3),
  );
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
  // First every label's first value line, then the multi-line values around them: a list
  // of persons must not lose its top row to the value of the row above, nor take another's.
  const found = new Map<LabelHit, { first: Run; place: ValuePlace }>();
  for (const h of hits)
    for (const p of h.field.at ?? DEFAULT_PLACES) {
      const first = take(p, h, lines, labels, hits);
      if (first) {
        found.set(h, { first, place: p });
        break;
      }
    }
  const claims: Claims = {
    hits,
    firsts: new Map([...found].map(([h, f]) => [f.first.line, h])),
    centred: [...found].filter(([h, f]) => f.place === 'next' && MULTI_LINE.has(h.field.kind)).map(([h]) => h),
  };
  const out = new Map<string, TakenValue>();
  for (const h of hits) {
    const f = found.get(h);
    out.set(h.field.key, f ? valueOf(h, f.first, f.place, lines, labels, claims) : notFound(h));
  }
  return out;
}

function notFound(h: LabelHit): TakenValue {
  const lb = labelBox(h);
  const bbox = {
    x: Math.round(lb.x0),
    y: Math.round(lb.y0),
    w: Math.round(lb.x1 - lb.x0),
    h: Math.round(lb.y1 - lb.y0),
  };
  return { raw: '', ocr: null, bbox, place: null };
}

function valueOf(
  h: LabelHit,
  first: Run,
  place: ValuePlace,
  lines: PageLine[],
  labels: Set<string>,
  claims: Claims,
): TakenValue {
  const multi = MULTI_LINE.has(h.field.kind);
  const persons = h.field.kind === 'personList';
  // A value written by hand is boxed in pieces where its characters stand apart: the
  // pieces close beside it on its row are the rest of it.
  const rows = multi
    ? valueRows(first, place, h, lines, labels, claims, persons ? 1.2 : 0.9)
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
  return {
    // Pieces of a date stay apart (1979.06 25: the gap was its separator).
    raw: rows.map((row) => row.map(text).join(persons || h.field.kind === 'date' ? ' ' : '')).join('\n'),
    ocr: chars.length ? chars.reduce((s, c) => s + c.conf, 0) / chars.length : null,
    low: chars.length ? Math.min(...chars.map((c) => c.conf)) : null,
    bbox: box(
      chars,
      runs.map((r) => r.line),
    ),
    place,
  };
}
