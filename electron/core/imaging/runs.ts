/**
 * Horizontal runs of ink and their grouping into connected pieces. Working on runs
 * rather than pixels keeps connected-component analysis fast in plain JavaScript: a
 * 300 dpi page has millions of ink pixels but only a few hundred thousand runs.
 */
import type { InkMask } from './threshold';

/** Runs in row order: run i covers pixels [x0[i], x1[i]) of row y[i]. */
export interface Runs {
  count: number;
  y: Int32Array;
  x0: Int32Array;
  x1: Int32Array;
}

function grow(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n < a.length) return a;
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Collects the runs of ink at least `minLength` pixels long. */
export function findRuns(ink: InkMask, width: number, height: number, minLength = 1): Runs {
  let cap = 1 << 16;
  let y = new Int32Array(cap);
  let x0 = new Int32Array(cap);
  let x1 = new Int32Array(cap);
  let n = 0;
  for (let row = 0; row < height; row++) {
    const base = row * width;
    let x = 0;
    while (x < width) {
      if (!ink[base + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < width && ink[base + x]) x++;
      if (x - start < minLength) continue;
      if (n === cap) {
        y = grow(y, n);
        x0 = grow(x0, n);
        x1 = grow(x1, n);
        cap = y.length;
      }
      y[n] = row;
      x0[n] = start;
      x1[n] = x;
      n++;
    }
  }
  return { count: n, y, x0, x1 };
}

/**
 * Groups runs that touch (8-connected: runs in adjacent rows that overlap or meet at a
 * corner). Returns, for each run, the index of its group, numbered 0…groups−1.
 */
export function groupRuns(runs: Runs): { group: Int32Array; groups: number } {
  const parent = new Int32Array(runs.count);
  for (let i = 0; i < runs.count; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Two cursors walk the previous row's runs and the current row's runs together.
  let prevStart = 0;
  let prevEnd = 0;
  let i = 0;
  while (i < runs.count) {
    const row = runs.y[i]!;
    let end = i;
    while (end < runs.count && runs.y[end] === row) end++;
    if (prevEnd > prevStart && runs.y[prevStart] === row - 1) {
      let p = prevStart;
      for (let c = i; c < end; c++) {
        const a = runs.x0[c]!;
        const b = runs.x1[c]!;
        while (p < prevEnd && runs.x1[p]! < a) p++;
        for (let q = p; q < prevEnd && runs.x0[q]! <= b; q++) {
          const ra = find(c);
          const rb = find(q);
          if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
      }
    }
    prevStart = i;
    prevEnd = end;
    i = end;
  }
  const group = new Int32Array(runs.count);
  const id = new Int32Array(runs.count).fill(-1);
  let groups = 0;
  for (let r = 0; r < runs.count; r++) {
    const root = find(r);
    if (id[root] === -1) id[root] = groups++;
    group[r] = id[root]!;
  }
  return { group, groups };
}
