/**
 * Blank-page detection for duplex feeders, which scan the empty backs of one-sided
 * pages. A page is blank when it carries no mark that a person made on purpose; paper
 * texture, scanner noise, dust and the other side showing through do not count, but a
 * single short handwritten line, a signature or a stamp does. A page called blank is
 * only flagged for review, never dropped, so the rules lean towards "not blank".
 *
 * The thresholds (for 300 dpi; lengths scale with the dpi):
 * - A margin of 7 % on every side is ignored: punched holes sit 12 mm from the edge and
 *   are 6 mm across (within 15 mm ≈ 7 % of 210 mm), and edges carry shadows and staples.
 * - Ink is found with Sauvola (threshold.ts), then judged by component. A component
 *   counts as a mark only if its mean grey is at least 60 levels below the paper:
 *   ink, pencil and red stamps (in grey about 90) are far below that, while the other
 *   side showing through is a pale grey only 20–45 below the paper.
 * - A mark of 4 mm or more (a written character, a line, a stamp) makes the page not
 *   blank; so do three marks of 1.5 mm or more (short printed or written text), or
 *   marks covering 0.2 % of the inner page (an area of small dots, such as a halftone).
 */
import { type Components, findComponents } from './components';
import type { GreyImage } from './raw';
import { binarize, histogram, paperLevel, type InkMask } from './threshold';

export interface BlankVerdict {
  blank: boolean;
  /** Share of the inner page (margins excluded) covered by marks, 0…1. */
  inkRatio: number;
  /** Number of marks of 1.5 mm or more. */
  marks: number;
}

export const BLANK_MARGIN = 0.07;
const MIN_CONTRAST = 60;
const BIG_MARK_MM = 4;
const SMALL_MARK_MM = 1.5;
const SMALL_MARKS = 3;
const MAX_INK_RATIO = 0.002;

/** Judges a page already binarised and split into components (as processPage does). */
export function judgeBlank(grey: GreyImage, comps: Components, opts: { dpi: number; paper: number }): BlankVerdict {
  const { width, height } = grey;
  const left = width * BLANK_MARGIN;
  const right = width * (1 - BLANK_MARGIN);
  const top = height * BLANK_MARGIN;
  const bottom = height * (1 - BLANK_MARGIN);
  const px = (mm: number) => (mm / 25.4) * opts.dpi;
  const big = px(BIG_MARK_MM);
  const small = px(SMALL_MARK_MM);
  let inkArea = 0;
  let marks = 0;
  let bigMark = false;
  for (let i = 0; i < comps.count; i++) {
    if (comps.removed[i]) continue;
    const cx = (comps.minX[i]! + comps.maxX[i]!) / 2;
    const cy = (comps.minY[i]! + comps.maxY[i]!) / 2;
    if (cx < left || cx > right || cy < top || cy > bottom) continue;
    const area = comps.area[i]!;
    if (opts.paper - comps.greySum[i]! / area < MIN_CONTRAST) continue;
    inkArea += area;
    const extent = Math.max(comps.maxX[i]! - comps.minX[i]!, comps.maxY[i]! - comps.minY[i]!) + 1;
    if (extent >= small) marks++;
    if (extent >= big) bigMark = true;
  }
  const inkRatio = inkArea / Math.max(1, (right - left) * (bottom - top));
  const blank = !bigMark && marks < SMALL_MARKS && inkRatio < MAX_INK_RATIO;
  return { blank, inkRatio, marks };
}

/** Binarises and judges a grey page; `dpi` defaults to 300. */
export function assessBlank(grey: GreyImage, opts: { dpi?: number; ink?: InkMask } = {}): BlankVerdict {
  const dpi = opts.dpi ?? 300;
  const ink = opts.ink ?? binarize(grey, { dpi });
  const paper = paperLevel(histogram(grey));
  return judgeBlank(grey, findComponents(grey, ink), { dpi, paper });
}

export function isBlankPage(grey: GreyImage, opts: { dpi?: number } = {}): boolean {
  return assessBlank(grey, opts).blank;
}
