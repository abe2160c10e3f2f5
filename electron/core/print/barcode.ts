/**
 * Barcodes as vector rectangles: bwip-js encodes (Code 128 or QR) into bars or modules and
 * the label renderer draws each as a filled PDF rectangle, so the code is sharp at any
 * printer resolution and 1,000 labels need no image encoding at all.
 */
import bwipjs from 'bwip-js/node';
import type { Symbology } from '../../contract/labels';

/** Filled rectangles in module units from the symbol's top-left, and the symbol's size. */
export interface EncodedBarcode {
  symbology: Symbology;
  /** Width and height in modules (a linear code's height is 1: it is stretched to fit). */
  cols: number;
  rows: number;
  rects: { x: number; y: number; w: number; h: number }[];
  /** The quiet zone a reader needs on each side, in modules. */
  quiet: number;
}

/** Encodes an ASCII payload (labelPayload's output). */
export function encodeBarcode(text: string, symbology: Symbology): EncodedBarcode {
  if (symbology === 'code128') {
    const [sym] = bwipjs.raw({ bcid: 'code128', text }) as { sbs: number[] }[];
    const rects: EncodedBarcode['rects'] = [];
    let x = 0;
    // sbs: bar, space, bar, space … widths in modules, starting with a bar.
    sym!.sbs.forEach((w, i) => {
      if (i % 2 === 0) rects.push({ x, y: 0, w, h: 1 });
      x += w;
    });
    return { symbology, cols: x, rows: 1, rects, quiet: 10 };
  }
  // Level M: a smudged or scratched label still reads.
  const [sym] = bwipjs.raw('qrcode', text, 'eclevel=M') as { pixs: number[]; pixx: number; pixy: number }[];
  const { pixs, pixx, pixy } = sym!;
  const rects: EncodedBarcode['rects'] = [];
  for (let r = 0; r < pixy; r++) {
    // Runs of dark modules in a row become one rectangle: fewer drawing operations.
    for (let c = 0; c < pixx; c++) {
      if (!pixs[r * pixx + c]) continue;
      let e = c;
      while (e + 1 < pixx && pixs[r * pixx + e + 1]) e++;
      rects.push({ x: c, y: r, w: e - c + 1, h: 1 });
      c = e;
    }
  }
  return { symbology, cols: pixx, rows: pixy, rects, quiet: 4 };
}
