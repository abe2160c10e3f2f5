/**
 * The pieces the fast export and verify are built from: the piecewise age sealer (against
 * the age-encryption library, across 64 KiB chunk and multi-chunk piece boundaries), the
 * two-core file hashing (the same results as one thread, a missing file reported in
 * place), and canonical JSON (the same bytes as the straightforward definition).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Decrypter } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { AgeSealer, decryptEach } from '../../electron/core/sync/age-native';
import { generateAgeIdentity } from '../../electron/core/sync/crypto';
import { canonicalJson } from '../../electron/core/sync/entities';
import { hashFiles, hashFilesSync } from '../../electron/core/sync/hash-pool';

const K = 64 * 1024;

function sealInPieces(recipient: string, plain: Buffer, piece: number): Buffer {
  const s = new AgeSealer([recipient]);
  const out: Buffer[] = [s.head];
  for (let at = 0; ; at += piece) {
    const last = at + piece >= plain.length;
    out.push(...s.seal(plain.subarray(at, at + piece), last));
    if (last) break;
  }
  return Buffer.concat(out);
}

/** The definition canonicalJson had before it was made faster. */
const reference = (v: unknown): string => {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${reference(o[k])}`)
    .join(',')}}`;
};

describe('fast export and verify', () => {
  it('seals in pieces of whole chunks that the library and decryptEach read back', async () => {
    const id = await generateAgeIdentity();
    const lib = new Decrypter();
    lib.addIdentity(id.identity);
    for (const [size, piece] of [
      [0, K],
      [1, K],
      [K, K],
      [K + 1, K],
      [5 * K, 2 * K],
      [5 * K + 3, 2 * K],
      [8 * K, 4 * K],
    ] as const) {
      const plain = randomBytes(size);
      const sealed = sealInPieces(id.recipient, plain, piece);
      expect(Buffer.from(await lib.decrypt(sealed))).toEqual(plain);
      const parts: Buffer[] = [];
      await decryptEach(id.identity, sealed, (p) => parts.push(p));
      expect(Buffer.concat(parts)).toEqual(plain);
    }
    const s = new AgeSealer([id.recipient]);
    expect(() => s.seal(randomBytes(K + 1), false)).toThrow();
    s.seal(randomBytes(10), true);
    expect(() => s.seal(randomBytes(10), true)).toThrow();
  });

  it('hashes files on two cores with the same results as on one, a missing file in its place', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-hash-pool-'));
    try {
      const files: string[] = [];
      for (let i = 0; i < 6; i++) {
        const f = path.join(dir, `f${i}`);
        fs.writeFileSync(f, randomBytes(7 * 1024 * 1024 + i));
        files.push(f);
      }
      files.splice(3, 0, path.join(dir, 'missing'));
      const two = await hashFiles(files);
      expect(two).toEqual(hashFilesSync(files));
      expect(two[3]).toEqual({ error: 'ENOENT' });
      const first = two[0] as { sha256: string; size: number };
      expect(first.sha256).toBe(createHash('sha256').update(fs.readFileSync(files[0]!)).digest('hex'));
      expect(first.size).toBe(7 * 1024 * 1024);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes canonical JSON exactly as before', () => {
    const samples: unknown[] = [
      { b: 1, a: { d: [2, { z: 1, y: 2 }], c: null }, e: undefined, f: 'x"\n\u2028', g: [undefined, 1.5e-7] },
      [],
      {},
      'ü',
      null,
      { persons: [{ position: 0, personId: 'p' }], deleted_at: null, id: 'i', 版本: 2 },
    ];
    for (const v of samples) expect(canonicalJson(v)).toBe(reference(v));
  });
});
