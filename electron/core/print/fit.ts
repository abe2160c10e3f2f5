/** Fitting text into a cell: wrap at any character (Chinese has no spaces), then shrink. */
import type { Metrics } from './layout-types';

export const PT_MM = 25.4 / 72;
/** Line height as a multiple of the font size. */
export const LEADING = 1.3;
/** Below this size (pt) text is no longer shrunk but cut with …. */
export const MIN_SIZE = 5;

export const lineHeight = (size: number) => size * LEADING * PT_MM;

/** Breaks text into lines no wider than `width` mm (a character wider than the line stands alone). */
export function wrap(text: string, width: number, size: number, m: Metrics): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let w = 0;
    for (const ch of para) {
      const cw = m.width(ch, size);
      if (line && w + cw > width) {
        lines.push(line);
        line = '';
        w = 0;
      }
      line += ch;
      w += cw;
    }
    lines.push(line);
  }
  return lines;
}

/** Cuts a line so that it and a trailing … fit in `width`. */
function ellipsis(line: string, width: number, size: number, m: Metrics): string {
  const chars = Array.from(line);
  while (chars.length && m.width(chars.join('') + '…', size) > width) chars.pop();
  return chars.join('') + '…';
}

export interface Fitted {
  lines: string[];
  size: number;
}

/**
 * The largest size ≤ `size` (in half points, down to MIN_SIZE) at which the wrapped text
 * fits `width` × `height` mm; at MIN_SIZE what still does not fit is cut with …, so text
 * never leaves its box.
 */
export function fit(text: string, width: number, height: number, size: number, m: Metrics): Fitted {
  for (let s = size; s >= MIN_SIZE; s -= 0.5) {
    const lines = wrap(text, width, s, m);
    if (lines.length * lineHeight(s) <= height + 1e-6) return { lines, size: s };
  }
  const s = MIN_SIZE;
  const room = Math.max(1, Math.floor((height + 1e-6) / lineHeight(s)));
  const lines = wrap(text, width, s, m);
  const kept = lines.slice(0, room);
  kept[room - 1] = ellipsis(kept[room - 1] ?? '', width, s, m);
  return { lines: kept, size: s };
}
