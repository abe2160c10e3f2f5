/**
 * Whether a page really is the form a template describes: its printed labels must be
 * found in the page's text. A title read in the head (or a template the clerk forced on
 * the batch) is not enough on its own: a page of another form, or a letter, would have
 * its zones read as fields that are not there. A page that fails keeps its text as a
 * plain-text page and the reason is stored, so the clerk is told no template matched.
 */
import type { FormTemplate } from '../../contract/forms';
import { type OcrLine, editDistance } from '../ocr';

/** At least this share of the template's printed labels must be on the page. */
export const MIN_LABEL_SHARE = 0.5;
/** Another template whose labels are found this much more often is what the page is. */
const BETTER_BY = 0.25;
/** With fewer usable labels (a template drawn without them) the check cannot judge. */
const MIN_LABELS = 3;

const clean = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '');

/** The template's distinct printed labels, two characters or longer, as compared. */
export const labelsOf = (t: FormTemplate): string[] => [
  ...new Set(t.labels.map((l) => clean(l.text)).filter((l) => [...l].length >= 2)),
];

/** Found in `text` with at most one OCR slip per four characters. */
function found(text: string[], label: string): boolean {
  const n = [...label].length;
  const joined = text.join('');
  if (joined.includes(label)) return true;
  const allowed = Math.floor(n / 4);
  if (allowed === 0) return false;
  for (let i = 0; i + n <= text.length; i++)
    if (editDistance(text.slice(i, i + n).join(''), label) <= allowed) return true;
  return false;
}

export interface LabelShare {
  found: number;
  total: number;
  missing: string[];
}

export function labelShare(lines: readonly OcrLine[], t: FormTemplate): LabelShare {
  const text = [...clean(lines.map((l) => l.text).join(''))];
  const labels = labelsOf(t);
  const missing = labels.filter((l) => !found(text, l));
  return { found: labels.length - missing.length, total: labels.length, missing };
}

const ratio = (s: LabelShare) => (s.total ? s.found / s.total : 0);

/**
 * Null when the page's labels agree with `chosen`; otherwise why not (zh-CN, shown to
 * the clerk and stored with the page).
 */
export function templateMismatch(
  lines: readonly OcrLine[],
  chosen: FormTemplate,
  templates: readonly FormTemplate[],
): string | null {
  const mine = labelShare(lines, chosen);
  if (mine.total < MIN_LABELS) return null;
  const share = ratio(mine);
  const rival = templates
    .filter((t) => t.id !== chosen.id && labelsOf(t).length >= MIN_LABELS)
    .map((t) => ({ t, share: ratio(labelShare(lines, t)) }))
    .sort((a, b) => b.share - a.share)[0];
  const beaten = rival && rival.share >= MIN_LABEL_SHARE && rival.share - share >= BETTER_BY;
  if (share >= MIN_LABEL_SHARE && !beaten) return null;
  const examples = mine.missing
    .slice(0, 3)
    .map((l) => `“${l}”`)
    .join('');
  return (
    `未匹配表单模板：页面上只找到“${chosen.name}”印刷标签 ${mine.found}/${mine.total} 项` +
    (examples ? `（未找到${examples}等）` : '') +
    (beaten ? `，更像“${rival.t.name}”` : '') +
    '，已按普通文字页保存'
  );
}
