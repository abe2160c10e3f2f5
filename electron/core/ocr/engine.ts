/**
 * What an OCR engine does for the page pipeline, whichever engine it is: read a whole
 * page (find the text lines, recognise them), recognise images that each hold one line
 * (a form zone), and read a region of several lines (a multi-line zone). Both engines
 * return the same shapes, so template detection, field extraction, validation and the
 * verification screen do not care which one read the page.
 */
import os from 'node:os';
import type { GreyImage } from '../imaging';
import type { OcrOutput } from './pool';

export type EngineId = 'tesseract' | 'ppocr';
/** `auto`: PP-OCR where its models load on this machine, else tesseract.js. */
export type EngineChoice = EngineId | 'auto';
export const ENGINE_CHOICES = ['auto', 'ppocr', 'tesseract'] as const;

export interface LineText {
  text: string;
  /** 0–100, as Tesseract reports it. */
  confidence: number;
}

export interface OcrEngine {
  readonly id: EngineId;
  /** Engine and model, for the page's record and the UI ("PP-OCRv4 …", "tesseract.js 7 …"). */
  readonly label: string;
  /** Every text line of a page, with boxes and confidences, and the page text in reading order. */
  readPage(page: GreyImage, dpi: number): Promise<OcrOutput>;
  /** Each image is one line of text; no layout analysis. */
  readLines(images: GreyImage[], dpi: number): Promise<LineText[]>;
  /** A region that may hold several lines (an address block, a list of persons). */
  readBlock(image: GreyImage, dpi: number): Promise<OcrOutput>;
  close(): Promise<void>;
}

/** Platforms with an ONNX Runtime CPU build inside `onnxruntime-node` that we ship. */
export function ppocrSupported(platform = process.platform, arch = os.arch()): boolean {
  return (platform === 'linux' && (arch === 'x64' || arch === 'arm64')) || (platform === 'win32' && arch === 'x64');
}
