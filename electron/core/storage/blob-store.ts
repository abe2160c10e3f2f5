/**
 * The content-addressed file store for scans and their derived files (DA/T 31: originals
 * kept byte for byte). A file is named by the sha256 of its bytes, under two levels of
 * fan-out (files/ab/cd/abcd…), so the name is its fixity check and the same page stored
 * twice is one file. Writes go to a temp file that is fsynced, then renamed into place
 * and the directory fsynced: a crash leaves either the whole file or only a temp file,
 * never a short file under a hash name. Stored files are read-only.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface FixityProblem {
  sha256: string;
  problem: 'missing' | 'altered';
}

const SHA256 = /^[0-9a-f]{64}$/;
const CHUNK = 1 << 20;

export class BlobStore {
  readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files');
    this.tmp = path.join(this.root, 'tmp');
    fs.mkdirSync(this.tmp, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256 name: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  read(sha256: string): Buffer {
    return fs.readFileSync(this.pathOf(sha256));
  }

  /** Stores bytes; returns their name. Storing bytes already present writes nothing. */
  put(bytes: Uint8Array): StoredBlob {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (this.has(sha256)) return { sha256, size: bytes.length };
    const temp = this.tempPath();
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at, Math.min(CHUNK, bytes.length - at));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.commit(temp, sha256);
    return { sha256, size: bytes.length };
  }

  /** Copies a file in (hashing as it reads, so a large scan is never held in memory whole). */
  putFile(source: string): StoredBlob {
    const temp = this.tempPath();
    const hash = createHash('sha256');
    const input = fs.openSync(source, 'r');
    const output = fs.openSync(temp, 'wx', 0o600);
    let size = 0;
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      for (let n; (n = fs.readSync(input, buf, 0, CHUNK, null)) > 0; size += n) {
        hash.update(buf.subarray(0, n));
        for (let at = 0; at < n;) at += fs.writeSync(output, buf, at, n - at);
      }
      fs.fsyncSync(output);
    } finally {
      fs.closeSync(input);
      fs.closeSync(output);
    }
    const sha256 = hash.digest('hex');
    if (this.has(sha256)) fs.rmSync(temp);
    else this.commit(temp, sha256);
    return { sha256, size };
  }

  /** A batch of new files whose flushes overlap (see BlobBatch). */
  batch(maxInFlight?: number): BlobBatch {
    return new BlobBatch(this, maxInFlight);
  }

  /** A fresh temp file name in the store's temp folder (same file system as the store). */
  tempPath(): string {
    return path.join(this.tmp, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
  }

  /** Recomputes a stored file's hash: null when it is intact. */
  verify(sha256: string): FixityProblem | null {
    const file = this.pathOf(sha256);
    if (!fs.existsSync(file)) return { sha256, problem: 'missing' };
    const hash = createHash('sha256');
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      for (let n; (n = fs.readSync(fd, buf, 0, CHUNK, null)) > 0;) hash.update(buf.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
    return hash.digest('hex') === sha256 ? null : { sha256, problem: 'altered' };
  }

  /** Checks every named file (the database's list), reporting progress; returns the problems. */
  verifyAll(names: Iterable<string>, onProgress?: (done: number) => void): FixityProblem[] {
    const problems: FixityProblem[] = [];
    let done = 0;
    for (const sha256 of names) {
      const p = this.verify(sha256);
      if (p) problems.push(p);
      onProgress?.(++done);
    }
    return problems;
  }

  /** Removes temp files a crash left behind (none of them is ever a stored file). */
  sweepTemp(): number {
    const names = fs.readdirSync(this.tmp);
    for (const n of names) fs.rmSync(path.join(this.tmp, n), { force: true });
    return names.length;
  }

  private commit(temp: string, sha256: string): void {
    const target = this.pathOf(sha256);
    const dir = path.dirname(target);
    fs.mkdirSync(dir, { recursive: true });
    fs.chmodSync(temp, 0o444);
    fs.renameSync(temp, target);
    fsyncDir(dir);
  }
}

const fsyncAsync = promisify(fs.fsync);
const closeAsync = promisify(fs.close);
const openAsync = promisify(fs.open);
const writevAsync = promisify(fs.writev);

/** A file's bytes held in memory up to this size (then spilled to its temp file as they come). */
const HOLD_BYTES = 16 * 1024 * 1024;

/**
 * Many new files stored with their writes and flushes overlapped (a bundle's scans at the
 * bureau). The store's rule is unchanged: each file is written to a temp file, fsynced,
 * and only then renamed under its hash. What differs is where and when: the caller only
 * produces and hashes the bytes; creating the temp file, writing it, the fsync, the
 * folders and the rename run on libuv's thread pool (up to `maxInFlight` files at once,
 * so the file system commits them together) while the caller produces the next file; the
 * renamed-into folders are fsynced once each in `settle()`. A caller that commits a
 * transaction referring to the files must await `settle()` first: when it returns, every
 * file is durable under its name.
 */
export class BlobBatch {
  private readonly inFlight = new Set<Promise<void>>();
  /** Folders that gained an entry (a stored file or a new subfolder): fsynced in settle(). */
  private readonly dirs = new Set<string>();
  /** Names written in this batch (a second copy of the same bytes is not written again). */
  private readonly names = new Set<string>();
  private failure: unknown;

  constructor(
    readonly store: BlobStore,
    private readonly maxInFlight = 8,
  ) {}

  /**
   * Stores the bytes `fill` produces (it calls `write` with each piece, which it must not
   * reuse afterwards) when their sha256 is `expected`. Returns their actual hash and size;
   * when the hash differs nothing is stored (the caller decides what that means). Bytes
   * already in the store are only hashed, not written. A failed write, flush or rename is
   * thrown by a later `put` or by `settle()`.
   */
  async put(expected: string, fill: (write: (bytes: Uint8Array) => void) => Promise<void> | void): Promise<StoredBlob> {
    this.throwIfFailed();
    const hash = createHash('sha256');
    let size = 0;
    if (this.names.has(expected) || this.store.has(expected)) {
      await fill((b) => {
        hash.update(b);
        size += b.length;
      });
      return { sha256: hash.digest('hex'), size };
    }
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const temp = this.store.tempPath();
    // Small files (scans) are held and written by the pool; a large one goes to its temp file as it comes.
    let held: Uint8Array[] | null = [];
    let fd = -1;
    const spill = (b: Uint8Array) => {
      for (let at = 0; at < b.length;) at += fs.writeSync(fd, b, at, b.length - at);
    };
    let sha256: string;
    try {
      await fill((b) => {
        hash.update(b);
        size += b.length;
        if (held) {
          held.push(b);
          if (size <= HOLD_BYTES) return;
          fd = fs.openSync(temp, 'wx', 0o600);
          for (const x of held) spill(x);
          held = null;
        } else spill(b);
      });
      sha256 = hash.digest('hex');
    } catch (e) {
      this.discard(fd, temp);
      throw e;
    }
    if (sha256 !== expected) {
      this.discard(fd, temp);
      return { sha256, size };
    }
    this.names.add(sha256);
    const flushed = this.flush(held, fd, temp, sha256).catch((e: unknown) => {
      this.failure ??= e;
      fs.rmSync(temp, { force: true });
    });
    this.inFlight.add(flushed);
    void flushed.then(() => this.inFlight.delete(flushed));
    return { sha256, size };
  }

  /** Waits until every file is fsynced and renamed, then fsyncs the folders they went into; throws the first failure. */
  async settle(): Promise<void> {
    await this.drain();
    this.throwIfFailed();
    if (process.platform === 'win32') return;
    const dirs = [...this.dirs];
    this.dirs.clear();
    const next = async (): Promise<void> => {
      for (let d; (d = dirs.pop()) !== undefined;) {
        const fd = await openAsync(d, 'r');
        try {
          await fsyncAsync(fd);
        } finally {
          await closeAsync(fd);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.maxInFlight, dirs.length) }, next));
  }

  /** Waits for the writes and flushes in flight without throwing (before giving up on a batch). */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight);
  }

  /** Temp file written (if held in memory), fsynced, closed, then renamed under its hash. */
  private async flush(held: Uint8Array[] | null, spilled: number, temp: string, sha256: string): Promise<void> {
    const fd = held ? await openAsync(temp, 'wx', 0o600) : spilled;
    try {
      if (held) {
        const rest = held.filter((b) => b.length > 0);
        while (rest.length) {
          let n = (await writevAsync(fd, rest)).bytesWritten;
          // A short write: drop what was written and go on from there.
          while (rest.length && n >= rest[0]!.length) n -= rest.shift()!.length;
          if (rest.length && n > 0) rest[0] = rest[0]!.subarray(n);
        }
      }
      await fsyncAsync(fd);
    } finally {
      await closeAsync(fd);
    }
    const target = this.store.pathOf(sha256);
    const dir = path.dirname(target);
    // A folder created here is an entry in its parent: that parent is fsynced too.
    const first = await fs.promises.mkdir(dir, { recursive: true });
    if (first !== undefined) {
      this.dirs.add(path.dirname(first));
      for (let d = dir; d.length >= first.length; d = path.dirname(d)) this.dirs.add(d);
    }
    await fs.promises.chmod(temp, 0o444);
    await fs.promises.rename(temp, target);
    this.dirs.add(dir);
  }

  private discard(fd: number, temp: string): void {
    if (fd < 0) return;
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** Makes a rename durable (where the platform allows opening a directory: not on Windows). */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
