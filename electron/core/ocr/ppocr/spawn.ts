/**
 * Where PP-OCR's inference runs: a child process by default, or a worker thread. The
 * engine talks to either through the same small interface, so another transport (an
 * Electron utilityProcess, say) only needs a factory.
 *
 * A child process, because ONNX Runtime's native allocations behave better there and
 * the app is safer: glibc gives every thread that allocates its own malloc arena, and
 * ONNX Runtime's intra-op threads leave hundreds of MB of freed-but-kept arena memory
 * in whatever process hosts them (MALLOC_ARENA_MAX caps that, and only at process
 * start); a native crash or a page that runs past its time limit takes down only the
 * child, which a kill stops for certain (a thread inside native code cannot be stopped).
 *
 * From source (tsx: the CLI, tests, benchmarks) the entry is worker.ts with tsx
 * registered first; in the bundled app it is the sibling `ppocr-worker.cjs` that
 * scripts/package/build-electron.mjs writes next to main.cjs. Inside Electron the child
 * is Electron's own binary run as plain Node (ELECTRON_RUN_AS_NODE).
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerRequest } from './protocol';

export type HostKind = 'process' | 'thread';

export interface HostEvents {
  message(m: unknown): void;
  /** The host could not start or failed outside any request (a worker's uncaught error). */
  error(e: Error): void;
  /** The host is gone: exited, crashed or was killed. */
  exit(reason: string): void;
}

export interface InferenceHost {
  /** The child's process id, for memory accounting; null for a thread. */
  readonly pid: number | null;
  post(m: WorkerRequest): void;
  terminate(): Promise<void>;
}

export type HostFactory = (init: WorkerInit, on: HostEvents) => InferenceHost;

/**
 * glibc's malloc settings for the inference process: two arenas instead of up to eight
 * per core (each ONNX Runtime thread grabs its own and keeps what it freed). Measured on
 * the bench pages: 150–200 MB less at the host's peak. A fixed MALLOC_MMAP_THRESHOLD_
 * would return big tensors at once too (−100 MB at 16 MB, −300 MB at 1 MB), but every
 * tensor above it then costs fresh zeroed pages: 30–140 % more CPU per page, so no.
 */
export const MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
};

/** The worker entry and how to run it: the bundle beside main.cjs, or worker.ts through tsx. */
function entry(): { file: string; tsx: string | null } {
  const here = import.meta.url;
  // Bundled (CommonJS): __dirname is dist-electron, where the worker bundle sits.
  if (!here || !here.endsWith('.ts')) return { file: `${__dirname}/ppocr-worker.cjs`, tsx: null };
  const tsx = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  return { file: fileURLToPath(new URL('./worker.ts', here)), tsx };
}

export const processHost: HostFactory = (init, on) => {
  const { file, tsx } = entry();
  const esm = tsx ? pathToFileURL(createRequire(tsx).resolve('tsx/esm')).href : null;
  const child = fork(file, [JSON.stringify(init)], {
    // The parent's flags (inspector, heap limits, vitest's loaders) are not the child's business.
    execArgv: esm ? ['--import', esm] : [],
    // Settings already in the environment win: whoever set them meant it.
    env: { ...MALLOC_ENV, ...process.env, ...(process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}) },
    // Structured clone: page pixels travel as bytes, not as JSON arrays of numbers.
    serialization: 'advanced',
    // stdout is the CLI's (`dangan ocr --json`); the child's warnings go to stderr.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let gone: Promise<void> | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (m) => on.message(m));
  child.on('error', (e) => on.error(e));
  child.on('exit', (code, signal) => on.exit(signal ? `信号 ${signal}` : `退出码 ${code}`));
  return {
    pid: child.pid ?? null,
    post: (m) => {
      if (child.connected) child.send(m);
      else on.error(new Error('PP-OCR 识别进程已退出'));
    },
    terminate: () =>
      (gone ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          await exited;
        }
      })()),
  };
};

export const threadHost: HostFactory = (init, on) => {
  const { file, tsx } = entry();
  const worker = tsx
    ? new Worker(
        `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`,
        { eval: true, workerData: init },
      )
    : new Worker(file, { workerData: init });
  worker.on('message', (m) => on.message(m));
  worker.on('error', (e) => on.error(e));
  worker.on('exit', (code) => on.exit(`退出码 ${code}`));
  return {
    pid: null,
    post: (m) => worker.postMessage(m),
    terminate: async () => {
      await worker.terminate();
    },
  };
};

export const hostFactory = (kind: HostKind | HostFactory): HostFactory =>
  typeof kind === 'function' ? kind : kind === 'thread' ? threadHost : processHost;
