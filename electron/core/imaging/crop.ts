/**
 * Cropping to the paper. A flatbed with its lid open, or a page smaller than the glass,
 * leaves dark bands around the paper; they waste space, distract in the viewer and
 * make OCR read noise. The paper is found on a shrunken copy: from each side, lines
 * (rows or columns) that are mostly dark belong to the border, and the first line that
 * is mostly light is the paper's edge. Rows are measured only between the columns found
 * so far and the other way round, twice, so a band on one side does not hide the edge
 * on the next. The crop stops at the paper's edge, never inside it: the page keeps its
 * own white margin.
 */
import { type GreyImage, shrink } from './raw';
import { histogram, paperLevel } from './threshold';

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Darker than this share of the paper's brightness is border (black or grey scanner lids). */
const BORDER_DARKNESS = 0.6;
/** A line with at least this share of border pixels is border. */
const BORDER_LINE = 0.5;
/** Past the edge, lines with this much dark are the paper edge's shadow… */
const SHADOW_LINE = 0.1;
/** …for at most this share of the page. */
const SHADOW_DEPTH = 0.01;
/** Smaller results than this share of the image mean the page is not a light sheet on dark. */
const MIN_PAPER = 0.4;

export const borderThreshold = (paper: number): number => Math.round(paper * BORDER_DARKNESS);

/** The paper's rectangle in the image's pixels; the whole image when there is no border. */
export function findPaper(grey: GreyImage): Rect {
  const whole = { left: 0, top: 0, width: grey.width, height: grey.height };
  const factor = Math.max(1, Math.floor(Math.min(grey.width, grey.height) / 500));
  const small = shrink(grey, factor);
  const { width: w, height: h, data } = small;
  const dark = borderThreshold(paperLevel(histogram(small)));
  const isDark = new Uint8Array(w * h);
  for (let i = 0; i < isDark.length; i++) isDark[i] = data[i]! < dark ? 1 : 0;
  const rowShare = (y: number, x0: number, x1: number) => {
    let n = 0;
    for (let x = x0; x < x1; x++) n += isDark[y * w + x]!;
    return n / Math.max(1, x1 - x0);
  };
  const colShare = (x: number, y0: number, y1: number) => {
    let n = 0;
    for (let y = y0; y < y1; y++) n += isDark[y * w + x]!;
    return n / Math.max(1, y1 - y0);
  };
  // Walks inward from `start` by `dir` while lines are border, then through the edge's shadow.
  const edge = (start: number, dir: number, limit: number, share: (i: number) => number) => {
    let i = start;
    while (i !== limit && share(i) >= BORDER_LINE) i += dir;
    if (i === start) return start;
    for (let k = 0; i !== limit && k < Math.ceil(Math.abs(limit - start) * SHADOW_DEPTH); k++) {
      if (share(i) < SHADOW_LINE) break;
      i += dir;
    }
    return i;
  };
  let [left, right, top, bottom] = [0, w - 1, 0, h - 1];
  for (let pass = 0; pass < 2; pass++) {
    top = edge(0, 1, h - 1, (y) => rowShare(y, left, right + 1));
    bottom = edge(h - 1, -1, top, (y) => rowShare(y, left, right + 1));
    left = edge(0, 1, w - 1, (x) => colShare(x, top, bottom + 1));
    right = edge(w - 1, -1, left, (x) => colShare(x, top, bottom + 1));
  }
  if (left === 0 && top === 0 && right === w - 1 && bottom === h - 1) return whole;
  if ((right - left + 1) * (bottom - top + 1) < MIN_PAPER * w * h) return whole;
  // Back to full size; a side that moved gives up one more shrunken pixel, which may be part edge.
  const x0 = left === 0 ? 0 : (left + 1) * factor;
  const y0 = top === 0 ? 0 : (top + 1) * factor;
  const x1 = right === w - 1 ? grey.width : right * factor;
  const y1 = bottom === h - 1 ? grey.height : bottom * factor;
  return { left: x0, top: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

/**
 * Paints over dark border left along the edges of a cropped page (the corners of a page
 * that was not quite square, the shadow of a dog-ear), spreading only through dark
 * pixels joined to the edge and only within 1 % of the page from it, so text and rules
 * further in are never touched.
 */
export function whitenBorderResidue(img: GreyImage, dark: number, paper: number): void {
  const { width: w, height: h, data } = img;
  const band = Math.max(2, Math.round(Math.min(w, h) * 0.01));
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  const push = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const p = y * w + x;
    if (seen[p] || data[p]! >= dark) return;
    if (Math.min(x, y, w - 1 - x, h - 1 - y) >= band) return;
    seen[p] = 1;
    stack.push(p);
  };
  for (let x = 0; x < w; x++) {
    push(x, 0);
    push(x, h - 1);
  }
  for (let y = 0; y < h; y++) {
    push(0, y);
    push(w - 1, y);
  }
  while (stack.length) {
    const p = stack.pop()!;
    data[p] = paper;
    const x = p % w;
    const y = (p - x) / w;
    push(x + 1, y);
    push(x - 1, y);
    push(x, y + 1);
    push(x, y - 1);
  }
}
