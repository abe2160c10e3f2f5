/**
 * Where the ink of a small region (a form cell) lies: its bounding box and the bands of
 * rows it occupies, so a cell holding one typed line can be read as one line and a
 * cell of several lines as a block. Rows with only a few dark pixels (JPEG noise, a
 * speck the despeckler left, a rule's last trace) do not count as ink.
 */
import type { GreyImage } from './raw';

export interface InkExtent {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Runs of inked rows, top to bottom. */
  bands: { y0: number; y1: number }[];
}

/**
 * `level`: darker than this is ink. `minRow`: dark pixels a row needs to count.
 * `minGap`: blank rows that split two bands (smaller gaps are inside a line: 二, 三).
 */
export function inkExtent(img: GreyImage, level: number, minRow: number, minGap: number): InkExtent | null {
  const { width, height, data } = img;
  const rowInk = new Uint32Array(height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let n = 0;
    for (let x = 0; x < width; x++) if (data[row + x]! < level) n++;
    rowInk[y] = n;
  }
  const bands: { y0: number; y1: number }[] = [];
  let open = -1;
  let lastInk = -Infinity;
  for (let y = 0; y <= height; y++) {
    const inked = y < height && rowInk[y]! >= minRow;
    if (inked) {
      if (open < 0) open = y;
      else if (y - lastInk > minGap) {
        bands.push({ y0: open, y1: lastInk });
        open = y;
      }
      lastInk = y;
    }
  }
  if (open >= 0) bands.push({ y0: open, y1: lastInk });
  if (bands.length === 0) return null;
  const y0 = bands[0]!.y0;
  const y1 = bands.at(-1)!.y1;
  // The sides from the inked rows only, so a speck in a blank row does not widen the box.
  let x0 = width;
  let x1 = -1;
  for (let y = y0; y <= y1; y++) {
    if (rowInk[y]! < minRow) continue;
    const row = y * width;
    for (let x = 0; x < x0; x++) if (data[row + x]! < level) x0 = x;
    for (let x = width - 1; x > x1; x--) if (data[row + x]! < level) x1 = x;
  }
  return { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1, bands };
}
