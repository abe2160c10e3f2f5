/**
 * Removes specks: dust on the scanner glass, toner spatter, paper fibres. A speck is a
 * component of a few pixels with no other ink near it. The size limits are far below
 * the smallest mark that carries meaning: at 300 dpi the dot stroke (点) of 10.5 pt
 * 宋体 is about 5×7 px and a full stop (。) a ring 9 px across, while a speck here is at
 * most 8 px in area and 4 px across. The "no ink within 3 px" rule keeps the pieces of a
 * faint stroke that binarisation broke apart, since they lie next to each other.
 */
import { type Components, inkIn } from './components';
import type { GreyImage } from './raw';
import type { InkMask } from './threshold';

export interface DespeckleOptions {
  dpi: number;
  /** Grey value the speck is painted over with (the paper's brightness). */
  paper: number;
}

/** Paints specks over with paper in `grey`, clears them in `ink`, and marks them removed. */
export function despeckle(grey: GreyImage, ink: InkMask, comps: Components, opts: DespeckleOptions): number {
  const { width, height } = grey;
  const scale = opts.dpi / 300;
  const maxArea = Math.max(2, Math.round(8 * scale * scale));
  const maxSide = Math.max(2, Math.round(4 * scale));
  const radius = Math.max(2, Math.round(3 * scale));
  // Decide first, paint after: painting one speck must not make its neighbour look isolated.
  const specks: number[] = [];
  for (let i = 0; i < comps.count; i++) {
    const area = comps.area[i]!;
    const x0 = comps.minX[i]!;
    const y0 = comps.minY[i]!;
    const x1 = comps.maxX[i]!;
    const y1 = comps.maxY[i]!;
    if (area > maxArea || x1 - x0 + 1 > maxSide || y1 - y0 + 1 > maxSide) continue;
    // Its own pixels are all inside its box, so any more ink in the wider box is a neighbour.
    if (inkIn(ink, width, height, x0 - radius, y0 - radius, x1 + radius, y1 + radius) > area) continue;
    specks.push(i);
  }
  for (const i of specks) {
    const x0 = comps.minX[i]!;
    const y0 = comps.minY[i]!;
    const x1 = comps.maxX[i]!;
    const y1 = comps.maxY[i]!;
    // One pixel beyond the box as well, to take the speck's soft edge with it.
    for (let y = Math.max(0, y0 - 1); y <= Math.min(height - 1, y1 + 1); y++) {
      for (let x = Math.max(0, x0 - 1); x <= Math.min(width - 1, x1 + 1); x++) {
        const p = y * width + x;
        ink[p] = 0;
        if (grey.data[p]! < opts.paper) grey.data[p] = opts.paper;
      }
    }
    comps.removed[i] = 1;
  }
  return specks.length;
}
