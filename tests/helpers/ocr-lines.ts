/** Recognised lines built by hand, for the label reader's unit tests. */
import type { OcrLine } from '../../electron/core/ocr';
import { checkDigit } from '../../electron/core/persons';

export const CHAR = 40;

/** One recognised line, a word per character, 40 px a character, as Tesseract gives Chinese. */
export function line(text: string, x = 100, y = 100, conf = 92, charConf?: (ch: string, i: number) => number): OcrLine {
  const chars = [...text];
  const words = chars
    .map((ch, i) => ({ ch, i }))
    .filter(({ ch }) => ch !== ' ')
    .map(({ ch, i }) => ({
      text: ch,
      confidence: charConf ? charConf(ch, i) : conf,
      bbox: { x0: x + i * CHAR, y0: y, x1: x + (i + 1) * CHAR - 4, y1: y + 40 },
    }));
  return { text, confidence: conf, bbox: { x0: x, y0: y, x1: x + chars.length * CHAR, y1: y + 40 }, words };
}

/** A valid 18-digit ID for a birth date and the sex digit's parity. */
export const idFor = (ymd: string, male: boolean): string => {
  const base = `110101${ymd}12${male ? 3 : 4}`;
  return base + checkDigit(base);
};
