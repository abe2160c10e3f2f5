/**
 * Reading order for a ruled form. With the table rules removed, Tesseract's layout
 * analysis often takes a column of cells as one block, so the right-hand cells of every
 * row (性别, 籍贯, 与户主关系 …) come out after the whole left column. A form is read
 * row by row: lines whose vertical middles fall in the same band form one row, read
 * left to right. Prose pages keep Tesseract's own order.
 */
import type { OcrLine } from './pool';

export function rowMajorText(lines: readonly OcrLine[]): string {
  const live = lines.filter((l) => l.text.trim());
  const byMiddle = [...live].sort((a, b) => mid(a) - mid(b));
  const rows: { top: number; bottom: number; lines: OcrLine[] }[] = [];
  for (const l of byMiddle) {
    const row = rows.at(-1);
    // Same row when this line's middle lies inside the row's band.
    if (row && mid(l) <= row.bottom && mid(l) >= row.top) {
      row.lines.push(l);
      row.top = Math.min(row.top, l.bbox.y0);
      row.bottom = Math.max(row.bottom, l.bbox.y1);
    } else rows.push({ top: l.bbox.y0, bottom: l.bbox.y1, lines: [l] });
  }
  return rows
    .map((r) =>
      r.lines
        .sort((a, b) => a.bbox.x0 - b.bbox.x0)
        .map((l) => l.text.trim())
        .join(' '),
    )
    .join('\n');
}

const mid = (l: OcrLine): number => (l.bbox.y0 + l.bbox.y1) / 2;
