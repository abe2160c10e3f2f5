/**
 * The cells of a ruled table: the areas that its rules enclose. Rules are drawn into a
 * coarse mask (a quarter of the page's resolution is plenty to separate cells a few
 * millimetres apart), each drawn a little past its ends so a corner printed a touch short
 * still closes; every connected patch of the mask's paper that does not reach the page's
 * edge is a cell. This takes merged cells (an address spanning two columns, a tall cell
 * beside several rows) as they are printed, which pairing rows with columns would not.
 */
import type { GreyImage } from './raw';
import { findRules, type Line, type Rules } from './rules';
import { tableFrame } from './table';

export interface CellBox {
  /** Page pixels, the cell's inside between the rules' centre lines. */
  x: number;
  y: number;
  w: number;
  h: number;
}

const SCALE = 4;

const flip = (l: Line): Line => ({ x1: l.y1, y1: l.x1, x2: l.y2, y2: l.x2, thickness: l.thickness });

/**
 * Segments joining collinear pieces of one rule with a gap of at most `maxGap` between
 * them (a seal dropped out with the rule under it, a stretch printed too faint), so a
 * cell does not leak into its neighbour through the gap.
 */
function bridges(lines: Line[], across: Line[], horizontal: boolean, maxGap: number): Line[] {
  // Work as if horizontal.
  const turn = (l: Line): Line => (horizontal ? l : flip(l));
  const ls = lines.map(turn).sort((p, q) => p.x1 - q.x1);
  const out: Line[] = [];
  for (let i = 0; i < ls.length; i++) {
    const a = ls[i]!;
    // The nearest piece that starts after `a` ends, on the same line.
    const next = ls
      .filter(
        (b) => b.x1 > a.x2 && b.x1 - a.x2 <= maxGap && Math.abs(b.y1 - a.y2) <= Math.max(a.thickness, b.thickness) + 3,
      )
      .sort((p, q) => p.x1 - q.x1)[0];
    if (!next) continue;
    const gap = turn({ x1: a.x2, y1: a.y2, x2: next.x1, y2: next.y1, thickness: 0 });
    // A rule that stops at one crossing rule and goes on from the next is printed that way.
    const onCross = (x: number, y: number) => endsOn({ x, y }, across, !horizontal, 6);
    if (onCross(gap.x1, gap.y1) && onCross(gap.x2, gap.y2)) continue;
    out.push(turn({ x1: a.x2, y1: a.y2, x2: next.x1, y2: next.y1, thickness: Math.min(a.thickness, next.thickness) }));
  }
  return out;
}

/** Whether `end` (a point of a rule) lies on one of `across` (rules of the other direction). */
function endsOn(end: { x: number; y: number }, across: Line[], vertical: boolean, tol: number): boolean {
  return across.some((o) => {
    const tolHere = tol + o.thickness / 2;
    if (vertical) {
      // o is horizontal: its y at end.x, and end.x within its span.
      const y = o.y1 + ((end.x - o.x1) * (o.y2 - o.y1)) / Math.max(1, o.x2 - o.x1);
      return Math.abs(y - end.y) <= tolHere && end.x >= o.x1 - tol && end.x <= o.x2 + tol;
    }
    const x = o.x1 + ((end.y - o.y1) * (o.x2 - o.x1)) / Math.max(1, o.y2 - o.y1);
    return Math.abs(x - end.x) <= tolHere && end.y >= o.y1 - tol && end.y <= o.y2 + tol;
  });
}

/**
 * Short horizontal rules (vertical ones flipped first) that close a cell between two
 * `across` rules: both ends on one, or one end on one and at least half the way to the
 * next, the rest lost under a seal (then drawn on to it).
 */
function closing(cands: Line[], across: Line[], tol: number): Line[] {
  const out: Line[] = [];
  const xOn = (o: Line, y: number) => o.x1 + ((y - o.y1) * (o.x2 - o.x1)) / Math.max(1, o.y2 - o.y1);
  const spans = (o: Line, y: number) => y >= o.y1 - tol && y <= o.y2 + tol;
  for (const c of cands) {
    const startOn = endsOn({ x: c.x1, y: c.y1 }, across, false, tol);
    const endOn = endsOn({ x: c.x2, y: c.y2 }, across, false, tol);
    if (startOn && endOn) out.push(c);
    if (startOn === endOn) continue;
    const [from, free, y] = startOn ? [c.x1, c.x2, c.y2] : [c.x2, c.x1, c.y1];
    const dir = Math.sign(free - from);
    const beyond = across
      .filter((o) => spans(o, y))
      .map((o) => xOn(o, y))
      .filter((x) => (x - free) * dir > 0)
      .sort((a, b) => (a - b) * dir)[0];
    if (beyond === undefined || Math.abs(free - from) < 0.5 * Math.abs(beyond - from)) continue;
    out.push(startOn ? { ...c, x2: beyond } : { ...c, x1: beyond });
  }
  return out;
}

/**
 * The rules with the short ones added that close cells: a one-row divider between a
 * label and its value is shorter than findRules takes for a rule (1/12 of the page,
 * which keeps text strokes out), and without it the label and value would be one cell.
 * A short rule counts only when it sits on long rules of the other direction, which no
 * stroke of text inside a cell does. `ink` is the page's ink mask.
 */
export function withCellRules(page: GreyImage, ink: Uint8Array, long: Rules): Rules {
  const all = findRules(page, ink, 1 / 60);
  const isNew = (l: Line, known: Line[]) =>
    !known.some(
      (k) => Math.abs(k.x1 - l.x1) + Math.abs(k.y1 - l.y1) + Math.abs(k.x2 - l.x2) + Math.abs(k.y2 - l.y2) < 8,
    );
  const tol = 4;
  const horizontal = closing(
    all.horizontal.filter((h) => isNew(h, long.horizontal)),
    long.vertical,
    tol,
  );
  const vertical = closing(
    all.vertical.filter((v) => isNew(v, long.vertical)).map(flip),
    long.horizontal.map(flip),
    tol,
  ).map(flip);
  return { horizontal: [...long.horizontal, ...horizontal], vertical: [...long.vertical, ...vertical] };
}

/** Marks one rule in the coarse mask, `ext` page pixels past each end. */
function drawRule(mask: Uint8Array, mw: number, mh: number, l: Line, horizontal: boolean): void {
  const ext = Math.max(10, 3 * l.thickness);
  const half = l.thickness / 2 + 1;
  const [a0, a1, b0, b1] = horizontal ? [l.x1, l.x2, l.y1, l.y2] : [l.y1, l.y2, l.x1, l.x2];
  const slope = (b1 - b0) / Math.max(1, a1 - a0);
  const along = horizontal ? mw : mh;
  const across = horizontal ? mh : mw;
  for (let u = Math.max(0, Math.floor((a0 - ext) / SCALE)); u <= Math.min(along - 1, (a1 + ext) / SCALE); u++) {
    const centre = b0 + (u * SCALE - a0) * slope;
    const lo = Math.max(0, Math.floor((centre - half) / SCALE));
    const hi = Math.min(across - 1, Math.floor((centre + half) / SCALE));
    for (let v = lo; v <= hi; v++) mask[horizontal ? v * mw + u : u * mw + v] = 1;
  }
}

/**
 * Every cell enclosed by the rules, at least `minSize` page pixels each way (smaller
 * patches are the slivers between a double rule's strokes), top to bottom then left to right.
 */
export function findCells(rules: Rules, width: number, height: number, minSize: number): CellBox[] {
  const mw = Math.ceil(width / SCALE);
  const mh = Math.ceil(height / SCALE);
  const mask = new Uint8Array(mw * mh);
  const frame = tableFrame(rules);
  const maxGap = Math.max(width, height) / 8;
  for (const h of [...rules.horizontal, ...bridges(rules.horizontal, rules.vertical, true, maxGap)])
    drawRule(mask, mw, mh, h, true);
  for (const v of [...rules.vertical, ...bridges(rules.vertical, rules.horizontal, false, maxGap)])
    drawRule(mask, mw, mh, v, false);
  if (frame) {
    // The frame closes the table where its outer rule was lost (under a seal, faint print).
    const t = 2;
    const { x, y, w, h } = frame;
    drawRule(mask, mw, mh, { x1: x, y1: y, x2: x + w, y2: y, thickness: t }, true);
    drawRule(mask, mw, mh, { x1: x, y1: y + h, x2: x + w, y2: y + h, thickness: t }, true);
    drawRule(mask, mw, mh, { x1: x, y1: y, x2: x, y2: y + h, thickness: t }, false);
    drawRule(mask, mw, mh, { x1: x + w, y1: y, x2: x + w, y2: y + h, thickness: t }, false);
  }
  const label = new Int32Array(mw * mh).fill(-1);
  const cells: CellBox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] || label[start]! >= 0) continue;
    let [x0, y0, x1, y1] = [mw, mh, -1, -1];
    let edge = false;
    label[start] = start;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % mw;
      const y = (i - x) / mw;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      if (x === 0 || y === 0 || x === mw - 1 || y === mh - 1) edge = true;
      for (const j of [x > 0 ? i - 1 : -1, x < mw - 1 ? i + 1 : -1, y > 0 ? i - mw : -1, y < mh - 1 ? i + mw : -1])
        if (j >= 0 && !mask[j] && label[j]! < 0) {
          label[j] = start;
          stack.push(j);
        }
    }
    const box = { x: x0 * SCALE, y: y0 * SCALE, w: (x1 - x0 + 1) * SCALE, h: (y1 - y0 + 1) * SCALE };
    if (!edge && box.w >= minSize && box.h >= minSize) cells.push(box);
  }
  return cells.sort((a, b) => a.y - b.y || a.x - b.x);
}
