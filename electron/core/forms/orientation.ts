/**
 * A page fed upside down: neither deskew (a few degrees) nor Tesseract's layout analysis
 * turns it, and its text comes back as confident-looking nonsense of low mean confidence.
 * Only such a page is checked, cheaply: a band of its text is read as it is and turned
 * 180°; when the turned band reads clearly better, the page is upside down.
 */
import sharp, { type Sharp } from 'sharp';
import type { OcrLine, OcrPool } from '../ocr';

/** Pages read with at least this mean confidence are taken as upright without a look. */
export const UPRIGHT_CONFIDENCE = 75;
/** How much better (confidence points) the turned band must read. */
const MARGIN = 15;
/** Lines of text the band covers, around the page's middle line. */
const BAND_LINES = 6;

/** Whether the page reads better turned 180°; false when there is too little text to judge. */
export async function readsUpsideDown(
  pool: OcrPool,
  png: Buffer,
  page: { confidence: number; lines: readonly OcrLine[]; dpi: number },
): Promise<boolean> {
  if (page.confidence >= UPRIGHT_CONFIDENCE || page.lines.length < 3) return false;
  const ys = [...page.lines].sort((a, b) => a.bbox.y0 - b.bbox.y0);
  const mid = Math.max(0, Math.floor(ys.length / 2) - BAND_LINES / 2);
  const band = ys.slice(mid, mid + BAND_LINES);
  const meta = await sharp(png).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const top = Math.max(0, Math.min(...band.map((l) => l.bbox.y0)) - 10);
  const bottom = Math.min(height, Math.max(...band.map((l) => l.bbox.y1)) + 10);
  if (!width || bottom - top < 10) return false;
  const strip = sharp(png).extract({ left: 0, top, width, height: bottom - top });
  const read = async (s: Sharp) =>
    (await pool.recognize(await s.png().toBuffer(), { psm: 'auto', dpi: page.dpi })).confidence;
  const [asIs, turned] = await Promise.all([read(strip.clone()), read(strip.clone().rotate(180))]);
  return turned > asIs + MARGIN;
}
