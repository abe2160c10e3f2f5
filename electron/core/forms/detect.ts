/**
 * Which form a page is: its printed title, read from the head of the page, matched to
 * the templates' titles (an OCR slip or two still matches). When the title is lost (a
 * seal over it, a torn corner), the printed labels decide: the template whose labels
 * are found on the page clearly more than any other's. A tie leaves the choice to the clerk.
 */
import type { FormTemplate } from '../../contract/forms';
import { type OcrLine, editDistance } from '../ocr';

const clean = (s: string) => s.replace(/[\s\p{P}]/gu, '');

/** The smallest edit distance between `title` and any same-length window of `line`. */
function windowDistance(line: string, title: string): number {
  const l = [...line];
  const n = [...title].length;
  if (l.length <= n) return editDistance(line, title);
  let best = Infinity;
  for (let i = 0; i + n <= l.length; i++) best = Math.min(best, editDistance(l.slice(i, i + n).join(''), title));
  return best;
}

export function detectTemplate(
  lines: OcrLine[],
  templates: readonly FormTemplate[],
  pageHeight: number,
): FormTemplate | null {
  const head = lines
    .filter((l) => l.bbox.y1 < pageHeight * 0.3)
    .map((l) => clean(l.text))
    .filter(Boolean);
  let best: FormTemplate | null = null;
  let bestScore = Infinity;
  let tie = false;
  for (const t of templates) {
    for (const title of t.titles) {
      const allowed = Math.floor([...title].length / 3);
      for (const text of head) {
        const d = windowDistance(text, title);
        if (d > allowed) continue;
        const score = d / [...title].length;
        if (score < bestScore) [best, bestScore, tie] = [t, score, false];
        else if (score === bestScore && best && best.id !== t.id) tie = true;
      }
    }
  }
  if (best && !tie) return best;
  return byLabels(lines, templates);
}

function byLabels(lines: OcrLine[], templates: readonly FormTemplate[]): FormTemplate | null {
  const text = clean(lines.map((l) => l.text).join(''));
  const scored = templates
    .map((t) => {
      const labels = [...new Set(t.labels.map((l) => clean(l.text)).filter((l) => l.length >= 2))];
      const found = labels.filter((l) => text.includes(l)).length;
      return { t, ratio: labels.length ? found / labels.length : 0 };
    })
    .sort((a, b) => b.ratio - a.ratio);
  const [first, second] = scored;
  if (!first || first.ratio < 0.6 || (second && first.ratio - second.ratio < 0.2)) return null;
  return first.t;
}
