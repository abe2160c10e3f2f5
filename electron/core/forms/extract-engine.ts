/**
 * Zone reading for an engine with a line recogniser of its own (PP-OCR). A single-line
 * zone is recognised directly from its crop: no detection, no layout analysis to go
 * wrong on a short word like 男 or 子. Zones that hold several lines (lists of persons,
 * blocks, or any zone whose ink is taller than two lines) go through detection first.
 * All single-line zones of a page go to the engine in one call, so they are batched.
 */
import type { TemplateField } from '../../contract/forms';
import { type OcrEngine, rowMajorText } from '../ocr';
import { crop, type GreyImage, type PixelBox } from './zones';

export interface RawZone {
  raw: string;
  confidence: number;
}

export interface ZoneCrop {
  key: string;
  field: TemplateField;
  /** The zone's writing with white around it (Tesseract reads a tight line poorly). */
  image: GreyImage;
  /** Where the writing is in `image`. */
  ink: PixelBox;
}

const MULTI_LINE_KINDS = new Set<TemplateField['kind']>(['block', 'personList']);
/** Ink taller than this (mm) is more than one line of form handwriting or print. */
const ONE_LINE_MM = 9;

/**
 * White kept above and below a line for the recogniser, in mm. PP-OCR's recogniser
 * learnt from its detector's crops, which hug a line's ink; a millimetre of white above
 * and below (what Tesseract wants) shrinks the glyphs at its 48-pixel input, and the
 * middle dot of a 档号 (ZY·HJ) is then read as a hyphen.
 */
const LINE_MARGIN_MM = 0.15;

/** A single line's crop trimmed to its ink (plus the margin) top and bottom; the ends keep theirs. */
function lineCrop(c: ZoneCrop, pxPerMm: number): GreyImage {
  const m = Math.round(LINE_MARGIN_MM * pxPerMm);
  const y = Math.max(0, c.ink.y - m);
  return crop(c.image, { x: 0, y, w: c.image.width, h: Math.min(c.image.height - y, c.ink.h + 2 * m) });
}

/**
 * A speck of scanner noise at a zone's edge is read as a middle dot, a full stop or a
 * colon ("新华路165号·", "330521…7742:"); values never start or end with one.
 */
export const trimSpecks = (s: string): string => s.replace(/^[\s·.。，,、:：]+|[\s·.。，,、:：]+$/gu, '');

export async function readWithEngine(
  engine: OcrEngine,
  crops: ZoneCrop[],
  dpi: number,
  pxPerMm: number,
): Promise<Map<string, RawZone>> {
  const raws = new Map<string, RawZone>();
  const multi = crops.filter((c) => MULTI_LINE_KINDS.has(c.field.kind) || c.image.height > ONE_LINE_MM * pxPerMm);
  const single = crops.filter((c) => !multi.includes(c));
  const [lines, blocks] = await Promise.all([
    engine.readLines(
      single.map((c) => lineCrop(c, pxPerMm)),
      dpi,
    ),
    Promise.all(multi.map((c) => engine.readBlock(c.image, dpi))),
  ]);
  single.forEach((c, i) => {
    const text = trimSpecks(lines[i]!.text);
    raws.set(c.key, { raw: text, confidence: text ? lines[i]!.confidence : 0 });
  });
  multi.forEach((c, i) => {
    const live = blocks[i]!.lines.filter((l) => l.text.trim());
    const chars = live.reduce((s, l) => s + l.text.length, 0);
    raws.set(c.key, {
      // Detection finds 姓名, 关系 and 身份号码 of one person as separate boxes: rows rejoin them.
      raw: rowMajorText(live.map((l) => ({ ...l, text: trimSpecks(l.text) }))),
      confidence: chars ? live.reduce((s, l) => s + l.confidence * l.text.length, 0) / chars : 0,
    });
  });
  return raws;
}
