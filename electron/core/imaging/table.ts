/**
 * The frame of a ruled table: the rectangle of its outermost rules. Rules belong to
 * one table when they cross or meet; the largest table with at least two rules each
 * way wins, so underlines and a signature line elsewhere on the page do not count.
 */
import type { Line, Rules } from './lines';

export interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where a horizontal and a vertical rule's centre lines (extended) meet. */
export function intersect(h: Line, v: Line): { x: number; y: number } {
  const bh = (h.y2 - h.y1) / Math.max(1, h.x2 - h.x1);
  const bv = (v.x2 - v.x1) / Math.max(1, v.y2 - v.y1);
  // y = h.y1 + (x − h.x1)·bh and x = v.x1 + (y − v.y1)·bv, solved for x.
  const x = (v.x1 + (h.y1 - h.x1 * bh - v.y1) * bv) / (1 - bh * bv);
  return { x, y: h.y1 + (x - h.x1) * bh };
}

/** Whether two rules meet, allowing a corner that stops a little short (broken print). */
export function meets(h: Line, v: Line): boolean {
  const tol = Math.max(10, 3 * Math.max(h.thickness, v.thickness), 0.01 * Math.max(h.x2 - h.x1, v.y2 - v.y1));
  const { x, y } = intersect(h, v);
  return x >= h.x1 - tol && x <= h.x2 + tol && y >= v.y1 - tol && y <= v.y2 + tol;
}

/**
 * The outer frame of the largest table, on the centre lines of its outermost rules taken
 * at their middles (so a slightly turned table gives the frame it has when straightened);
 * null when no two horizontal rules meet two vertical ones.
 */
export function tableFrame(rules: Rules): Frame | null {
  const { horizontal: hs, vertical: vs } = rules;
  const parent = Array.from({ length: hs.length + vs.length }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  hs.forEach((h, i) =>
    vs.forEach((v, j) => {
      if (meets(h, v)) parent[find(i)] = find(hs.length + j);
    }),
  );
  const tables = new Map<number, { h: Line[]; v: Line[] }>();
  const table = (i: number) => {
    const root = find(i);
    if (!tables.has(root)) tables.set(root, { h: [], v: [] });
    return tables.get(root)!;
  };
  hs.forEach((h, i) => table(i).h.push(h));
  vs.forEach((v, j) => table(hs.length + j).v.push(v));
  let best: Frame | null = null;
  for (const { h, v } of tables.values()) {
    if (h.length < 2 || v.length < 2) continue;
    const ys = h.map((l) => (l.y1 + l.y2) / 2);
    const xs = v.map((l) => (l.x1 + l.x2) / 2);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    const frame = {
      x: Math.round(x),
      y: Math.round(y),
      w: Math.round(Math.max(...xs) - x),
      h: Math.round(Math.max(...ys) - y),
    };
    if (!best || frame.w * frame.h > best.w * best.h) best = frame;
  }
  return best;
}
