/**
 * The content store's batch writer (a bureau import's scans): files written with their
 * flushes overlapped end up exactly as `put` stores them (named by their hash, read-only,
 * no temp file left), a wrong hash stores nothing, bytes already held are not rewritten,
 * and a large file spilled to its temp file as it comes is stored whole.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../electron/core/storage/blob-store';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-blob-batch-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) {
    execFileSync('chmod', ['-R', 'u+w', d]);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Hands the bytes over in pieces of `piece` bytes, each a fresh buffer. */
const pieces = (b: Buffer, piece: number) => async (write: (x: Uint8Array) => void) => {
  for (let at = 0; at < b.length; at += piece) write(Buffer.from(b.subarray(at, at + piece)));
};

describe('content store batch', () => {
  it('stores many files with overlapped flushes, each under its hash, read-only, nothing left in tmp', async () => {
    const store = new BlobStore(tempDir());
    const files = Array.from({ length: 40 }, (_, i) => randomBytes(1000 + i * 777));
    const batch = store.batch(4);
    for (const f of files)
      expect(await batch.put(sha(f), pieces(f, 64 * 1024))).toEqual({ sha256: sha(f), size: f.length });
    await batch.settle();
    for (const f of files) {
      expect(store.read(sha(f)).equals(f)).toBe(true);
      expect(fs.statSync(store.pathOf(sha(f))).mode & 0o222).toBe(0);
    }
    expect(fs.readdirSync(path.join(store.root, 'tmp'))).toEqual([]);
  });

  it('stores nothing when the bytes do not hash to the expected name, and does not rewrite held bytes', async () => {
    const store = new BlobStore(tempDir());
    const held = store.put(Buffer.from('已有的扫描件')).sha256;
    const before = fs.statSync(store.pathOf(held)).ino;
    const batch = store.batch();
    const wrong = randomBytes(5000);
    const got = await batch.put('0'.repeat(64), pieces(wrong, 1000));
    expect(got.sha256).toBe(sha(wrong));
    expect(store.has('0'.repeat(64))).toBe(false);
    expect(store.has(sha(wrong))).toBe(false);
    expect((await batch.put(held, pieces(Buffer.from('已有的扫描件'), 4))).sha256).toBe(held);
    await batch.settle();
    expect(fs.statSync(store.pathOf(held)).ino).toBe(before);
    expect(fs.readdirSync(path.join(store.root, 'tmp'))).toEqual([]);
  });

  it('spills a large file to its temp file as it comes and stores it whole', async () => {
    const store = new BlobStore(tempDir());
    const big = randomBytes(17 * 1024 * 1024 + 123);
    const batch = store.batch();
    expect(await batch.put(sha(big), pieces(big, 64 * 1024))).toEqual({ sha256: sha(big), size: big.length });
    await batch.settle();
    expect(sha(store.read(sha(big)))).toBe(sha(big));
    expect(fs.readdirSync(path.join(store.root, 'tmp'))).toEqual([]);
  });

  it('removes the temp file when producing the bytes fails', async () => {
    const store = new BlobStore(tempDir());
    const batch = store.batch();
    await expect(
      batch.put('a'.repeat(64), async (write) => {
        write(randomBytes(100));
        throw new Error('decryption failed');
      }),
    ).rejects.toThrow('decryption failed');
    await batch.settle();
    expect(fs.readdirSync(path.join(store.root, 'tmp'))).toEqual([]);
  });
});
