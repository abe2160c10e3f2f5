/**
 * Where a template's zones fall on a scanned page, and their pixels. Registration: the
 * page is already deskewed and cropped; the printed table's frame found on the page is
 * matched to the template's frame, which fixes scale and offset (a scan shifted on the
 * glass, or printed a little larger, lands right). Without a frame the page's own
 * resolution places the zones from the paper's corner.
 */
import { registration, type Box, type FormTemplate } from '../../contract/forms';
import { cropGrey, type GreyImage, type Line, type Rules, tableFrame } from '../imaging';

export type { GreyImage };

export interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Placer = (b: Box) => PixelBox;

/** Maps template millimetres to page pixels. `frame` is the table frame found on the page. */
export function placer(
  t: FormTemplate,
  page: { width: number; height: number; dpi: number | null },
  frame: PixelBox | null,
): Placer {
  const nominal = page.dpi ? page.dpi / 25.4 : page.width / t.page.w;
  const { sx, sy, ox, oy } = registration(t.frame, frame, nominal);
  return (b) => ({
    x: Math.round(ox + b.x * sx),
    y: Math.round(oy + b.y * sy),
    w: Math.round(b.w * sx),
    h: Math.round(b.h * sy),
  });
}

/** Share of the template frame's width (height) a rule must span to count as its top or bottom (side). */
const FRAME_RULE_SHARE = 0.6;

/**
 * The table frame of a form page, for `placer`. A bold title or a stamp's edge close above
 * the table can be taken for short rules, and when one of them touches the table's first
 * column rule it joins the table and moves the frame's top up by a row (every zone then
 * reads the row above). The frame's own rules run (nearly) the whole width and height of
 * the template's table, so rules shorter than a good share of that are left out; when
 * that leaves no frame (a scan at a resolution other than stated), every rule counts.
 */
export function formFrame(rules: Rules, t: FormTemplate, page: { width: number; dpi: number | null }): PixelBox | null {
  if (!t.frame) return tableFrame(rules);
  const pxPerMm = page.dpi ? page.dpi / 25.4 : page.width / t.page.w;
  const len = (l: Line) => Math.hypot(l.x2 - l.x1, l.y2 - l.y1);
  const long = {
    horizontal: rules.horizontal.filter((l) => len(l) >= FRAME_RULE_SHARE * t.frame!.w * pxPerMm),
    vertical: rules.vertical.filter((l) => len(l) >= FRAME_RULE_SHARE * t.frame!.h * pxPerMm),
  };
  return tableFrame(long) ?? tableFrame(rules);
}

/** Shrinks a box by `by` pixels on every side (keeps ruling remnants out of a zone). */
export const inset = (b: PixelBox, by: number): PixelBox => ({
  x: b.x + by,
  y: b.y + by,
  w: Math.max(1, b.w - 2 * by),
  h: Math.max(1, b.h - 2 * by),
});

/** A clamped copy of one box of the image. */
export function crop(img: GreyImage, b: PixelBox): GreyImage {
  const x0 = Math.max(0, Math.min(img.width - 1, b.x));
  const y0 = Math.max(0, Math.min(img.height - 1, b.y));
  const width = Math.max(1, Math.min(img.width - x0, b.w));
  const height = Math.max(1, Math.min(img.height - y0, b.h));
  return cropGrey(img, { left: x0, top: y0, width, height });
}

/** The bounding box of dark pixels (below `level`), or null for an empty zone. */
export function inkBox(img: GreyImage, level = 140, minPixels = 25): PixelBox | null {
  let x0 = img.width;
  let y0 = img.height;
  let x1 = -1;
  let y1 = -1;
  let n = 0;
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x++) {
      if (img.data[row + x]! >= level) continue;
      n++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (n < minPixels) return null;
  return { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/**
 * The ink box of a zone's writing, without dust above or below it. A speck a few
 * millimetres under a line stretches the plain ink box to twice the line's height; the
 * line is then read at half its size (1995 read as 19). Rows with ink are grouped into
 * bands (gaps up to `gap` px joined, so 三 or 二 stay whole); a band that is both low
 * (at most `dust` px) and holds under a tenth of the fullest band's ink is dust.
 */
export function writingBox(
  img: GreyImage,
  level: number,
  minPixels: number,
  gap: number,
  dust: number,
): PixelBox | null {
  const ink = inkBox(img, level, minPixels);
  if (!ink) return null;
  const rows = new Uint32Array(ink.h);
  for (let y = 0; y < ink.h; y++) {
    const at = (ink.y + y) * img.width;
    for (let x = ink.x; x < ink.x + ink.w; x++) if (img.data[at + x]! < level) rows[y]!++;
  }
  const bands: { y0: number; y1: number; n: number }[] = [];
  for (let y = 0; y < ink.h; y++) {
    if (!rows[y]) continue;
    const last = bands.at(-1);
    if (last && y - last.y1 - 1 <= gap) [last.y1, last.n] = [y, last.n + rows[y]!];
    else bands.push({ y0: y, y1: y, n: rows[y]! });
  }
  const most = Math.max(...bands.map((b) => b.n));
  const kept = bands.filter((b) => b.n >= 0.1 * most || b.y1 - b.y0 + 1 > dust);
  const y0 = ink.y + kept[0]!.y0;
  const y1 = ink.y + kept.at(-1)!.y1;
  if (y0 === ink.y && y1 === ink.y + ink.h - 1) return ink;
  let x0 = img.width;
  let x1 = -1;
  for (let y = y0; y <= y1; y++)
    for (let x = ink.x; x < ink.x + ink.w; x++)
      if (img.data[y * img.width + x]! < level) [x0, x1] = [Math.min(x0, x), Math.max(x1, x)];
  return { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

export interface Strip {
  image: GreyImage;
  /** Each zone's vertical span in the strip. */
  spans: { key: string; y0: number; y1: number }[];
}

/**
 * Stacks zone crops into one tall white image with wide gaps, so Tesseract reads all the
 * zones of one kind in a single call (one call per kind instead of one per zone) and
 * each recognised line maps back to its zone by its vertical position.
 */
export function stack(crops: { key: string; image: GreyImage }[], gap: number): Strip {
  const width = Math.max(1, ...crops.map((c) => c.image.width)) + 2 * gap;
  const height = crops.reduce((s, c) => s + c.image.height + gap, gap);
  const data = new Uint8Array(width * height).fill(255);
  const spans: Strip['spans'] = [];
  let y = gap;
  for (const c of crops) {
    for (let r = 0; r < c.image.height; r++)
      data.set(c.image.data.subarray(r * c.image.width, (r + 1) * c.image.width), (y + r) * width + gap);
    spans.push({ key: c.key, y0: y, y1: y + c.image.height });
    y += c.image.height + gap;
  }
  return { image: { data, width, height }, spans };
}
