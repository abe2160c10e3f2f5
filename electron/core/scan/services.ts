/**
 * The long-lived parts of digitization for one core: the file store, the OCR pool
 * (created on first use: loading the Chinese model costs a second or two per worker),
 * the queue runner, and the hot folder. One set per core (a service slot): started at boot
 * by the composition root, stopped and awaited when the core closes.
 */
import path from 'node:path';
import { type CoreContext, getMeta, defineService, serviceOf } from '../kernel';
import { OcrEngineHost, stageLangData, defaultPoolSize, OcrPool } from '../ocr';
import { OcrRunner } from './ocr-runner';
import { BlobStore } from '../storage';
import { HotFolderHost } from './hot-folder-host';

export interface ScanServices {
  store: BlobStore;
  runner: OcrRunner;
  /** Which engine reads forms and which plain text; PP-OCR's worker once started. */
  engines: OcrEngineHost;
  pool(): OcrPool;
  hotFolder: HotFolderHost;
  /** Scanner batches in progress, by batch id (cancelled through their AbortController). */
  scans: Map<string, AbortController>;
  /** Keeps a scanner batch's run so shutdown waits for it to close its batch after the abort. */
  track(run: Promise<unknown>): void;
  close(): Promise<void>;
}

/** Worker count: the administrator's setting, else two for every three cores. */
export function ocrWorkers(ctx: CoreContext): number {
  const set = Number(getMeta(ctx, 'ocr.workers'));
  return Number.isInteger(set) && set >= 1 && set <= 16 ? set : defaultPoolSize();
}

const scanServices = defineService<ScanServices>({
  name: 'scan',
  create: (ctx) => createServices(ctx),
  stop: (s) => s.close(),
});

export const servicesOf = (ctx: CoreContext): ScanServices => serviceOf(ctx, scanServices);

function createServices(ctx: CoreContext): ScanServices {
  const store = new BlobStore(ctx.dataDir);
  const workers = ocrWorkers(ctx);
  let pool: OcrPool | null = null;
  const poolOf = () =>
    (pool ??= new OcrPool({
      langDir: stageLangData(path.join(ctx.dataDir, 'cache')),
      size: workers,
      timeoutMs: (Number(getMeta(ctx, 'ocr.timeout_seconds')) || 180) * 1000,
    }));
  const engines = new OcrEngineHost(ctx);
  const runs = new Set<Promise<unknown>>();
  const s: ScanServices = {
    store,
    pool: poolOf,
    engines,
    runner: new OcrRunner(ctx, store, poolOf, engines, workers),
    hotFolder: new HotFolderHost(ctx, store),
    scans: new Map(),
    track: (run) => {
      const settled = run.catch(() => undefined).finally(() => runs.delete(settled));
      runs.add(settled);
    },
    close: async () => {
      // The file being taken in is finished first (it may queue OCR the runner then drops).
      await s.hotFolder.close();
      for (const c of s.scans.values()) c.abort();
      await Promise.allSettled([...runs]);
      // Jobs still running stay 'running' in the queue; the next start requeues them.
      s.runner.stop();
      await Promise.all([pool?.close(), engines.close()]);
      await s.runner.settled();
    },
  };
  s.hotFolder.onIngested = () => s.runner.kick();
  return s;
}
