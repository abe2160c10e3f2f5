/**
 * Ruling lines of forms (户籍 registers, 登记表, ledgers). OCR reads a cell better once
 * the rules are gone, and the table's frame locates the form's fields.
 *
 * Rules are found from runs of ink along rows (for horizontal rules; the page is
 * transposed for vertical ones). A rule that is turned 1–2° crosses rows in steps, but
 * each step is still a run of thickness / tan(angle) pixels — 85 px for a 3 px rule at
 * 2° — far longer than a stroke of text is thick. Runs of at least 1 % of the page width
 * that touch from row to row are joined, a straight line is fitted to each group by
 * least squares over its pixels, and collinear pieces (a rule broken by faint printing)
 * or parallel duplicates (a double rule) are merged. What is at least 1/12 of the page
 * long and at most about 1/150 of it thick is a rule.
 */
import type { GreyImage } from './raw';
import { findRuns, groupRuns } from './runs';
import type { Line, Rules } from './lines';
import { type Frame, meets, tableFrame } from './table';

export type { Line, Rules } from './lines';

/** A rule as found, with the share of its length that ink covers (pieces joined across gaps). */
type Found = Line & { cover: number };

/** A group of runs: pixel count and the sums a least-squares fit needs. */
interface Piece {
  /** x is measured from this origin (mid-page) to keep the sums well within double precision. */
  c: number;
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  sxy: number;
  minX: number;
  maxX: number;
  /** Pixels along the rule that are covered (lengths of the pieces merged into it). */
  covered: number;
}

const slope = (p: Piece) => {
  const d = p.n * p.sxx - p.sx * p.sx;
  return d > 0 ? (p.n * p.sxy - p.sx * p.sy) / d : 0;
};
const yAt = (p: Piece, x: number) => {
  const b = slope(p);
  return (p.sy - b * p.sx) / p.n + b * (x - p.c);
};
const thickness = (p: Piece) => p.n / Math.max(1, p.covered);
const MAX_TILT = Math.tan((3.5 * Math.PI) / 180);

function merge(a: Piece, b: Piece): Piece {
  return {
    c: a.c,
    n: a.n + b.n,
    sx: a.sx + b.sx,
    sy: a.sy + b.sy,
    sxx: a.sxx + b.sxx,
    sxy: a.sxy + b.sxy,
    minX: Math.min(a.minX, b.minX),
    maxX: Math.max(a.maxX, b.maxX),
    covered: a.covered + b.covered,
  };
}

/** Pieces of horizontal rules in an ink mask `width` wide. */
function pieces(ink: Uint8Array, width: number, height: number): Piece[] {
  const runs = findRuns(ink, width, height, Math.max(8, Math.round(width / 100)));
  const { group, groups } = groupRuns(runs);
  const c = Math.floor(width / 2);
  const ps: Piece[] = Array.from({ length: groups }, () => ({
    c,
    n: 0,
    sx: 0,
    sy: 0,
    sxx: 0,
    sxy: 0,
    minX: Infinity,
    maxX: -Infinity,
    covered: 0,
  }));
  const sq = (k: number) => (k * (k + 1) * (2 * k + 1)) / 6; // 0² + 1² + … + k²
  for (let r = 0; r < runs.count; r++) {
    const p = ps[group[r]!]!;
    const y = runs.y[r]!;
    const n = runs.x1[r]! - runs.x0[r]!;
    const a = runs.x0[r]! - c;
    const b = a + n - 1;
    const sx = (n * (a + b)) / 2;
    p.n += n;
    p.sx += sx;
    p.sy += n * y;
    p.sxx += sq(b) - sq(a - 1); // holds for negative a and b too
    p.sxy += sx * y;
    p.minX = Math.min(p.minX, runs.x0[r]!);
    p.maxX = Math.max(p.maxX, runs.x1[r]! - 1);
  }
  for (const p of ps) p.covered = p.maxX - p.minX + 1;
  return ps;
}

/** Horizontal rules of an ink mask (1 = ink), at least `minLength` of the width long. */
function horizontalRules(ink: Uint8Array, width: number, height: number, minLength = 1 / 12): Found[] {
  const maxThick = Math.max(8, Math.min(width, height) / 150);
  const maxGap = width / 30;
  let cands = pieces(ink, width, height).filter(
    (p) => p.covered >= width / 50 && thickness(p) <= maxThick && Math.abs(slope(p)) <= MAX_TILT,
  );
  // Merge until nothing changes: pieces on one line with a small gap, or lying on top of each other.
  for (let merged = true; merged;) {
    merged = false;
    cands.sort((a, b) => a.minX - b.minX);
    outer: for (let i = 0; i < cands.length; i++) {
      for (let j = i + 1; j < cands.length; j++) {
        const a = cands[i]!;
        const b = cands[j]!;
        const gap = Math.max(a.minX, b.minX) - Math.min(a.maxX, b.maxX);
        if (gap > maxGap) continue;
        const x = (Math.max(a.minX, b.minX) + Math.min(a.maxX, b.maxX)) / 2;
        if (Math.abs(yAt(a, x) - yAt(b, x)) > Math.max(thickness(a), thickness(b)) + 3) continue;
        cands[i] = merge(a, b);
        cands.splice(j, 1);
        merged = true;
        break outer;
      }
    }
  }
  cands = cands.filter((p) => p.maxX - p.minX + 1 >= width * minLength && thickness(p) <= maxThick);
  return cands
    .map((p) => ({
      x1: p.minX,
      y1: round1(yAt(p, p.minX)),
      x2: p.maxX,
      y2: round1(yAt(p, p.maxX)),
      thickness: round1(thickness(p)),
      cover: p.covered / (p.maxX - p.minX + 1),
    }))
    .sort((a, b) => a.y1 + a.y2 - b.y1 - b.y2);
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Ink of a one-channel page: a binarised page (0/255) or a clean grey one (< 128). */
export function inkOf(page: GreyImage): Uint8Array {
  const ink = new Uint8Array(page.data.length);
  for (let i = 0; i < ink.length; i++) ink[i] = page.data[i]! < 128 ? 1 : 0;
  return ink;
}

export function transpose(m: Uint8Array, width: number, height: number): Uint8Array {
  const t = new Uint8Array(m.length);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) t[x * height + y] = m[y * width + x]!;
  return t;
}

/**
 * Long horizontal and vertical ruling lines; `page` is binarised (0 = ink) or clean grey.
 * `minLength`: the shortest rule as a share of the page's side (cells.ts asks for short
 * ones too, and keeps only those that close a cell).
 */
export function findRules(page: GreyImage, ink: Uint8Array = inkOf(page), minLength = 1 / 12): Rules {
  const { width, height } = page;
  const horizontal = horizontalRules(ink, width, height, minLength);
  const vertical = horizontalRules(transpose(ink, width, height), height, width, minLength)
    .map((l) => ({ x1: l.y1, y1: l.x1, x2: l.y2, y2: l.x2, thickness: l.thickness, cover: l.cover }))
    .sort((a, b) => a.x1 + a.x2 - b.x1 - b.x2);
  // A bold title's horizontal strokes line up into a gappy "rule" (ink over ~70–85 % of
  // it; a printed rule has 90 % and more). Such a line counts only where it meets a rule
  // of the other direction, as a table rule broken under a seal does.
  const solid = (l: Found, across: Found[], h: boolean) =>
    l.cover >= 0.88 || across.some((o) => (h ? meets(l, o) : meets(o, l)));
  const hs = horizontal.filter((h) => solid(h, vertical, true)).map(plain);
  const vs = vertical.filter((v) => solid(v, horizontal, false)).map(plain);
  const frame = tableFrame({ horizontal: hs, vertical: vs });
  if (!frame) return { horizontal: hs, vertical: vs };
  return { horizontal: hs.map((h) => clip(h, frame, true)), vertical: vs.map((v) => clip(v, frame, false)) };
}

const plain = (l: Found): Line => ({ x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, thickness: l.thickness });

/**
 * A table's rule ends at the table's frame: a stroke of the title that lines up with a
 * column's rule a little above the table is joined to it by the gap-bridging above, and
 * removing it with the rule would cut that character. Rules away from the table (an
 * underline below it) stay as found.
 */
function clip(l: Line, f: Frame, horizontal: boolean): Line {
  const tol = Math.max(10, 3 * l.thickness);
  // Work as if horizontal: the frame's span along the rule and across it.
  const [a1, b1, a2, b2] = horizontal ? [l.x1, l.y1, l.x2, l.y2] : [l.y1, l.x1, l.y2, l.x2];
  const [alo, ahi, blo, bhi] = horizontal ? [f.x, f.x + f.w, f.y, f.y + f.h] : [f.y, f.y + f.h, f.x, f.x + f.w];
  const b = (b1 + b2) / 2;
  if (b < blo - tol || b > bhi + tol || (a1 >= alo - tol && a2 <= ahi + tol)) return l;
  const at = (a: number) => round1(b1 + ((a - a1) * (b2 - b1)) / Math.max(1, a2 - a1));
  const c1 = Math.max(a1, Math.round(alo - tol));
  const c2 = Math.min(a2, Math.round(ahi + tol));
  if (c2 <= c1) return l;
  return horizontal
    ? { x1: c1, y1: at(c1), x2: c2, y2: at(c2), thickness: l.thickness }
    : { x1: at(c1), y1: c1, x2: at(c2), y2: c2, thickness: l.thickness };
}
