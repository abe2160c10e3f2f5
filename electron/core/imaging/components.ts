/**
 * Connected pieces of ink with the measures despeckling and blank-page detection judge
 * them by: size, bounding box and how dark they are.
 */
import type { GreyImage } from './raw';
import { findRuns, groupRuns } from './runs';
import type { InkMask } from './threshold';

/** One entry per component, stored column-wise (typed arrays) to stay compact. */
export interface Components {
  count: number;
  area: Int32Array;
  minX: Int32Array;
  minY: Int32Array;
  maxX: Int32Array;
  maxY: Int32Array;
  /** Sum of the grey values of the component's pixels (mean = greySum / area). */
  greySum: Float64Array;
  /** Set by despeckling for components it removed from the page. */
  removed: Uint8Array;
}

export function findComponents(grey: GreyImage, ink: InkMask): Components {
  const { width, height, data } = grey;
  const runs = findRuns(ink, width, height);
  const { group, groups: count } = groupRuns(runs);
  const c: Components = {
    count,
    area: new Int32Array(count),
    minX: new Int32Array(count).fill(width),
    minY: new Int32Array(count).fill(height),
    maxX: new Int32Array(count).fill(-1),
    maxY: new Int32Array(count).fill(-1),
    greySum: new Float64Array(count),
    removed: new Uint8Array(count),
  };
  for (let r = 0; r < runs.count; r++) {
    const g = group[r]!;
    const y = runs.y[r]!;
    const x0 = runs.x0[r]!;
    const x1 = runs.x1[r]!;
    c.area[g]! += x1 - x0;
    if (x0 < c.minX[g]!) c.minX[g] = x0;
    if (x1 - 1 > c.maxX[g]!) c.maxX[g] = x1 - 1;
    if (y < c.minY[g]!) c.minY[g] = y;
    if (y > c.maxY[g]!) c.maxY[g] = y;
    let s = 0;
    for (let i = y * width + x0, end = y * width + x1; i < end; i++) s += data[i]!;
    c.greySum[g]! += s;
  }
  return c;
}

/** Counts ink pixels in a rectangle (inclusive bounds, clipped to the image). */
export function inkIn(
  ink: InkMask,
  width: number,
  height: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  let n = 0;
  for (let y = Math.max(0, y0); y <= Math.min(height - 1, y1); y++) {
    const row = y * width;
    for (let x = Math.max(0, x0); x <= Math.min(width - 1, x1); x++) n += ink[row + x]!;
  }
  return n;
}
