/**
 * Writes one bundle directory onto a stick so that only a finished bundle ever looks
 * finished: everything goes into `<name>.partial/`, each file as `<file>.partial` that is
 * fsynced then renamed, the signature last, then the directory is renamed to its final
 * name and the stick's folder fsynced. A full, write-protected or pulled stick becomes
 * STICK_FULL / STICK_READ_ONLY / STICK_GONE and the partial directory is removed when the
 * stick still allows it (left over, it has neither the final name nor a signature).
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '../../contract/errors';
import { AppError } from '../kernel';
import { fsyncDir } from '../storage';

export interface WrittenFile {
  path: string;
  sha256: string;
  size: number;
}

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);
const GONE = new Set(['ENOENT', 'EIO', 'ENODEV', 'ENXIO', 'ESTALE', 'ENOTDIR', 'EBADF']);

/** Maps a file-system error on the stick to a stable code; other errors pass through. */
export function stickError(e: unknown, where: string): unknown {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const map: ErrorCode | null = FULL.has(code)
    ? 'STICK_FULL'
    : READ_ONLY.has(code)
      ? 'STICK_READ_ONLY'
      : GONE.has(code)
        ? 'STICK_GONE'
        : null;
  return map ? new AppError(map, undefined, { path: where, errno: code }) : e;
}

/** Free bytes on the file system holding `dir` (null where statfs is unavailable). */
export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/** Headroom for directory entries and file-system rounding (FAT32 clusters are up to 32 KiB). */
export const SPACE_MARGIN = 1024 * 1024;

/** Deferred flushes in flight at most (libuv's pool has four threads; the rest queue). */
const MAX_IN_FLIGHT = 8;

export class BundleWriter {
  readonly finalDir: string;
  readonly partialDir: string;
  private done = false;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;

  /** `onWrite` is called after each chunk (progress; tests use it to pull the stick). */
  constructor(
    readonly outDir: string,
    readonly name: string,
    private readonly onWrite?: (bytes: number) => void,
  ) {
    this.finalDir = path.join(outDir, name);
    this.partialDir = path.join(outDir, `${name}.partial`);
  }

  /** Checks the stick is there, writable and roomy enough, then creates the partial directory. */
  begin(neededBytes: number): void {
    try {
      if (!fs.statSync(this.outDir).isDirectory()) throw new AppError('STICK_GONE', undefined, { path: this.outDir });
    } catch (e) {
      throw stickError(e, this.outDir);
    }
    if (fs.existsSync(this.finalDir)) throw new AppError('BUNDLE_EXISTS', undefined, { path: this.finalDir });
    const free = freeBytes(this.outDir);
    if (free !== null && free < neededBytes + SPACE_MARGIN) {
      throw new AppError(
        'STICK_FULL',
        `U 盘空间不足：需要约 ${mb(neededBytes + SPACE_MARGIN)} MB，可用 ${mb(free)} MB。数据包未写入。`,
        { needed: neededBytes + SPACE_MARGIN, free },
      );
    }
    try {
      fs.rmSync(this.partialDir, { recursive: true, force: true });
      fs.mkdirSync(this.partialDir);
    } catch (e) {
      throw stickError(e, this.partialDir);
    }
  }

  /** Writes a whole file (small ones: tag files, the changes). */
  writeFile(rel: string, bytes: Uint8Array): WrittenFile {
    return this.writeChunks(rel, [bytes]);
  }

  /** Streams a file (encrypted scans) chunk by chunk. */
  async writeStream(rel: string, stream: ReadableStream<Uint8Array>): Promise<WrittenFile> {
    const { fd, tmp, target } = this.open(rel);
    const hash = createHash('sha256');
    let size = 0;
    try {
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += this.writePiece(fd, hash, value);
      }
      fs.fsyncSync(fd);
    } catch (e) {
      throw stickError(e, tmp);
    } finally {
      closeQuietly(fd);
    }
    this.rename(tmp, target);
    return { path: rel, sha256: hash.digest('hex'), size };
  }

  /**
   * Writes a file from pieces produced on demand (hashed as they are written), then
   * flushes it in the background: fdatasync on libuv's thread pool, then close and
   * rename. Several flushes in flight let the file system commit them together (one
   * fsync after another costs a journal commit each), and the next file is encrypted
   * meanwhile. `settle()` waits for all of them; nothing is signed before it returns.
   */
  async writeDeferred(rel: string, pieces: Iterable<Uint8Array>): Promise<WrittenFile> {
    this.throwIfFailed();
    while (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const { fd, tmp, target } = this.open(rel);
    const hash = createHash('sha256');
    let size = 0;
    try {
      for (const c of pieces) size += this.writePiece(fd, hash, c);
    } catch (e) {
      closeQuietly(fd);
      throw stickError(e, tmp);
    }
    const flushed = new Promise<void>((resolve) => {
      fs.fdatasync(fd, (err) => {
        closeQuietly(fd);
        try {
          if (err) throw err;
          fs.renameSync(tmp, target);
        } catch (e) {
          this.failure ??= stickError(e, target);
        }
        resolve();
      });
    });
    this.inFlight.add(flushed);
    void flushed.then(() => this.inFlight.delete(flushed));
    return { path: rel, sha256: hash.digest('hex'), size };
  }

  /** Waits until every deferred file is flushed and renamed; throws the first failure. */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  /** Waits for the deferred flushes without throwing (before `abort()` removes their files). */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight);
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** One piece of a file: written, hashed and counted for progress; returns its length. */
  private writePiece(fd: number, hash: Hash, piece: Uint8Array): number {
    writeAll(fd, piece);
    hash.update(piece);
    this.onWrite?.(piece.length);
    return piece.length;
  }

  private writeChunks(rel: string, chunks: Uint8Array[]): WrittenFile {
    const { fd, tmp, target } = this.open(rel);
    const hash = createHash('sha256');
    let size = 0;
    try {
      for (const c of chunks) size += this.writePiece(fd, hash, c);
      fs.fsyncSync(fd);
    } catch (e) {
      throw stickError(e, tmp);
    } finally {
      closeQuietly(fd);
    }
    this.rename(tmp, target);
    return { path: rel, sha256: hash.digest('hex'), size };
  }

  private open(rel: string): { fd: number; tmp: string; target: string } {
    const target = path.join(this.partialDir, ...rel.split('/'));
    const tmp = `${target}.partial`;
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      return { fd: fs.openSync(tmp, 'wx'), tmp, target };
    } catch (e) {
      throw stickError(e, tmp);
    }
  }

  private rename(tmp: string, target: string): void {
    try {
      fs.renameSync(tmp, target);
    } catch (e) {
      throw stickError(e, target);
    }
  }

  /** Makes the bundle final: fsyncs its folders, renames it into place, fsyncs the stick's folder. */
  commit(): void {
    try {
      for (const d of dirsUnder(this.partialDir)) fsyncDir(d);
      fs.renameSync(this.partialDir, this.finalDir);
      fsyncDir(this.outDir);
      this.done = true;
    } catch (e) {
      throw stickError(e, this.finalDir);
    }
  }

  /** After a failure: removes the partial directory if the stick still lets us. */
  abort(): void {
    if (this.done) return;
    try {
      fs.rmSync(this.partialDir, { recursive: true, force: true });
    } catch {
      // A pulled or write-protected stick: what is left has no final name and no signature.
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at, bytes.length - at);
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // The stick may be gone; the error that matters was already raised.
  }
}

function dirsUnder(root: string): string[] {
  const out = [root];
  for (const e of fs.readdirSync(root, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...dirsUnder(path.join(root, e.name)));
  }
  return out.reverse();
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Writes one small file atomically (receipts, the head marker): temp, fsync, rename, fsync the folder. */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.partial`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(tmp, 'w');
    try {
      writeAll(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      closeQuietly(fd);
    }
    fs.renameSync(tmp, file);
    fsyncDir(path.dirname(file));
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // ignore
    }
    throw stickError(e, file);
  }
}
