/**
 * Intake's decode and page preparation in a worker thread (page-worker.ts), so
 * `system.status` and other users' calls answer while pdf.js and the per-pixel steps
 * (seal drop-out, deskew, crop, despeckle) work: three 22-megapixel PDF pages held the
 * event loop for 2.35 s. The worker runs the same preparePages as the calling thread,
 * so the bytes are the same. Pages come back as buffers; storing them and the database
 * writes stay with the caller.
 *
 * Starting a worker costs a fraction of a second (it loads sharp and pdf.js), so one that
 * finished a file is kept for the next for a while (unref'd: it never keeps the process
 * alive); calls at the same time each get their own. Small files stay on the calling
 * thread, where they take less than starting a worker would. A worker that cannot start
 * (no bundle beside main.cjs, no threads) leaves the work to the calling thread, as
 * hash-pool.ts does; a refusal (AppError) is thrown again here as it was.
 */
import sharp from 'sharp';
import type { Worker } from 'node:worker_threads';
import { AppError, startTsWorker } from '../kernel';
import { sniffFormat } from './format';
import { declaredImages } from './pdf-sizes';
import { type PageOutcome, preparePages } from './prepare-file';

export interface PageJob {
  id: number;
  bytes: Uint8Array;
  name: string;
  scanDpi: number | undefined;
}

/** What page-worker.ts posts: once that it started, then per job its pages or its refusal. */
export type PageReply =
  | { started: true }
  | { id: number; ok: true; pages: PageOutcome[] }
  | { id: number; ok: false; app: boolean; code: string; message: string; details?: unknown };

/** Below this many pixels in all the calling thread prepares the file (well under 0.3 s of work). */
export const OFF_THREAD_PIXELS = 2_000_000;
/** How long a finished worker waits for the next file before it ends. */
const IDLE_MS = 30_000;

/** Pixels the file declares, from headers only (no pixel is decoded); 0 when unknown. */
export async function declaredPixels(bytes: Buffer): Promise<number> {
  const format = sniffFormat(bytes);
  if (format === 'pdf') return declaredImages(bytes).reduce((a, b) => a + b, 0);
  if (!format) return 0;
  try {
    const m = await sharp(bytes, { limitInputPixels: false }).metadata();
    return (m.width ?? 0) * (m.height ?? 0) * (m.pages ?? 1);
  } catch {
    return 0;
  }
}

/** Every page of the file, prepared in a worker when it is large enough to hold the thread. */
export async function prepareIncoming(bytes: Buffer, name: string, scanDpi?: number): Promise<PageOutcome[]> {
  if ((await declaredPixels(bytes)) < OFF_THREAD_PIXELS) return preparePages(bytes, name, scanDpi);
  return preparePagesOffThread(bytes, name, scanDpi);
}

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
}
let idle: Idle | null = null;
let nextId = 1;

/** An idle worker, or a new one once it has said it started; null when none can start. */
async function takeWorker(): Promise<Worker | null> {
  if (idle) {
    const { worker, timer } = idle;
    idle = null;
    clearTimeout(timer);
    clearListeners(worker);
    worker.ref();
    return worker;
  }
  let worker: Worker;
  try {
    worker = startTsWorker(import.meta.url, './page-worker.ts', 'page-worker.cjs', undefined);
  } catch {
    return null;
  }
  const started = await new Promise<boolean>((resolve) => {
    worker.once('message', () => resolve(true));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  clearListeners(worker);
  if (!started) void worker.terminate();
  return started ? worker : null;
}

/** Only these events: Node's own listeners (on newListener and the like) must stay. */
function clearListeners(worker: Worker): void {
  for (const event of ['message', 'error', 'exit'] as const) worker.removeAllListeners(event);
}

function release(worker: Worker): void {
  clearListeners(worker);
  if (idle) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const timer = setTimeout(() => {
    if (idle?.worker === worker) idle = null;
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle = { worker, timer };
  // An idle worker that fails or dies is simply forgotten.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    if (idle?.worker === worker) idle = null;
  });
}

/** Buffers arrive as plain Uint8Arrays; callers expect Buffers. */
const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The file's pages prepared in a worker thread (on this thread if no worker can start). */
export async function preparePagesOffThread(bytes: Buffer, name: string, scanDpi?: number): Promise<PageOutcome[]> {
  const worker = await takeWorker();
  if (!worker) return preparePages(bytes, name, scanDpi);
  const job: PageJob = { id: nextId++, bytes, name, scanDpi };
  const reply = await new Promise<PageReply>((resolve, reject) => {
    worker.on('message', (r: PageReply) => {
      if ('id' in r && r.id === job.id) resolve(r);
    });
    worker.once('error', (e) => reject(new Error(`图像处理线程出错：${e.message}`)));
    worker.once('exit', (code) => reject(new Error(`图像处理线程意外退出（退出码 ${code}）`)));
    worker.postMessage(job);
  }).catch((e: unknown) => {
    void worker.terminate();
    throw e;
  });
  release(worker);
  if (!('id' in reply)) throw new Error('图像处理线程应答有误');
  if (!reply.ok) {
    if (reply.app) throw new AppError(reply.code as AppError['code'], reply.message, reply.details);
    throw new Error(reply.message);
  }
  return reply.pages.map((o) =>
    o.ok ? { ok: true, page: { ...o.page, png: asBuffer(o.page.png), thumbnail: asBuffer(o.page.thumbnail) } } : o,
  );
}
