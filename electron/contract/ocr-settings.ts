/**
 * The administrator's OCR settings: which engine reads form pages and which reads plain
 * text, and what each engine can do on this machine. `auto` takes the engine the
 * benchmark measured best (PP-OCR) wherever it runs here, else tesseract.js.
 */
import { z } from 'zod';

export const OCR_ENGINE_CHOICES = ['auto', 'ppocr', 'tesseract'] as const;
export type OcrEngineChoice = (typeof OCR_ENGINE_CHOICES)[number];
export type OcrEngineId = Exclude<OcrEngineChoice, 'auto'>;

const zChoice = z.enum(OCR_ENGINE_CHOICES, { error: '识别引擎只能是 自动、PP-OCR 或 tesseract.js' });

export const zOcrSettings = z.object({
  /** Pages read with a form template (named, or found on a ruled page). */
  formsEngine: zChoice,
  /** Pages of plain text: no template, and no table rules when the template is automatic. */
  textEngine: zChoice,
});
export type OcrSettings = z.infer<typeof zOcrSettings>;

export const DEFAULT_OCR_SETTINGS: OcrSettings = { formsEngine: 'auto', textEngine: 'auto' };

/**
 * PP-OCR's state here. `unsupported`: no ONNX Runtime build for this platform;
 * `unchecked`: files present, models not loaded yet (they load on first use or a check);
 * `ready`: loaded; `failed`: a model file is missing or corrupt, or ONNX Runtime would not load.
 */
export type PpocrState = 'unsupported' | 'unchecked' | 'ready' | 'failed';

export interface OcrEngineView {
  id: OcrEngineId;
  label: string;
  available: boolean;
  state: PpocrState | 'ready';
  /** Why it cannot be used, in Chinese, naming the file where one is at fault. */
  message: string | null;
}

export interface OcrSettingsView extends OcrSettings {
  engines: OcrEngineView[];
  /** What each page type is read with now, after `auto` and any fallback. */
  effective: { forms: OcrEngineId; text: OcrEngineId };
  platform: string;
}
