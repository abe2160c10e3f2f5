/**
 * Where template millimetres fall on the picture the clerk draws on. A "surface" is the
 * processed page in pixels with the mapping px = offset + mm × scale. On a sample scan
 * the mapping is the one OCR uses to place zones (core/forms/zones.ts `placer`): the
 * template's table frame is matched to the frame found on the sample, so a zone drawn
 * here is exactly where the extraction will read. A new template takes its frame from
 * the sample itself, which makes this plain mm = px / dpi × 25.4.
 */
import { registration, type Box, type TemplateDraft } from '../../../../electron/contract';

export interface Surface {
  /** The picture's size in processed-page pixels. */
  width: number;
  height: number;
  sx: number;
  sy: number;
  ox: number;
  oy: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Without a sample, zones are drawn on blank paper at this many pixels per millimetre. */
export const BLANK_PX_PER_MM = 4;
/** Drawn boxes smaller than this (mm) are taken as a click, not a zone. */
export const MIN_ZONE_MM = 2;

export const round1 = (v: number): number => Math.round(v * 10) / 10;

export function blankSurface(page: { w: number; h: number }): Surface {
  const s = BLANK_PX_PER_MM;
  return { width: page.w * s, height: page.h * s, sx: s, sy: s, ox: 0, oy: 0 };
}

export function sampleSurface(frame: Box | null, sample: TemplateDraft): Surface {
  const nominal = sample.dpi / 25.4;
  const base = { width: sample.size.width, height: sample.size.height };
  if (!frame || !sample.frame) return { ...base, sx: nominal, sy: nominal, ox: 0, oy: 0 };
  const found = {
    x: sample.frame.x * nominal,
    y: sample.frame.y * nominal,
    w: sample.frame.w * nominal,
    h: sample.frame.h * nominal,
  };
  return { ...base, ...registration(frame, found, nominal) };
}

export const toPx = (s: Surface, b: Box): Box => ({
  x: s.ox + b.x * s.sx,
  y: s.oy + b.y * s.sy,
  w: b.w * s.sx,
  h: b.h * s.sy,
});

/** A pixel rectangle (any two corners) as a zone box in millimetres, never left of or above the paper. */
export function toMm(s: Surface, a: Point, b: Point): Box {
  const x0 = Math.max(0, (Math.min(a.x, b.x) - s.ox) / s.sx);
  const y0 = Math.max(0, (Math.min(a.y, b.y) - s.oy) / s.sy);
  const x1 = Math.max(0, (Math.max(a.x, b.x) - s.ox) / s.sx);
  const y1 = Math.max(0, (Math.max(a.y, b.y) - s.oy) / s.sy);
  return { x: round1(x0), y: round1(y0), w: round1(x1 - x0), h: round1(y1 - y0) };
}

/** CSS position of a box on the picture, in percent so it scales with the image. */
export function pctStyle(s: Surface, b: Box): { left: string; top: string; width: string; height: string } {
  const p = toPx(s, b);
  const pc = (v: number, of: number) => `${(v / of) * 100}%`;
  return { left: pc(p.x, s.width), top: pc(p.y, s.height), width: pc(p.w, s.width), height: pc(p.h, s.height) };
}

/** A pointer position over the picture element, in processed pixels, kept on the picture. */
export function pointerPx(s: Surface, el: Element, clientX: number, clientY: number): Point {
  const r = el.getBoundingClientRect();
  const fx = Math.min(1, Math.max(0, (clientX - r.left) / Math.max(1, r.width)));
  const fy = Math.min(1, Math.max(0, (clientY - r.top) / Math.max(1, r.height)));
  return { x: fx * s.width, y: fy * s.height };
}

/** A box moved by (dx, dy) mm, or (with `resize`) grown by them; it stays on the paper's top-left side and ≥ 1 mm. */
export function nudge(b: Box, dx: number, dy: number, resize: boolean): Box {
  if (resize) return { ...b, w: round1(Math.max(1, b.w + dx)), h: round1(Math.max(1, b.h + dy)) };
  return { ...b, x: round1(Math.max(0, b.x + dx)), y: round1(Math.max(0, b.y + dy)) };
}

/** A box dragged by a pixel offset: moved, or resized from its bottom-right corner. */
export function dragged(s: Surface, b: Box, d: Point, how: 'move' | 'resize'): Box {
  const dx = d.x / s.sx;
  const dy = d.y / s.sy;
  if (how === 'resize') return { ...b, w: round1(Math.max(1, b.w + dx)), h: round1(Math.max(1, b.h + dy)) };
  return { ...b, x: round1(Math.max(0, b.x + dx)), y: round1(Math.max(0, b.y + dy)) };
}
