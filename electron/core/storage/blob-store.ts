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

  private tempPath(): string {
    return path.join(this.tmp, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
  }

  private commit(temp: string, sha256: string): void {
    const target = this.pathOf(sha256);
    const dir = path.dirname(target);
    fs.mkdirSync(dir, { recursive: true });
    fs.chmodSync(temp, 0o444);
    fs.renameSync(temp, target);
    syncDir(dir);
  }
}

/** Makes a rename durable (where the platform allows opening a directory: not on Windows). */
function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
