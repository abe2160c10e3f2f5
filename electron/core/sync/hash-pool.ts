/**
 * SHA-256 of many files on two cores: a worker thread hashes part of the list (by bytes)
 * while the calling thread hashes the rest. The worker is plain JavaScript evaluated from
 * a string (node:fs and node:crypto only), so it runs the same from the TypeScript
 * sources, the bundled Electron main process and the CLI. Small lists stay on one thread
 * (starting a worker costs some tens of milliseconds).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';

export type FileHash = { sha256: string; size: number } | { error: string };

const CHUNK = 1 << 20;
/** Below this many bytes in all, one thread. */
const PARALLEL_FROM = 32 * 1024 * 1024;

const WORKER = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const buf = Buffer.allocUnsafe(${CHUNK});
parentPort.once('message', (files) => {
  const out = files.map((file) => {
    let fd = -1;
    try {
      const hash = createHash('sha256');
      let size = 0;
      fd = fs.openSync(file, 'r');
      for (let n; (n = fs.readSync(fd, buf, 0, ${CHUNK}, null)) > 0; size += n) hash.update(buf.subarray(0, n));
      return { sha256: hash.digest('hex'), size };
    } catch (e) {
      return { error: String((e && e.code) || e) };
    } finally {
      if (fd >= 0) fs.closeSync(fd);
    }
  });
  parentPort.postMessage(out);
});
`;

let shared: Buffer | null = null;

/** One file's SHA-256 and size, read in 1 MiB pieces. */
export function hashFile(file: string): { sha256: string; size: number } {
  const hash = createHash('sha256');
  const buf = (shared ??= Buffer.allocUnsafe(CHUNK));
  const fd = fs.openSync(file, 'r');
  let size = 0;
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, CHUNK, null)) > 0; size += n) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return { sha256: hash.digest('hex'), size };
}

function hashOrError(file: string): FileHash {
  try {
    return hashFile(file);
  } catch (e) {
    return { error: String((e as NodeJS.ErrnoException).code ?? e) };
  }
}

export const hashFilesSync = (files: readonly string[]): FileHash[] => files.map(hashOrError);

/** Hashes `files` (results in the same order); `sizes` (bytes, where known) decide the split. */
export async function hashFiles(files: readonly string[], sizes?: readonly number[]): Promise<FileHash[]> {
  const bytes = sizes ?? files.map((f) => sizeOf(f));
  const total = bytes.reduce((n, b) => n + b, 0);
  if (files.length < 2 || total < PARALLEL_FROM) return hashFilesSync(files);
  // The worker takes the first half of the bytes (it starts a little later; the list's end is ours).
  const theirs: string[] = [];
  let acc = 0;
  while (theirs.length < files.length - 1 && acc < total / 2) {
    acc += bytes[theirs.length]!;
    theirs.push(files[theirs.length]!);
  }
  let worker: Worker;
  try {
    worker = new Worker(WORKER, { eval: true });
  } catch {
    return hashFilesSync(files);
  }
  const fromWorker = new Promise<FileHash[] | null>((resolve) => {
    worker.once('message', (out: FileHash[]) => resolve(out));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  worker.postMessage(theirs);
  const ours = files.slice(theirs.length).map(hashOrError);
  const got = await fromWorker;
  void worker.terminate();
  // A worker that failed to run (not a file that failed to read): hash its share here.
  return [...(got ?? theirs.map(hashOrError)), ...ours];
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
