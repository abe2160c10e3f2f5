/**
 * The native age payload (age-native.ts) against the age-encryption library, both ways,
 * at every chunk boundary, whole and streamed in odd pieces; tampering, truncation and
 * an extended payload are refused. (Debian's age reads it too: sync-stock-tools.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { Decrypter, Encrypter } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { decryptBytes, decryptStream, encryptBytes, encryptStream } from '../../electron/core/sync/age-native';
import { generateAgeIdentity } from '../../electron/core/sync/crypto';

const K = 64 * 1024;
const SIZES = [0, 1, K - 1, K, K + 1, 3 * K, 3 * K + 17];

/** A stream of `data` cut into pieces of irregular sizes. */
function pieces(data: Uint8Array, seed = 7): ReadableStream<Uint8Array> {
  let at = 0;
  let x = seed;
  return new ReadableStream({
    pull(c) {
      if (at >= data.length) return c.close();
      x = (x * 1103515245 + 12345) >>> 0;
      const n = 1 + (x % 40_000);
      c.enqueue(data.subarray(at, at + n));
      at += n;
    },
  });
}

async function drain(s: ReadableStream<Uint8Array>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of s as unknown as AsyncIterable<Uint8Array>) out.push(Buffer.from(c));
  return Buffer.concat(out);
}

describe('native age payload', () => {
  it('round-trips with the library at every chunk boundary, whole and streamed', async () => {
    const id = await generateAgeIdentity();
    const lib = new Decrypter();
    lib.addIdentity(id.identity);
    for (const size of SIZES) {
      const plain = randomBytes(size);
      const ours = await encryptBytes([id.recipient], plain);
      expect(Buffer.from(await lib.decrypt(ours))).toEqual(plain);
      expect(Buffer.from(await decryptBytes(id.identity, ours))).toEqual(plain);
      const streamed = await drain(await encryptStream([id.recipient], pieces(plain)));
      expect(streamed.length).toBe(ours.length);
      expect(Buffer.from(await lib.decrypt(streamed))).toEqual(plain);
      const e = new Encrypter();
      e.addRecipient(id.recipient);
      const theirs = await e.encrypt(plain);
      expect(Buffer.from(await decryptBytes(id.identity, theirs))).toEqual(plain);
      expect(await drain(await decryptStream(id.identity, pieces(theirs, size + 3)))).toEqual(plain);
    }
  });

  it('refuses a flipped bit, a truncation, an extension and the wrong identity', async () => {
    const id = await generateAgeIdentity();
    const other = await generateAgeIdentity();
    const plain = randomBytes(2 * K + 5);
    const c = Buffer.from(await encryptBytes([id.recipient], plain));
    const flipped = Buffer.from(c);
    flipped[c.length - 100]! ^= 1;
    const bad = [
      flipped,
      c.subarray(0, c.length - 1),
      c.subarray(0, c.length - (5 + 16)), // the last chunk dropped: a full chunk not marked last
      Buffer.concat([c, Buffer.alloc(16)]),
    ];
    for (const b of bad) {
      await expect(decryptBytes(id.identity, b)).rejects.toThrow();
      await expect(drain(await decryptStream(id.identity, pieces(b)))).rejects.toThrow();
    }
    await expect(decryptBytes(other.identity, c)).rejects.toThrow();
  });

  it('writes and reads headers for several recipients, and refuses a header whose MAC was changed', async () => {
    const a = await generateAgeIdentity();
    const b = await generateAgeIdentity();
    const plain = randomBytes(1000);
    const c = Buffer.from(await encryptBytes([a.recipient, b.recipient], plain));
    for (const id of [a, b]) {
      expect(Buffer.from(await decryptBytes(id.identity, c))).toEqual(plain);
      const lib = new Decrypter();
      lib.addIdentity(id.identity);
      expect(Buffer.from(await lib.decrypt(c))).toEqual(plain);
    }
    const macAt = c.indexOf('\n--- ') + 5;
    const bad = Buffer.from(c);
    bad[macAt] = bad[macAt] === 0x41 ? 0x42 : 0x41;
    await expect(decryptBytes(a.identity, bad)).rejects.toThrow();
  });
});
