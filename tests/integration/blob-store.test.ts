import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../electron/core/storage/blob-store';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-blobs-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) {
    // Stored files are read-only; make them writable so the folder can go.
    execFileSync('chmod', ['-R', 'u+w', d]);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

describe('content-addressed file store', () => {
  it('names a file by the sha256 that stock sha256sum computes, and stores the same bytes once', () => {
    const store = new BlobStore(tempDir());
    const bytes = Buffer.from('常住人口登记表 第1页\n'.repeat(5000));
    const a = store.put(bytes);
    const b = store.put(Buffer.from(bytes));
    expect(b).toEqual(a);
    expect(a.size).toBe(bytes.length);
    const line = execFileSync('sha256sum', [store.pathOf(a.sha256)], { encoding: 'utf8' });
    expect(line.split(' ')[0]).toBe(a.sha256);
    expect(store.read(a.sha256).equals(bytes)).toBe(true);
    // Read-only once stored, and nothing left in the temp folder.
    expect(fs.statSync(store.pathOf(a.sha256)).mode & 0o222).toBe(0);
    expect(fs.readdirSync(path.join(store.root, 'tmp'))).toEqual([]);
  });

  it('copies a large file in by streaming, to the same name as storing its bytes', () => {
    const dir = tempDir();
    const store = new BlobStore(dir);
    const source = path.join(dir, 'scan.tif');
    const bytes = Buffer.alloc(5 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 11)) & 0xff;
    fs.writeFileSync(source, bytes);
    const viaFile = store.putFile(source);
    expect(viaFile.size).toBe(bytes.length);
    expect(store.put(bytes)).toEqual(viaFile);
    expect(store.verify(viaFile.sha256)).toBeNull();
  });

  it('reports altered and missing files, and sweeps temp files a crash left', () => {
    const store = new BlobStore(tempDir());
    const kept = store.put(Buffer.from('第一页'));
    const altered = store.put(Buffer.from('第二页'));
    const gone = store.put(Buffer.from('第三页'));
    fs.chmodSync(store.pathOf(altered.sha256), 0o644);
    fs.writeFileSync(store.pathOf(altered.sha256), '第二頁');
    fs.rmSync(store.pathOf(gone.sha256), { force: true });
    const seen: number[] = [];
    const problems = store.verifyAll([kept.sha256, altered.sha256, gone.sha256], (n) => seen.push(n));
    expect(problems).toEqual([
      { sha256: altered.sha256, problem: 'altered' },
      { sha256: gone.sha256, problem: 'missing' },
    ]);
    expect(seen).toEqual([1, 2, 3]);
    fs.writeFileSync(path.join(store.root, 'tmp', '123-half.part'), 'half a page');
    expect(store.sweepTemp()).toBe(1);
    expect(() => store.pathOf('../etc/passwd')).toThrow();
  });
});
