/**
 * The OCR engines of one running core, as the administrator set them: which engine reads
 * form pages and which reads plain text. PP-OCR is started once, on the first page that
 * needs it (or a check from the settings screen), and shared by both page types; where it
 * cannot run (no ONNX Runtime build for the platform, a missing or corrupt model file)
 * the pages are read by tesseract.js and the settings screen says why.
 */
import {
  DEFAULT_OCR_SETTINGS,
  zOcrSettings,
  type OcrEngineChoice,
  type OcrEngineId,
  type OcrSettings,
  type OcrSettingsView,
  type PpocrState,
} from '../../contract/ocr-settings';
import { type CoreContext, AppError, getMeta, setMeta } from '../kernel';
import { openEngine } from './choose';
import { ppocrSupported, type OcrEngine } from './engine';
import { checkModelFiles, packagedModels, PPOCR_LABEL } from './ppocr/models';
import { TESSERACT_LABEL } from './tesseract-engine';

const KEY = 'ocr.engines';

export interface PageEngines {
  /** Form pages; null: tesseract.js. */
  engine: OcrEngine | null;
  /** Plain-text pages; null: tesseract.js. */
  textEngine: OcrEngine | null;
}

export class OcrEngineHost {
  private ppocr: Promise<OcrEngine | null> | null = null;
  private state: PpocrState;
  private message: string | null = null;

  constructor(private readonly ctx: CoreContext) {
    this.state = ppocrSupported() ? 'unchecked' : 'unsupported';
    if (this.state === 'unsupported')
      this.message = `本机平台（${process.platform}/${process.arch}）没有 ONNX Runtime，PP-OCR 不可用`;
  }

  settings(): OcrSettings {
    const raw = getMeta(this.ctx, KEY);
    const parsed = raw ? zOcrSettings.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : DEFAULT_OCR_SETTINGS;
  }

  /** Stores the choice (inside the caller's transaction); pages read from now on follow it. */
  save(s: OcrSettings): void {
    setMeta(this.ctx, KEY, JSON.stringify(s));
  }

  /** The engines for the next page, starting PP-OCR if a choice needs it. */
  async forPages(): Promise<PageEngines> {
    const s = this.settings();
    const pp = needsPpocr(s) ? await this.openPpocr() : null;
    const pick = (c: OcrEngineChoice) => (c === 'tesseract' ? null : pp);
    return { engine: pick(s.formsEngine), textEngine: pick(s.textEngine) };
  }

  /** Loads PP-OCR now, so the administrator sees whether it works before any page is read. */
  async check(): Promise<OcrSettingsView> {
    if (this.state === 'failed') {
      // A file put back since: try again, with a fresh engine in place of the broken one.
      const broken = this.ppocr;
      [this.state, this.ppocr] = ['unchecked', null];
      await (await broken)?.close();
    }
    await this.openPpocr();
    return this.view();
  }

  /** A page fell back to tesseract.js because PP-OCR stopped working mid-run. */
  markFailed(message: string): void {
    this.state = 'failed';
    this.message = message;
  }

  view(): OcrSettingsView {
    const s = this.settings();
    if (this.state === 'unchecked') this.precheck();
    const usable = this.state === 'unchecked' || this.state === 'ready';
    const resolve = (c: OcrEngineChoice): OcrEngineId => (c !== 'tesseract' && usable ? 'ppocr' : 'tesseract');
    return {
      ...s,
      engines: [
        { id: 'ppocr', label: PPOCR_LABEL, available: usable, state: this.state, message: this.message },
        { id: 'tesseract', label: TESSERACT_LABEL, available: true, state: 'ready', message: null },
      ],
      effective: { forms: resolve(s.formsEngine), text: resolve(s.textEngine) },
      platform: `${process.platform}/${process.arch}`,
    };
  }

  /** Stops PP-OCR when neither page type uses it any more (called once the queue is idle). */
  async releaseUnused(): Promise<void> {
    if (needsPpocr(this.settings()) || !this.ppocr) return;
    const opened = this.ppocr;
    this.ppocr = null;
    if (this.state === 'ready') this.state = 'unchecked';
    await (await opened)?.close();
  }

  async close(): Promise<void> {
    const opened = this.ppocr;
    this.ppocr = null;
    await (await opened)?.close();
  }

  /** The model files exist and are not truncated: cheap, so the screen shows it at once. */
  private precheck(): void {
    try {
      checkModelFiles(packagedModels(), false);
    } catch (e) {
      this.markFailed(e instanceof AppError ? e.message : String(e));
    }
  }

  private openPpocr(): Promise<OcrEngine | null> {
    if (this.state === 'unsupported' || this.state === 'failed') return Promise.resolve(null);
    this.ppocr ??= openEngine('ppocr').then(({ engine, reason }) => {
      if (engine) [this.state, this.message] = ['ready', null];
      else this.markFailed(reason ?? 'PP-OCR 无法启动');
      return engine;
    });
    return this.ppocr;
  }
}

const needsPpocr = (s: OcrSettings) => s.formsEngine !== 'tesseract' || s.textEngine !== 'tesseract';
