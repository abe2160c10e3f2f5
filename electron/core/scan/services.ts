/**
 * The long-lived parts of digitization for one core: the file store, the OCR pool
 * (created on first use: loading the Chinese model costs a second or two per worker),
 * the queue runner, and the hot folder. Kept per database connection, like the caches.
 */
import path from 'node:path';
import { type CoreContext, getMeta } from '../kernel';
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
  close(): Promise<void>;
}

const services = new WeakMap<object, ScanServices>();

/** Worker count: the administrator's setting, else two for every three cores. */
export function ocrWorkers(ctx: CoreContext): number {
  const set = Number(getMeta(ctx, 'ocr.workers'));
  return Number.isInteger(set) && set >= 1 && set <= 16 ? set : defaultPoolSize();
}

export function servicesOf(ctx: CoreContext): ScanServices {
  const have = services.get(ctx.sqlite);
  if (have) return have;
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
  const s: ScanServices = {
    store,
    pool: poolOf,
    engines,
    runner: new OcrRunner(ctx, store, poolOf, engines, workers),
    hotFolder: new HotFolderHost(ctx, store),
    scans: new Map(),
    close: async () => {
      s.hotFolder.stop();
      for (const c of s.scans.values()) c.abort();
      // Jobs still running stay 'running' in the queue; the next start requeues them.
      s.runner.stop();
      await Promise.all([pool?.close(), engines.close()]);
    },
  };
  s.hotFolder.onIngested = () => s.runner.kick();
  services.set(ctx.sqlite, s);
  return s;
}

/** Stops the runner, the workers and the hot folder (the core is closing). */
export async function stopServices(ctx: CoreContext): Promise<void> {
  const s = services.get(ctx.sqlite);
  services.delete(ctx.sqlite);
  await s?.close();
}
