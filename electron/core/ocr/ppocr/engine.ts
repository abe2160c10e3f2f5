/**
 * The PP-OCR engine: PaddleOCR's PP-OCRv4 models run by ONNX Runtime in inference hosts
 * (child processes by default, see spawn.ts). Each host loads the models once and takes
 * one request at a time; a request that runs past its time limit, or a host that dies,
 * ends that host (the next request starts a fresh one). A model that is missing or does
 * not load makes every request fail fast with an error naming the file, so the caller can
 * fall back to tesseract.js.
 */
import os from 'node:os';
import type { GreyImage } from '../../imaging';
import { AppError } from '../../kernel';
import type { LineText, OcrEngine } from '../engine';
import type { OcrLine, OcrOutput } from '../pool';
import { rowMajorText } from '../reading-order';
import { checkModelFiles, packagedModels, PPOCR_LABEL, type ModelPaths } from './models';
import {
  zWorkerReply,
  type WireImage,
  type WorkerInit,
  type WorkerJob,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';
import { hostFactory, type HostFactory, type HostKind, type InferenceHost } from './spawn';
import { pumpSlots } from '../slots';

export interface PpocrOptions {
  models?: ModelPaths;
  /** Inference workers (pages read at once). Each holds its own copy of the models. */
  workers?: number;
  /** ONNX Runtime threads per worker. */
  threads?: number;
  /** Turn upside-down lines before recognition. */
  angle?: boolean;
  /** Long side of the image the detector sees. */
  maxSide?: number;
  timeoutMs?: number;
  /** Where inference runs: a child process (default), a worker thread, or a custom transport. */
  host?: HostKind | HostFactory;
}

/**
 * One worker using every core (up to four): on a 2-core PC two single-threaded workers
 * would read pages no faster and hold the models and a page's activations twice.
 */
export function defaultPpocrThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

interface Slot {
  worker: InferenceHost | null;
  ready: Promise<void> | null;
  busy: boolean;
  pending: Map<number, (r: WorkerReply) => void>;
}

interface Task {
  req: WorkerJob;
  resolve: (r: WorkerReply) => void;
  reject: (e: unknown) => void;
}

export class PpocrEngine implements OcrEngine {
  readonly id = 'ppocr' as const;
  readonly label = PPOCR_LABEL;
  private readonly init: WorkerInit;
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  private readonly timeoutMs: number;
  private readonly spawn: HostFactory;
  private broken: AppError | null = null;
  private closed = false;
  private modelsChecked = false;
  private nextId = 1;

  constructor(o: PpocrOptions = {}) {
    this.init = {
      models: o.models ?? packagedModels(),
      threads: o.threads ?? defaultPpocrThreads(),
      angle: o.angle ?? false,
      maxSide: o.maxSide ?? 1600,
    };
    this.timeoutMs = o.timeoutMs ?? 120_000;
    this.spawn = hostFactory(o.host ?? 'process');
    this.slots = Array.from({ length: Math.max(1, o.workers ?? 1) }, () => ({
      worker: null,
      ready: null,
      busy: false,
      pending: new Map(),
    }));
  }

  /** Loads the models in every worker; throws the model error when they do not load. */
  async warm(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.start(s)));
  }

  async readPage(page: GreyImage): Promise<OcrOutput> {
    return this.block(page, true);
  }

  async readBlock(image: GreyImage): Promise<OcrOutput> {
    return this.block(image, false);
  }

  async readLines(images: GreyImage[]): Promise<LineText[]> {
    if (images.length === 0) return [];
    const r = await this.request({ op: 'lines', images: images.map(wire) });
    if (r.type !== 'lines') throw unexpected(r);
    return r.results.map((x) => ({ text: x.text, confidence: x.confidence * 100 }));
  }

  /** Process ids of the running inference hosts (child processes only), for memory accounting. */
  get hostPids(): number[] {
    return this.slots.flatMap((s) => (s.worker?.pid ? [s.worker.pid] : []));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new AppError('JOB_CANCELLED'));
    await Promise.all(this.slots.map((s) => this.stop(s)));
  }

  private async block(image: GreyImage, dropNoise: boolean): Promise<OcrOutput> {
    const started = performance.now();
    const r = await this.request({ op: 'block', image: wire(image), dropNoise });
    if (r.type !== 'block') throw unexpected(r);
    const lines: OcrLine[] = r.lines.map((l) => {
      const confidence = l.confidence * 100;
      return { text: l.text, confidence, bbox: l.bbox, words: [{ text: l.text, confidence, bbox: l.bbox }] };
    });
    const chars = lines.reduce((s, l) => s + l.text.length, 0);
    return {
      text: rowMajorText(lines),
      confidence: chars ? lines.reduce((s, l) => s + l.confidence * l.text.length, 0) / chars : 0,
      lines,
      ms: performance.now() - started,
    };
  }

  private request(req: WorkerJob): Promise<WorkerReply> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new AppError('OCR_FAILED', '文字识别已停止'));
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    pumpSlots(this.slots, this.queue, (slot, task) => this.run(slot, task));
  }

  private async run(slot: Slot, task: Task): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await this.start(slot);
      const id = this.nextId++;
      const reply = new Promise<WorkerReply>((resolve, reject) => {
        slot.pending.set(id, resolve);
        timer = setTimeout(() => {
          slot.pending.delete(id);
          reject(new AppError('OCR_TIMEOUT', `文字识别超过 ${Math.round(this.timeoutMs / 1000)} 秒`));
        }, this.timeoutMs);
        // A watchdog only: a page cut short by shutdown must not hold the process open until it fires.
        timer.unref();
      });
      slot.worker!.post({ ...task.req, id } as WorkerRequest);
      const r = await reply;
      if (r.type === 'error') throw new AppError('OCR_FAILED', `文字识别失败：${r.message}`);
      task.resolve(r);
    } catch (e) {
      // A timed-out or crashed worker is dropped; the next task gets a fresh one.
      if (!(e instanceof AppError && e.code === 'OCR_FAILED')) await this.stop(slot);
      task.reject(e);
    } finally {
      clearTimeout(timer);
    }
  }

  private start(slot: Slot): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    if (slot.ready) return slot.ready;
    if (!this.modelsChecked) {
      try {
        checkModelFiles(this.init.models, this.init.angle);
      } catch (e) {
        this.broken = e as AppError;
        throw e;
      }
      this.modelsChecked = true;
    }
    let ready!: () => void;
    let fail!: (e: AppError) => void;
    let loaded = false;
    slot.ready = new Promise<void>((resolve, reject) => {
      ready = () => {
        loaded = true;
        resolve();
      };
      fail = reject;
    });
    // Every request in flight on this host gets this answer; run() turns it into OCR_FAILED.
    const failPending = (message: string) => {
      for (const [, done] of slot.pending) done({ type: 'error', id: -1, message });
      slot.pending.clear();
    };
    let host: InferenceHost;
    try {
      host = this.spawn(this.init, {
        message: (raw) => {
          const m = zWorkerReply.safeParse(raw);
          if (!m.success) return;
          const r = m.data;
          if (r.type === 'ready') ready();
          else if (r.type === 'load-error') {
            this.broken = loadError(r.file, r.message);
            fail(this.broken);
          } else slot.pending.get(r.id)?.(r);
        },
        error: (e) => {
          fail(unavailable(e.message));
          failPending(`PP-OCR 识别进程出错：${e.message}`);
        },
        exit: (reason) => {
          // Before the models loaded: the host cannot run here (the caller falls back); after: this page failed.
          if (!loaded) fail(unavailable(`识别进程启动后退出（${reason}）`));
          failPending(`PP-OCR 识别进程意外退出（${reason}）`);
          if (slot.worker === host) [slot.worker, slot.ready] = [null, null];
        },
      });
    } catch (e) {
      slot.ready = null;
      return Promise.reject(unavailable((e as Error)?.message ?? String(e)));
    }
    slot.worker = host;
    const starting = slot.ready;
    starting.catch(() => {
      if (slot.worker === host) [slot.worker, slot.ready] = [null, null];
      void host.terminate();
    });
    return starting;
  }

  private async stop(slot: Slot): Promise<void> {
    const w = slot.worker;
    [slot.worker, slot.ready] = [null, null];
    slot.pending.clear();
    if (w) await w.terminate();
  }
}

/** A worker that could not load: the file it names, or ONNX Runtime itself when none. */
function loadError(file: string, message: string): AppError {
  if (!file)
    return new AppError('OCR_ENGINE_UNAVAILABLE', `本机无法加载 ONNX Runtime，PP-OCR 不可用：${message}`, { message });
  return new AppError('OCR_MODEL_CORRUPT', `文字识别模型文件已损坏，无法加载：${file}`, { file, message });
}

const unavailable = (message: string) =>
  new AppError('OCR_ENGINE_UNAVAILABLE', `PP-OCR 识别进程无法运行：${message}`, { message });

const unexpected = (r: WorkerReply) => new AppError('OCR_FAILED', `PP-OCR 返回了意外的结果（${r.type}）`);

const wire = (img: GreyImage): WireImage => ({ data: img.data, width: img.width, height: img.height });
