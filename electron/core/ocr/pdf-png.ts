/**
 * A greyscale PNG's image data as a PDF image stream. PNG compresses its rows with zlib
 * after a per-row filter byte, which is exactly what PDF's FlateDecode with a PNG
 * predictor (/Predictor 15) decodes, so the concatenated IDAT chunks go into the PDF
 * unchanged: no inflate, no second deflate of a 9-megapixel page.
 */

export interface PngStream {
  /** The zlib stream (all IDAT data). */
  data: Buffer;
  bitDepth: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The IDAT stream when the PNG is plain greyscale (colour type 0, 1–8 bits, not
 * interlaced, no transparency key) and of the expected size; null otherwise, and the
 * caller deflates the pixels itself.
 */
export function pngPassthrough(png: Buffer, width: number, height: number): PngStream | null {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) return null;
  const idat: Buffer[] = [];
  let bitDepth = 0;
  for (let at = 8; at + 8 <= png.length;) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    if (data.length !== len) return null;
    if (type === 'IHDR') {
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      if (data.readUInt32BE(0) !== width || data.readUInt32BE(4) !== height) return null;
      if (colour !== 0 || interlace !== 0 || ![1, 2, 4, 8].includes(depth!)) return null;
      bitDepth = depth!;
    } else if (type === 'tRNS') return null;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  return bitDepth && idat.length ? { data: Buffer.concat(idat), bitDepth } : null;
}
