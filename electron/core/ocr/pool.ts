/**
 * A pool of tesseract.js workers (each a worker thread with its own WASM instance and
 * language model). Our own pool rather than tesseract.js's scheduler: zones need
 * per-job settings (page segmentation, digit whitelist), and a page that runs past its
 * time limit has to be stopped, which only terminating its worker does.
 */
import os from 'node:os';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { AppError } from '../kernel';
import { OCR_LANGS } from './lang-data';
import { stripCjkSpaces } from './text';
import { pumpSlots } from './slots';

export type Segmentation = 'auto' | 'column' | 'block' | 'line' | 'word' | 'char';

export interface RecognizeOptions {
  psm?: Segmentation;
  /** Only these characters may be recognised (digits for ID numbers and dates). */
  whitelist?: string;
  /** The scan resolution, so Tesseract sizes its expectations right. */
  dpi?: number;
}

export interface OcrBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface OcrWord {
  text: string;
  confidence: number;
  bbox: OcrBox;
}
export interface OcrLine {
  text: string;
  confidence: number;
  bbox: OcrBox;
  words: OcrWord[];
}
export interface OcrOutput {
  /** The text with the spaces Tesseract puts between CJK characters removed. */
  text: string;
  confidence: number;
  lines: OcrLine[];
  ms: number;
  /**
   * Read cell by cell (cells.ts): `text` is already in the form's reading order, and the
   * PDF already shows the page as processed, rules and all.
   */
  byCells?: boolean;
}

const PSM_OF: Record<Segmentation, PSM> = {
  auto: PSM.AUTO,
  column: PSM.SINGLE_COLUMN,
  block: PSM.SINGLE_BLOCK,
  line: PSM.SINGLE_LINE,
  word: PSM.SINGLE_WORD,
  char: PSM.SINGLE_CHAR,
};

export interface PoolOptions {
  langDir: string;
  size?: number;
  /** Per recognition; the worker is replaced when it runs over. */
  timeoutMs?: number;
}

/**
 * One worker per core, leaving one core free from four up. On a 2-core PC two workers
 * read 1.9× the pages of one (bench:ocr); the UI stays responsive because the workers
 * are threads of the core process, not of the window, and image steps are short.
 */
export const defaultPoolSize = (): number => {
  const cores = os.availableParallelism();
  return Math.max(1, Math.min(4, cores <= 2 ? cores : cores - 1));
};

interface Slot {
  worker: Promise<Worker> | null;
  params: string;
  busy: boolean;
}

interface Task {
  image: Buffer;
  opts: RecognizeOptions;
  resolve: (o: OcrOutput) => void;
  reject: (e: unknown) => void;
}

export class OcrPool {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(private readonly opts: PoolOptions) {
    this.size = Math.max(1, opts.size ?? defaultPoolSize());
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.slots = Array.from({ length: this.size }, () => ({ worker: null, params: '', busy: false }));
  }

  recognize(image: Buffer, opts: RecognizeOptions = {}): Promise<OcrOutput> {
    if (this.closed) return Promise.reject(new AppError('OCR_FAILED', '文字识别已停止'));
    return new Promise((resolve, reject) => {
      this.queue.push({ image, opts, resolve, reject });
      this.pump();
    });
  }

  /** Starts every worker now (model loading takes a second or two each). */
  async warm(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.workerOf(s)));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new AppError('JOB_CANCELLED'));
    await Promise.all(this.slots.map(async (s) => (s.worker ? (await s.worker).terminate() : undefined)));
  }

  private pump(): void {
    pumpSlots(this.slots, this.queue, (slot, task) => this.run(slot, task));
  }

  private workerOf(slot: Slot): Promise<Worker> {
    slot.worker ??= createWorker([...OCR_LANGS], OEM.LSTM_ONLY, {
      langPath: this.opts.langDir,
      cacheMethod: 'none',
      gzip: true,
      logger: () => {},
      errorHandler: () => {},
    });
    return slot.worker;
  }

  private async run(slot: Slot, task: Task): Promise<void> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const worker = await this.workerOf(slot);
      const params = {
        tessedit_pageseg_mode: PSM_OF[task.opts.psm ?? 'auto'],
        tessedit_char_whitelist: task.opts.whitelist ?? '',
        user_defined_dpi: String(task.opts.dpi ?? 300),
        preserve_interword_spaces: '1',
      };
      const key = JSON.stringify(params);
      if (slot.params !== key) {
        await worker.setParameters(params);
        slot.params = key;
      }
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new AppError('OCR_TIMEOUT', `文字识别超过 ${Math.round(this.timeoutMs / 1000)} 秒`)),
          this.timeoutMs,
        );
        // A watchdog only: a page cut short by shutdown must not hold the process open until it fires.
        timer.unref();
      });
      const r = await Promise.race([worker.recognize(task.image, {}, { text: true, blocks: true }), timeout]);
      task.resolve(toOutput(r.data, performance.now() - started));
    } catch (e) {
      // A timed-out or crashed worker is dropped; the next task gets a fresh one.
      const w = slot.worker;
      slot.worker = null;
      slot.params = '';
      if (w) void w.then((x) => x.terminate()).catch(() => {});
      task.reject(
        e instanceof AppError ? e : new AppError('OCR_FAILED', `文字识别失败：${(e as Error)?.message ?? e}`),
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

type Page = Awaited<ReturnType<Worker['recognize']>>['data'];

function toOutput(page: Page, ms: number): OcrOutput {
  const lines: OcrLine[] = [];
  for (const b of page.blocks ?? [])
    for (const p of b.paragraphs)
      for (const l of p.lines)
        lines.push({
          text: stripCjkSpaces(l.text.trim()),
          confidence: l.confidence,
          bbox: l.bbox,
          words: l.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: w.bbox })),
        });
  return {
    text: stripCjkSpaces(page.text).trim(),
    confidence: page.confidence,
    lines,
    ms,
  };
}
