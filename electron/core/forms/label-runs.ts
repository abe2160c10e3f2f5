/**
 * The pieces the label reader works with: a page line's characters from a label's end up
 * to the next label, and where lines and labels stand.
 */
import type { LabelHit, PageChar, PageLine } from './label-find';

/** Leading separators between a label and its value (：, :, spaces, a stray rule, the label's closing bracket). */
export const LEAD = /^[\s:：;；,，.。、|丨_\-—）)】]+/u;
/** What ends no value: spaces, separators, and the quote marks and dots dust and rule ends are read as. */
const TRAIL = /^[\s:：;；,，、|丨_“”"'‘’·.。`]$/u;
export const isSpace = (c: string) => /\s/u.test(c);

export interface Run {
  line: PageLine;
  chars: PageChar[];
}

export const idOf = (c: PageChar) => `${c.src}:${c.at}`;

/** Characters from `from` up to the next label's first character. */
export function runFrom(line: PageLine, from: number, labels: Set<string>): PageChar[] {
  const out: PageChar[] = [];
  for (let i = from; i < line.chars.length; i++) {
    const c = line.chars[i]!;
    if (labels.has(idOf(c))) break;
    out.push(c);
  }
  // Drop the separators the label leaves before its value, and spaces at the end.
  while (out.length && LEAD.test(out[0]!.ch)) out.shift();
  while (out.length && TRAIL.test(out.at(-1)!.ch)) out.pop();
  return out;
}

/**
 * A run of only marks, or a lone 一, is a cell's rule or dust read beside an empty value
 * (民族  *, 婚姻状况一), not a value: the value is then looked for in the other places.
 */
export const isValue = (cs: readonly PageChar[]) => {
  const t = cs
    .map((c) => c.ch)
    .join('')
    .replace(/\s/gu, '');
  return /[\p{L}\p{N}]/u.test(t) && t !== '一';
};

export const height = (l: PageLine) => l.bbox.y1 - l.bbox.y0;
export const midY = (l: PageLine) => (l.bbox.y0 + l.bbox.y1) / 2;

export function labelBox(h: LabelHit) {
  const cs = h.line.chars.slice(h.start, h.end);
  const last = cs.at(-1)!;
  // A label broken over two lines ends on the second: its right edge is that line's.
  const lineOfLast = h.line.srcs.length > 1 && last.src !== cs[0]!.src;
  return {
    x0: Math.min(...cs.map((c) => c.x0)),
    x1: Math.max(...cs.map((c) => c.x1)),
    y0: h.line.bbox.y0,
    y1: h.line.bbox.y1,
    endX: last.x1,
    lineOfLast,
  };
}

/** Top to bottom, and left to right among lines of one row (their tops within half a line). */
export const rowOrder = (a: PageLine, b: PageLine, h: number) =>
  Math.abs(a.bbox.y0 - b.bbox.y0) > 0.5 * h ? a.bbox.y0 - b.bbox.y0 : a.bbox.x0 - b.bbox.x0;
