/**
 * Starts an inference worker. From source (tsx: the CLI, tests, benchmarks) the worker
 * is TypeScript and registers tsx first; in the bundled app it is the sibling
 * `ppocr-worker.cjs` that scripts/package/build-electron.mjs writes next to main.cjs.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerInit } from './protocol';

export function spawnWorker(init: WorkerInit): Worker {
  const here = import.meta.url;
  if (!here || !here.endsWith('.ts')) {
    // Bundled (CommonJS): __dirname is dist-electron, where the worker bundle sits.
    return new Worker(`${__dirname}/ppocr-worker.cjs`, { workerData: init });
  }
  const entry = new URL('./worker.ts', here).href;
  const tsx = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, workerData: init });
}
