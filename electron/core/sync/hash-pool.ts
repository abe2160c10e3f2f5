/**
 * SHA-256 of many files off the request path: above a few MB in all, two worker threads
 * hash the list (split by bytes, so both cores work) while the calling thread only waits,
 * and `system.status` and other users' calls keep answering (a 300 MB payload hashed on
 * the calling thread held every caller for seconds). The worker is plain JavaScript
 * evaluated from a string (node:fs and node:crypto only), so it runs the same from the
 * TypeScript sources, the bundled Electron main process and the CLI. Small lists stay on
 * one thread (starting a worker costs some tens of milliseconds; a few MB hash in a few).
 * Files come from outside: each must be a regular file (no link, FIFO or device:
 * `/dev/zero` would hash forever) and is read no further than its limit; refusals come
 * back as errors ENOTREG and EFBIG.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { BoundedFileError, openRegularFile } from '../kernel';

export type FileHash = { sha256: string; size: number } | { error: string };

/** Open flags the worker uses (as openRegularFile): no link followed, no wait on a FIFO. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

const CHUNK = 1 << 20;
/** Below this many bytes in all, the calling thread (well under 100 ms even on a busy machine). */
const OFF_THREAD_FROM = 8 * 1024 * 1024;

const WORKER = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const buf = Buffer.allocUnsafe(${CHUNK});
const refuse = (code) => Object.assign(new Error(code), { code });
parentPort.once('message', ({ files, limits }) => {
  const out = files.map((file, i) => {
    let fd = -1;
    try {
      const limit = limits[i];
      const before = fs.lstatSync(file);
      if (!before.isFile()) throw refuse('ENOTREG');
      if (before.size > limit) throw refuse('EFBIG');
      try {
        fd = fs.openSync(file, ${OPEN_FLAGS});
      } catch (e) {
        throw e && (e.code === 'ELOOP' || e.code === 'ENXIO') ? refuse('ENOTREG') : e;
      }
      const st = fs.fstatSync(fd);
      if (!st.isFile() || st.ino !== before.ino || st.dev !== before.dev) throw refuse('ENOTREG');
      const hash = createHash('sha256');
      let size = 0;
      for (let n; (n = fs.readSync(fd, buf, 0, ${CHUNK}, null)) > 0; size += n) {
        if (size + n > limit) throw refuse('EFBIG');
        hash.update(buf.subarray(0, n));
      }
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

/** One regular file's SHA-256 and size, read in 1 MiB pieces and never past `limit` bytes. */
export function hashFile(file: string, limit = Number.MAX_SAFE_INTEGER): { sha256: string; size: number } {
  const hash = createHash('sha256');
  const buf = (shared ??= Buffer.allocUnsafe(CHUNK));
  const { fd } = openRegularFile(file, limit);
  let size = 0;
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, CHUNK, null)) > 0; size += n) {
      // A file that grows while read (still a regular file) stops at its limit.
      if (size + n > limit) throw new BoundedFileError('too-big', file, size + n);
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return { sha256: hash.digest('hex'), size };
}

function hashOrError(file: string, limit?: number): FileHash {
  try {
    return hashFile(file, limit);
  } catch (e) {
    return { error: String((e as NodeJS.ErrnoException).code ?? e) };
  }
}

/** Hashes `files` on this thread; `limits[i]` caps file i (no cap where absent). */
export const hashFilesSync = (files: readonly string[], limits?: readonly number[]): FileHash[] =>
  files.map((f, i) => hashOrError(f, limits?.[i]));

/**
 * Hashes `files` (results in the same order); `limits[i]` caps file i. Sizes by lstat
 * decide the split (a file that is no regular file counts nothing and is refused).
 */
export async function hashFiles(files: readonly string[], limits?: readonly number[]): Promise<FileHash[]> {
  const bytes = files.map((f) => sizeOf(f));
  const total = bytes.reduce((n, b) => n + b, 0);
  if (total < OFF_THREAD_FROM) return hashFilesSync(files, limits);
  const limitOf = (i: number) => limits?.[i] ?? Number.MAX_SAFE_INTEGER;
  // The first worker takes the first half of the bytes, the second the rest.
  let cut = 0;
  for (let acc = 0; cut < files.length - 1 && acc < total / 2; cut++) acc += bytes[cut]!;
  const idx = files.map((_, i) => i);
  const shares = [idx.slice(0, cut), idx.slice(cut)].filter((s) => s.length > 0);
  const out = await Promise.all(
    shares.map((s) =>
      inWorker(
        s.map((i) => files[i]!),
        s.map(limitOf),
      ),
    ),
  );
  return out.flat();
}

/**
 * One share hashed in a worker thread. A worker that fails to run (not a file that fails
 * to read) leaves its share to this thread: slower for everyone, but the same answer.
 */
async function inWorker(files: string[], limits: number[]): Promise<FileHash[]> {
  let worker: Worker;
  try {
    worker = new Worker(WORKER, { eval: true });
  } catch {
    return hashFilesSync(files, limits);
  }
  const got = await new Promise<FileHash[] | null>((resolve) => {
    worker.once('message', (out: FileHash[]) => resolve(out));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
    worker.postMessage({ files, limits });
  });
  void worker.terminate();
  return got ?? hashFilesSync(files, limits);
}

function sizeOf(file: string): number {
  try {
    const st = fs.lstatSync(file);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}
