/**
 * Which form a page is, without a template: its printed title in the page head, or else
 * the share of each dictionary's fields whose labels are found. And whether a built-in
 * template's layout is the page's: the labels it prints must stand where it draws them
 * (after one common shift). A built-in template whose labels are elsewhere is a hint of
 * the form type only; its zones would read the wrong cells.
 */
import type { FormTemplate } from '../../contract/forms';
import type { OcrLine } from '../ocr';
import { DICTIONARIES, type FieldDictionary } from './dictionary';
import { findApprox, findLabels } from './label-find';

const clean = (s: string) => [...s.replace(/[\s\p{P}\p{S}]/gu, '')];

/** A title in the top third of the page, at most one slip per three characters. */
function titleOf(lines: readonly OcrLine[], pageHeight: number): FieldDictionary | null {
  const head = lines.filter((l) => l.bbox.y1 < pageHeight * 0.35).map((l) => clean(l.text));
  let best: { d: FieldDictionary; cost: number } | null = null;
  let tie = false;
  for (const d of DICTIONARIES)
    for (const title of d.titles) {
      const want = clean(title);
      for (const text of head)
        for (const m of findApprox(text, want, Math.floor(want.length / 3))) {
          const cost = m.cost / want.length;
          if (!best || cost < best.cost) [best, tie] = [{ d, cost }, false];
          else if (cost === best.cost && best.d !== d) tie = true;
        }
    }
  return best && !tie ? best.d : null;
}

/** The share of a dictionary's fields whose label is on the page. */
export const labelShareOf = (lines: readonly OcrLine[], d: FieldDictionary): number =>
  findLabels(lines, d).length / d.fields.length;

/** The page's form type: its title, or the dictionary whose labels are clearly most found. */
export function detectFormType(lines: readonly OcrLine[], pageHeight: number): FieldDictionary | null {
  const byTitle = titleOf(lines, pageHeight);
  if (byTitle) return byTitle;
  const [first, second] = DICTIONARIES.map((d) => ({ d, share: labelShareOf(lines, d) })).sort(
    (a, b) => b.share - a.share,
  );
  if (!first || first.share < 0.5 || (second && first.share - second.share < 0.15)) return null;
  return first.d;
}

/** Below this many labels found, a layout cannot be judged and the template is trusted. */
const MIN_JUDGED = 4;
/** Share of found labels that must lie in their template cell (after the common shift). */
const MIN_IN_PLACE = 0.7;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

/**
 * Whether the page's printed labels stand where `t` draws them: each label found is placed
 * in page millimetres, the median shift between page and template is taken out, and most
 * labels must then fall inside (or within 3 mm of) their template cell. A ruled template
 * does not describe a page without rules ("label：value" lines) at all.
 */
export function layoutAgrees(lines: readonly OcrLine[], t: FormTemplate, dpi: number, ruled: boolean): boolean {
  if (t.frame && !ruled) return false;
  const pxPerMm = dpi / 25.4;
  const pairs: { x: number; y: number; box: FormTemplate['labels'][number]['box'] }[] = [];
  const texts = lines.map((l) => clean(l.text));
  for (const label of t.labels) {
    const want = clean(label.text);
    if (want.length < 2) continue;
    // The line where the label is most of the text: its own cell, not 姓名 inside 户主姓名.
    let best: { l: OcrLine; text: string[]; start: number; end: number; cover: number } | null = null;
    for (const [i, l] of lines.entries()) {
      const text = texts[i]!;
      for (const m of findApprox(text, want, Math.floor(want.length / 4))) {
        const cover = (m.end - m.start) / Math.max(1, text.length);
        if (!best || cover > best.cover) best = { l, text, start: m.start, end: m.end, cover };
      }
    }
    if (!best) continue;
    const { l, text } = best;
    const step = (l.bbox.x1 - l.bbox.x0) / Math.max(1, text.length);
    pairs.push({
      x: (l.bbox.x0 + ((best.start + best.end) / 2) * step) / pxPerMm,
      y: (l.bbox.y0 + l.bbox.y1) / 2 / pxPerMm,
      box: label.box,
    });
  }
  if (pairs.length < MIN_JUDGED) return true;
  const dx = median(pairs.map((p) => p.x - (p.box.x + p.box.w / 2)));
  const dy = median(pairs.map((p) => p.y - (p.box.y + p.box.h / 2)));
  const near = (v: number, lo: number, hi: number) => v >= lo - 3 && v <= hi + 3;
  const inPlace = pairs.filter(
    (p) => near(p.x - dx, p.box.x, p.box.x + p.box.w) && near(p.y - dy, p.box.y, p.box.y + p.box.h),
  ).length;
  return inPlace / pairs.length >= MIN_IN_PLACE;
}
