/**
 * Label stock: where each label of a sheet lies on the paper. The A4 sheets are the common
 * 3×8 (70×37 mm, no side margin, 0.5 mm top and bottom) and 2×5 (105×57 mm, 6 mm top and
 * bottom); a roll printer takes one label a page, its size a setting. The clerk's measured
 * offset moves everything printed on that sheet kind (the printer's feed, not the layout).
 */
import type { LabelSettings, LabelSheet } from '../../contract/labels';

export interface SheetGeometry {
  /** Page size in mm. */
  page: { w: number; h: number };
  cols: number;
  rows: number;
  /** One label's size, in mm. */
  label: { w: number; h: number };
  /** Top-left corner of the first label, in mm. */
  origin: { x: number; y: number };
  /** Distance between label corners, across and down, in mm. */
  pitch: { x: number; y: number };
}

export function sheetGeometry(sheet: LabelSheet, settings: LabelSettings): SheetGeometry {
  switch (sheet) {
    case '3x8':
      return {
        page: { w: 210, h: 297 },
        cols: 3,
        rows: 8,
        label: { w: 70, h: 37 },
        origin: { x: 0, y: 0.5 },
        pitch: { x: 70, y: 37 },
      };
    case '2x5':
      return {
        page: { w: 210, h: 297 },
        cols: 2,
        rows: 5,
        label: { w: 105, h: 57 },
        origin: { x: 0, y: 6 },
        pitch: { x: 105, y: 57 },
      };
    case 'roll': {
      const { width: w, height: h } = settings.roll;
      return { page: { w, h }, cols: 1, rows: 1, label: { w, h }, origin: { x: 0, y: 0 }, pitch: { x: w, y: h } };
    }
  }
}

export interface Cell {
  page: number;
  /** Top-left corner in mm from the page's top-left, the offset applied. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where the n-th label (0-based) goes when the first sheet's cells before `start` (1-based)
 * are already used: across, then down, then the next sheet.
 */
export function cellOf(g: SheetGeometry, n: number, start: number, offset: { x: number; y: number }): Cell {
  const perPage = g.cols * g.rows;
  const k = n + start - 1;
  const page = Math.floor(k / perPage);
  const i = k % perPage;
  return {
    page,
    x: g.origin.x + (i % g.cols) * g.pitch.x + offset.x,
    y: g.origin.y + Math.floor(i / g.cols) * g.pitch.y + offset.y,
    w: g.label.w,
    h: g.label.h,
  };
}
