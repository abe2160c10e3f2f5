/**
 * Telling ink from paper. Archive pages are often yellowed, unevenly lit near the edges,
 * stamped in red and show the other side through thin paper; one global threshold
 * (Otsu) blackens shaded areas and, on a blank page, splits plain paper noise in half.
 * So pages are binarised with Sauvola's local threshold, which follows the paper's own
 * brightness and only calls a pixel ink where it stands out from its neighbourhood.
 * Sauvola hollows strokes wider than half its window (inside a thick stroke the
 * neighbourhood is all ink), so pixels darker than half the paper brightness are ink
 * regardless. Otsu stays for analysis on clean, shrunken copies.
 */
import type { GreyImage } from './raw';

/** 1 = ink, 0 = paper; one byte per pixel, laid out like the image. */
export type InkMask = Uint8Array;

export function histogram(img: GreyImage): Uint32Array {
  const h = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i++) h[img.data[i]!]!++;
  return h;
}

/** The grey value below which `fraction` of the pixels lie. */
export function percentile(hist: Uint32Array, fraction: number): number {
  let total = 0;
  for (let v = 0; v < 256; v++) total += hist[v]!;
  const target = total * fraction;
  for (let v = 0, seen = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= target) return v;
  }
  return 255;
}

/** Otsu's threshold: pixels with value < the result are the dark class. */
export function otsu(hist: Uint32Array): number {
  let total = 0;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) {
    total += hist[v]!;
    sumAll += v * hist[v]!;
  }
  let best = 128;
  let bestVar = -1;
  let wDark = 0;
  let sumDark = 0;
  for (let t = 1; t < 256; t++) {
    wDark += hist[t - 1]!;
    sumDark += (t - 1) * hist[t - 1]!;
    const wLight = total - wDark;
    if (wDark === 0 || wLight === 0) continue;
    const diff = sumDark / wDark - (sumAll - sumDark) / wLight;
    const between = wDark * wLight * diff * diff;
    if (between > bestVar) {
      bestVar = between;
      best = t;
    }
  }
  return best;
}

/** The paper's brightness: most of a page is paper, so a high percentile finds it. */
export const paperLevel = (hist: Uint32Array): number => Math.max(percentile(hist, 0.9), 1);

export interface BinarizeOptions {
  /** Window side in pixels (odd); default about 1/8 inch at the given dpi. */
  window?: number;
  dpi?: number;
  /** Sauvola's k: higher keeps less faint ink. 0.2 keeps pencil and faded stamps. */
  k?: number;
}

/**
 * Sauvola binarisation, T = m·(1 + k·(s/128 − 1)) over a square window, computed with
 * running column sums so memory stays one row wide however large the page.
 */
export function binarize(img: GreyImage, opts: BinarizeOptions = {}): InkMask {
  const { width: w, height: h, data } = img;
  const dpi = opts.dpi ?? 300;
  const k = opts.k ?? 0.2;
  const r = Math.max(3, Math.floor((opts.window ?? Math.round(dpi / 8)) / 2));
  const surelyInk = Math.floor(paperLevel(histogram(img)) / 2);
  const colSum = new Float64Array(w);
  const colSq = new Float64Array(w);
  const ink = new Uint8Array(w * h);
  const addRow = (y: number, sign: number) => {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const v = data[row + x]!;
      colSum[x]! += sign * v;
      colSq[x]! += sign * v * v;
    }
  };
  for (let y = 0; y < Math.min(r, h); y++) addRow(y, 1);
  for (let y = 0; y < h; y++) {
    if (y + r < h) addRow(y + r, 1);
    if (y - r - 1 >= 0) addRow(y - r - 1, -1);
    const rows = Math.min(h - 1, y + r) - Math.max(0, y - r) + 1;
    let s = 0;
    let q = 0;
    for (let x = 0; x < Math.min(r, w); x++) {
      s += colSum[x]!;
      q += colSq[x]!;
    }
    const row = y * w;
    for (let x = 0; x < w; x++) {
      if (x + r < w) {
        s += colSum[x + r]!;
        q += colSq[x + r]!;
      }
      if (x - r - 1 >= 0) {
        s -= colSum[x - r - 1]!;
        q -= colSq[x - r - 1]!;
      }
      const v = data[row + x]!;
      if (v < surelyInk) {
        ink[row + x] = 1;
        continue;
      }
      const n = rows * (Math.min(w - 1, x + r) - Math.max(0, x - r) + 1);
      const m = s / n;
      const sd = Math.sqrt(Math.max(0, q / n - m * m));
      if (v < m * (1 + k * (sd / 128 - 1))) ink[row + x] = 1;
    }
  }
  return ink;
}

/** Ink as a one-channel 0/255 image (0 = ink), the form Tesseract and the UI expect. */
export function inkToGrey(ink: InkMask, width: number, height: number): GreyImage {
  const data = new Uint8Array(ink.length);
  for (let i = 0; i < ink.length; i++) data[i] = ink[i] ? 0 : 255;
  return { data, width, height };
}
