/**
 * Starts a worker thread on one of the project's own TypeScript files, wherever the core
 * runs. From source (tsx: the CLI, `dangan serve`, vitest) the worker registers tsx
 * first and then imports the .ts entry; in the bundled app the entry is the sibling
 * `<name>.cjs` that scripts/package/build-electron.mjs writes next to main.cjs (as the
 * PP-OCR host in ocr/ppocr/spawn.ts does).
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * `here`: the caller's `import.meta.url` (empty in the bundle); `entry`: the worker's .ts
 * file relative to it; `bundled`: its bundle's file name beside main.cjs. `workerData` is
 * cloned to the worker.
 */
export function startTsWorker(here: string | undefined, entry: string, bundled: string, workerData: unknown): Worker {
  if (!here || !here.endsWith('.ts')) {
    // Bundled (CommonJS): __dirname is dist-electron, where the worker bundle sits.
    return new Worker(`${__dirname}/${bundled}`, { workerData });
  }
  const tsx = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const file = pathToFileURL(fileURLToPath(new URL(entry, here))).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`,
    { eval: true, workerData },
  );
}
