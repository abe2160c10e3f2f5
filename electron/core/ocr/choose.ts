/**
 * Opening the engine a caller asked for. `tesseract` needs nothing beyond the pool;
 * `ppocr` and `auto` start PP-OCR and load its models now, so a missing or corrupt model
 * file is reported once, up front, and tesseract.js takes over instead of failing pages.
 * `auto` skips PP-OCR on platforms without an ONNX Runtime build.
 */
import { AppError } from '../kernel';
import { ppocrSupported, type EngineChoice, type OcrEngine } from './engine';
import { PpocrEngine, type PpocrOptions } from './ppocr/engine';

export interface OpenedEngine {
  /** null: read with tesseract.js (readPage's default). */
  engine: OcrEngine | null;
  /** Why PP-OCR is not in use although it was asked for (shown to the user). */
  note: string | null;
  /** The same reason without the fallback's wording (for the settings screen). */
  reason: string | null;
}

const FALLBACK = '；改用 tesseract.js 识别';

export async function openEngine(choice: EngineChoice, o: PpocrOptions = {}): Promise<OpenedEngine> {
  if (choice === 'tesseract') return { engine: null, note: null, reason: null };
  if (!ppocrSupported()) {
    const reason = `本机平台（${process.platform}/${process.arch}）没有 ONNX Runtime`;
    return { engine: null, note: reason + FALLBACK, reason };
  }
  const engine = new PpocrEngine(o);
  try {
    await engine.warm();
    return { engine, note: null, reason: null };
  } catch (e) {
    await engine.close();
    const reason = e instanceof AppError ? e.message : String(e);
    return { engine: null, note: reason + FALLBACK, reason };
  }
}
