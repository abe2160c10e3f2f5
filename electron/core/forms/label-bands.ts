/**
 * More than one person on a page: two 常住人口登记表 (or 居住证申请表, …) printed one above
 * the other print every label twice, once in each person's band. The label reader takes
 * one value per field, so such a page is first cut into horizontal bands, one per person,
 * each read by itself. A label merely repeated — a heading naming a field, a second form
 * of another type sharing 姓名 and 性别, a list of companions under its own column heads —
 * repeats too few of the form's labels to be a second person, and the page stays whole.
 */
import type { OcrLine } from '../ocr';
import type { FieldDictionary } from './dictionary';
import { findLabelsEverywhere } from './label-find';

/** At most this many persons on a page (two are usual; a four-up card sheet is the most seen). */
const MAX_PERSONS = 4;
/** At least this many fields' labels on both sides of a cut… */
const MIN_REPEATED = 4;
/** …and this share of the labels found on the richer side: a second person repeats nearly all. */
const MIN_REPEATED_SHARE = 0.6;

const mid = (b: { y0: number; y1: number }) => (b.y0 + b.y1) / 2;

interface Placed {
  key: string;
  y: number;
}

/**
 * Where to cut between the first person and the rest (a y on the page), or null when the
 * labels do not repeat as a second person's would. Of the cuts that leave the most labels
 * on both sides, the topmost run is taken (the first person ends there), and within it the
 * widest gap between lines (the space between two printed forms, not between two rows).
 */
function firstCut(labels: readonly Placed[], lineMids: readonly number[]): number | null {
  const ys = [...new Set(lineMids)].sort((a, b) => a - b);
  let best = 0;
  let run: { cut: number; gap: number }[] = [];
  let inRun = false;
  for (let i = 1; i < ys.length; i++) {
    const cut = (ys[i - 1]! + ys[i]!) / 2;
    const above = new Set(labels.filter((h) => h.y < cut).map((h) => h.key));
    const below = new Set(labels.filter((h) => h.y >= cut).map((h) => h.key));
    const both = [...above].filter((k) => below.has(k)).length;
    const ok = both >= MIN_REPEATED && both >= MIN_REPEATED_SHARE * Math.max(above.size, below.size);
    const score = ok ? both : 0;
    const gap = ys[i]! - ys[i - 1]!;
    if (score > best) {
      best = score;
      run = [{ cut, gap }];
      inRun = true;
    } else if (score === best && score > 0 && inRun) run.push({ cut, gap });
    else inRun = false;
  }
  if (!run.length) return null;
  return run.reduce((a, b) => (b.gap > a.gap ? b : a)).cut;
}

/**
 * The page's lines in one band per person, top to bottom, when the dictionary's labels
 * repeat as further persons' would; null for a page of one person (read it whole).
 */
export function personBands(lines: readonly OcrLine[], dict: FieldDictionary): OcrLine[][] | null {
  const labels: Placed[] = findLabelsEverywhere(lines, dict).map((h) => ({ key: h.field.key, y: mid(h.line.bbox) }));
  const mids = lines.map((l) => mid(l.bbox));
  const cuts: number[] = [];
  let from = -Infinity;
  while (cuts.length < MAX_PERSONS - 1) {
    const cut = firstCut(
      labels.filter((h) => h.y >= from),
      mids.filter((y) => y >= from),
    );
    if (cut === null) break;
    cuts.push(cut);
    from = cut;
  }
  if (!cuts.length) return null;
  const bounds = [-Infinity, ...cuts, Infinity];
  return cuts
    .concat(Infinity)
    .map((_, i) => lines.filter((l, j) => mids[j]! >= bounds[i]! && mids[j]! < bounds[i + 1]!));
}
