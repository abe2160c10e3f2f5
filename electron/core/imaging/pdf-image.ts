/**
 * From the operator list of a PDF page to the scan it shows: which image is the page,
 * how it is turned on the page, and its pixels as a PNG. Kept apart from pdf.ts so the
 * geometry can be read (and tested) without pdf.js.
 */
import sharp from 'sharp';
import { TRANSIENT_PNG_LEVEL } from './raw';

/** A PDF matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

/** m applied first, then n (PDF's `cm` makes the new CTM compose(ctm, m)). */
export function compose(n: number[], m: number[]): Matrix {
  const [a, b, c, d, e, f] = n as Matrix;
  const [ma, mb, mc, md, me, mf] = m as Matrix;
  return [a * ma + c * mb, b * ma + d * mb, a * mc + c * md, b * mc + d * md, a * me + c * mf + e, b * me + d * mf + f];
}

/**
 * How the image's pixel grid lies on the page as seen (device space: y down). An image
 * is drawn into the unit square with its first row at the top; a scanner may also have
 * turned it with the page's /Rotate or with the matrix itself.
 */
export interface Placement {
  /** Image columns run down the page (the image is turned a quarter). */
  swap: boolean;
  /** Image columns run rightwards (or downwards when swapped). */
  colForward: boolean;
  /** Image rows run downwards (or rightwards when swapped). */
  rowForward: boolean;
  /** Size on the page, in points, along the result's x and y. */
  widthPt: number;
  heightPt: number;
}

export function placement(device: number[]): Placement {
  const [a, b, c, d] = device as Matrix;
  // Along image columns the unit square moves by (a, b); down its rows by (−c, −d).
  const swap = Math.abs(b) > Math.abs(a);
  return swap
    ? { swap, colForward: b > 0, rowForward: -c > 0, widthPt: Math.abs(c), heightPt: Math.abs(b) }
    : { swap, colForward: a > 0, rowForward: -d > 0, widthPt: Math.abs(a), heightPt: Math.abs(d) };
}

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Turns and mirrors pixels so the image reads as it does on the page. */
export function orient(img: RawImage, p: Placement): RawImage {
  if (!p.swap && p.colForward && p.rowForward) return img;
  const { width: w, height: h, channels: ch, data } = img;
  const outW = p.swap ? h : w;
  const outH = p.swap ? w : h;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const i = p.swap ? (p.colForward ? y : w - 1 - y) : p.colForward ? x : w - 1 - x;
      const j = p.swap ? (p.rowForward ? x : h - 1 - x) : p.rowForward ? y : h - 1 - y;
      const from = (j * w + i) * ch;
      const to = (y * outW + x) * ch;
      for (let k = 0; k < ch; k++) out[to + k] = data[from + k]!;
    }
  }
  return { data: out, width: outW, height: outH, channels: ch };
}

/** Unpacks 1-bit rows (pdf.js delivers bilevel images and masks so: 1 = white, 0 = ink). */
export function unpackBits(bits: Uint8Array, width: number, height: number): RawImage {
  const rowBytes = (width + 7) >> 3;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data[y * width + x] = (bits[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
    }
  }
  return { data, width, height, channels: 1 };
}

/** pdf.js hands out grey images as RGB; give them back their single channel. */
export function squeezeGrey(img: RawImage): RawImage {
  if (img.channels !== 3) return img;
  const { data } = img;
  for (let i = 0; i < data.length; i += 3) if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return img;
  const grey = new Uint8Array(data.length / 3);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * 3]!;
  return { ...img, data: grey, channels: 1 };
}

export async function rawToPng(img: RawImage, dpi: number | null): Promise<Buffer> {
  const bytes = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length);
  let pipeline = sharp(bytes, { raw: { width: img.width, height: img.height, channels: img.channels } });
  if (img.channels === 1) pipeline = pipeline.toColourspace('b-w');
  if (dpi) pipeline = pipeline.withDensity(dpi);
  return pipeline.png({ compressionLevel: TRANSIENT_PNG_LEVEL, adaptiveFiltering: false }).toBuffer();
}
