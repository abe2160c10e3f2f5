/**
 * Values of more than one line, or in more than one piece: the rows of an address or a
 * list of persons in its cell — under the first row and, in a tall cell beside a label
 * centred in it, over it too — and the pieces a row is boxed in. A row stops at whatever
 * another label holds.
 */
import type { ValuePlace } from './dictionary';
import type { LabelHit, PageLine } from './label-find';
import { height, idOf, labelBox, midY, type Run, runFrom } from './label-runs';

/** A line on another label's row, right of that label: that label's value. */
export function besideOther(l: PageLine, own: LabelHit, hits: readonly LabelHit[]): boolean {
  const h = height(l);
  return hits.some((o) => o !== own && Math.abs(midY(o.line) - midY(l)) < 0.5 * h && labelBox(o).x1 <= l.bbox.x0 + h);
}

/** What the other labels hold, for a multi-line value not to run into it. */
export interface Claims {
  hits: readonly LabelHit[];
  /** Each label's first value line (where it was found beside or under the label). */
  firsts: ReadonlyMap<PageLine, LabelHit>;
  /** Multi-line values found in the cell beside their label, which may reach above it. */
  centred: readonly LabelHit[];
}

/**
 * A line that belongs to another label: its first value line, one on its row, or one
 * nearer to another label whose multi-line value stands beside it in a tall cell (a list
 * of persons centred on its label begins on the row above that label's). One field per
 * row puts the next row's value in this one's column: those rows have labels of their own.
 */
function ownedByOther(l: PageLine, own: LabelHit, claims: Claims): boolean {
  const owner = claims.firsts.get(l);
  if (owner && owner !== own) return true;
  if (besideOther(l, own, claims.hits)) return true;
  const h = height(l);
  const d = (o: LabelHit) => Math.abs(midY(o.line) - midY(l));
  return claims.centred.some((o) => o !== own && labelBox(o).x1 <= l.bbox.x0 + h && d(o) < d(own));
}

/**
 * The other pieces of a value's row: PP-OCR boxes a person's name, relation and ID number
 * apart when they are tabbed apart. Taken left to right up to a line that starts a label.
 */
export function rowOf(first: Run, lines: PageLine[], labels: Set<string>, maxGap = Infinity): Run[] {
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
export function valueRows(
  first: Run,
  place: ValuePlace,
  own: LabelHit,
  lines: PageLine[],
  labels: Set<string>,
  claims: Claims,
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
    if (!next || labels.has(idOf(next.chars[0]!)) || ownedByOther(next, own, claims)) return null;
    if (next.srcs.some((s) => own.line.srcs.includes(s))) return null;
    const chars = runFrom(next, 0, labels);
    return chars.length ? { line: next, chars } : null;
  };
  const rows: Run[][] = [rowOf(first, lines, labels)];
  for (let r = step(first, 1); r; r = step(r, 1)) rows.push(rowOf(r, lines, labels));
  // Only a value in the cell beside its label may stand above it: one after the label on its
  // own line ("label：value") or under it begins there.
  if (place === 'next') for (let r = step(first, -1); r; r = step(r, -1)) rows.unshift(rowOf(r, lines, labels));
  return rows;
}
