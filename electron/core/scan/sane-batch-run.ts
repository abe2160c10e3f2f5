/**
 * Watching one `scanimage --batch` process. scanimage says "Scanning page N" only after
 * page N-1 is closed (and, since 1.0.28, renamed from page-….png.part), so a page is handed
 * to `onPage` when the next one starts or scanimage exits by itself — never while it may
 * still be half-written. Pages already handed over stay; anything else the run left behind
 * is removed when it ends.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../kernel';
import type { ScanBatchOptions, ScanBatchResult, ScanMetadata } from './sane-types';
import { FEEDER_EMPTY, feederEmptyError, pageTimeoutError, saneFailure } from './sane-errors';
import { notInstalled, saneBin, saneEnv, stopProcess } from './sane-process';

const DEFAULT_PAGE_TIMEOUT_MS = 120_000;
/** libsane statuses that mean the page came through: SANE_STATUS_GOOD and SANE_STATUS_EOF. */
const PAGE_OK = new Set([0, 5]);
export const PAGE_FILE = /^page-(\d+)\.png(\.part)?$/;

export const pagePath = (outDir: string, n: number): string =>
  path.join(outDir, `page-${String(n).padStart(4, '0')}.png`);

type Outcome = Pick<ScanBatchResult, 'pages' | 'endedBy'>;

export function runBatch(args: string[], first: number, meta: ScanMetadata, opts: ScanBatchOptions): Promise<Outcome> {
  const pageTimeoutMs = opts.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(saneBin(opts), args, { env: saneEnv(opts.env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let pending = '';
    let scannedOk: number | null = null; // scanned fine, file maybe not closed yet
    const handedOver = new Set<number>();
    let delivered = 0;
    let chain = Promise.resolve();
    let stopped: 'cancelled' | 'timeout' | 'callback' | null = null;
    let callbackError: unknown;
    let timer: NodeJS.Timeout | undefined;

    const stop = (why: NonNullable<typeof stopped>) => {
      stopped ??= why;
      stopProcess(child);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => stop('timeout'), pageTimeoutMs);
    };
    const onAbort = () => stop('cancelled');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    arm();

    const handOver = (n: number) => {
      chain = chain.then(async () => {
        // After a cancel (or a failing onPage) nothing more is handed over; the file goes in clean-up.
        if (stopped === 'cancelled' || stopped === 'callback') return;
        const file = pagePath(opts.outDir, n);
        if (!fs.existsSync(file)) return;
        handedOver.add(n);
        try {
          await opts.onPage({ index: n, path: file, meta });
          delivered++;
        } catch (e) {
          callbackError = e;
          stop('callback');
        }
      });
    };

    const onLine = (line: string) => {
      const started = /^Scanning page (\d+)/.exec(line);
      if (started) {
        arm();
        if (scannedOk !== null) handOver(scannedOk);
        scannedOk = null;
        return;
      }
      const scanned = /^Scanned page (\d+)\. \(scanner status = (\d+)\)/.exec(line);
      if (scanned) {
        arm();
        if (PAGE_OK.has(Number(scanned[2]))) scannedOk = Number(scanned[1]);
      }
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(onLine);
    });

    const finish = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish();
      reject(e.code === 'ENOENT' ? notInstalled(saneBin(opts)) : e);
    });
    child.on('close', (code) => {
      finish();
      if (pending) onLine(pending);
      // A page is only taken at exit when scanimage ended by itself: if we killed it, the
      // last file may not have been closed.
      if (scannedOk !== null && stopped === null) handOver(scannedOk);
      chain
        .then(() => {
          removeLeftovers(opts.outDir, first, handedOver);
          if (stopped === 'callback') throw callbackError;
          if (stopped === 'cancelled') return { pages: delivered, endedBy: 'cancelled' as const };
          if (stopped === 'timeout') throw pageTimeoutError(delivered, pageTimeoutMs);
          if (FEEDER_EMPTY.test(stderr)) {
            if (delivered === 0) throw feederEmptyError();
            return { pages: delivered, endedBy: 'feeder-empty' as const };
          }
          if (code !== 0) throw saneFailure({ pagesDelivered: delivered, exitCode: code, stderr });
          if (delivered === 0) throw new AppError('SCAN_FAILED', '扫描仪没有送出任何页面', { stderr });
          return { pages: delivered, endedBy: 'done' as const };
        })
        .then(resolve, reject);
    });
  });
}

/** Removes this run's files that were never handed over: partial pages, and pages after a cancel. */
function removeLeftovers(outDir: string, first: number, handedOver: Set<number>): void {
  if (!fs.existsSync(outDir)) return;
  for (const name of fs.readdirSync(outDir)) {
    const m = PAGE_FILE.exec(name);
    if (!m) continue;
    const n = Number(m[1]);
    if (n >= first && (m[2] || !handedOver.has(n))) fs.rmSync(path.join(outDir, name), { force: true });
  }
}
