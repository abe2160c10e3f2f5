/**
 * tesseract.js behind the engine interface. The pool stays reachable: form zones are read
 * with Tesseract-specific settings (digit whitelists, stacked strips, page-segmentation
 * retries for one-character words) that the generic interface has no words for, and the
 * searchable PDF's text layer is Tesseract's.
 */
import { encodeGreyPng, type GreyImage, TRANSIENT_PNG_LEVEL } from '../imaging';
import type { LineText, OcrEngine } from './engine';
import type { OcrOutput, OcrPool } from './pool';

export const TESSERACT_LABEL = 'tesseract.js 7 (chi_sim+eng)';

export class TesseractEngine implements OcrEngine {
  readonly id = 'tesseract' as const;
  readonly label = TESSERACT_LABEL;

  constructor(readonly pool: OcrPool) {}

  async readPage(page: GreyImage, dpi: number): Promise<OcrOutput> {
    return this.pool.recognize(await encodeGreyPng(page, dpi, TRANSIENT_PNG_LEVEL), { psm: 'auto', dpi });
  }

  async readLines(images: GreyImage[], dpi: number): Promise<LineText[]> {
    return Promise.all(
      images.map(async (img) => {
        const o = await this.pool.recognize(await encodeGreyPng(img, null, TRANSIENT_PNG_LEVEL), { psm: 'line', dpi });
        return { text: o.text.trim(), confidence: o.text.trim() ? o.confidence : 0 };
      }),
    );
  }

  async readBlock(image: GreyImage, dpi: number): Promise<OcrOutput> {
    return this.pool.recognize(await encodeGreyPng(image, null, TRANSIENT_PNG_LEVEL), { psm: 'block', dpi });
  }

  /** The pool belongs to its owner (the scan services, the CLI), which closes it. */
  async close(): Promise<void> {}
}
