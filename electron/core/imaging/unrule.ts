/**
 * Removing a form's rules so Tesseract reads the cells (a rule touching a character is
 * read as part of it, or turns a cell into one long "一"). Along each rule, the column
 * of ink across it is looked at pixel by pixel:
 * - ink no thicker than the rule is rule alone, and is painted over (with one pixel of
 *   its soft edge);
 * - ink that runs on beyond one side is a character sitting on the rule: only the rule's
 *   band is painted over, and the stroke keeps everything outside it;
 * - ink that runs on beyond both sides is a stroke crossing the rule and stays whole,
 *   except where another rule crosses (a table's corners and joints), which goes.
 * Pixels are painted with the paper's brightness, so grey pages get no white stripes.
 */
import { encodeGreyPng, type GreyImage, loadGrey } from './raw';
import { findRules, type Line, type Rules } from './rules';
import { intersect } from './table';
import { binarize, histogram, paperLevel } from './threshold';

/** One rule seen along its length: pixel (along, across) of the page is at index(along, across). */
interface Axis {
  along: number;
  across: number;
  index: (along: number, across: number) => number;
}

function clearRule(
  ink: Uint8Array,
  out: Uint8Array,
  paper: number,
  axis: Axis,
  rule: { start: number; end: number; at: (u: number) => number; thickness: number },
  crossed: Uint8Array,
): void {
  const half = Math.ceil(rule.thickness / 2) + 1;
  const isInk = (u: number, v: number) => v >= 0 && v < axis.across && ink[axis.index(u, v)] === 1;
  const paint = (u: number, from: number, to: number) => {
    for (let v = Math.max(0, from); v <= Math.min(axis.across - 1, to); v++) out[axis.index(u, v)] = paper;
  };
  for (let u = Math.max(0, rule.start - 2); u <= Math.min(axis.along - 1, rule.end + 2); u++) {
    const centre = Math.round(rule.at(u));
    let hit = -1;
    for (let k = 0; k <= half && hit < 0; k++) {
      if (isInk(u, centre - k)) hit = centre - k;
      else if (isInk(u, centre + k)) hit = centre + k;
    }
    if (hit < 0) continue;
    let lo = hit;
    let hi = hit;
    while (isInk(u, lo - 1)) lo--;
    while (isInk(u, hi + 1)) hi++;
    const bandLo = centre - half;
    const bandHi = centre + half;
    const before = lo < bandLo - 1;
    const after = hi > bandHi + 1;
    if (crossed[u]) paint(u, Math.max(lo, bandLo), Math.min(hi, bandHi));
    else if (before && after) continue;
    else if (before) paint(u, bandLo, hi + 1);
    else if (after) paint(u, lo - 1, bandHi);
    else paint(u, lo - 1, hi + 1);
  }
}

/** Marks, along a rule, where rules of the other direction cross it. */
function crossings(length: number, cross: (other: Line) => { u: number; ok: boolean }, others: Line[]) {
  const marks = new Uint8Array(length);
  for (const o of others) {
    const { u, ok } = cross(o);
    if (!ok) continue;
    const half = Math.ceil(o.thickness / 2) + 2;
    for (let k = Math.max(0, Math.round(u - half)); k <= Math.min(length - 1, Math.round(u + half)); k++) marks[k] = 1;
  }
  return marks;
}

/** The page with its ruling lines painted over, as a one-channel PNG. */
export async function removeRules(image: GreyImage | Buffer, rules?: Rules): Promise<Buffer> {
  return encodeGreyPng(unruleGrey(Buffer.isBuffer(image) ? await loadGrey(image) : image, rules));
}

/** The page with its ruling lines painted over, as pixels (callers that read zones need them). */
export function unruleGrey(page: GreyImage, rules?: Rules): GreyImage {
  const { width, height } = page;
  const ink = binarize(page);
  const found = rules ?? findRules(page, ink);
  const paper = paperLevel(histogram(page));
  const out = Uint8Array.from(page.data);
  const rows: Axis = { along: width, across: height, index: (u, v) => v * width + u };
  const cols: Axis = { along: height, across: width, index: (u, v) => u * width + v };
  const near = (a: number, lo: number, hi: number) => a >= lo - 4 && a <= hi + 4;
  for (const h of found.horizontal) {
    const b = (h.y2 - h.y1) / Math.max(1, h.x2 - h.x1);
    const crossed = crossings(
      width,
      (v) => {
        const p = intersect(h, v);
        return { u: p.x, ok: near(p.x, h.x1, h.x2) && near(p.y, v.y1, v.y2) };
      },
      found.vertical,
    );
    clearRule(
      ink,
      out,
      paper,
      rows,
      { start: h.x1, end: h.x2, at: (x) => h.y1 + (x - h.x1) * b, thickness: h.thickness },
      crossed,
    );
  }
  for (const v of found.vertical) {
    const b = (v.x2 - v.x1) / Math.max(1, v.y2 - v.y1);
    const crossed = crossings(
      height,
      (h) => {
        const p = intersect(h, v);
        return { u: p.y, ok: near(p.x, h.x1, h.x2) && near(p.y, v.y1, v.y2) };
      },
      found.horizontal,
    );
    clearRule(
      ink,
      out,
      paper,
      cols,
      { start: v.y1, end: v.y2, at: (y) => v.x1 + (y - v.y1) * b, thickness: v.thickness },
      crossed,
    );
  }
  return { data: out, width, height };
}
