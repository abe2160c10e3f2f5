import { randomBytes } from 'node:crypto';

export type IdGenerator = () => string;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, then a 12-bit counter that keeps ids
 * monotonic within one millisecond, then random bits. Time-ordered ids keep the
 * primary-key index append-only, which matters when inserting a million rows.
 */
export function uuidV7Generator(nowMs: () => number = Date.now): IdGenerator {
  let lastMs = -1;
  let counter = 0;
  let pool = randomBytes(4096);
  let poolPos = 0;
  const b = new Uint8Array(16);
  return () => {
    let ms = nowMs();
    if (ms <= lastMs) {
      counter++;
      if (counter > 0xfff) {
        lastMs++;
        counter = 0;
      }
      ms = lastMs;
    } else {
      lastMs = ms;
      counter = 0;
    }
    if (poolPos + 8 > pool.length) {
      pool = randomBytes(4096);
      poolPos = 0;
    }
    b[0] = Math.floor(ms / 2 ** 40) & 0xff;
    b[1] = Math.floor(ms / 2 ** 32) & 0xff;
    b[2] = (ms >>> 24) & 0xff;
    b[3] = (ms >>> 16) & 0xff;
    b[4] = (ms >>> 8) & 0xff;
    b[5] = ms & 0xff;
    b[6] = 0x70 | ((counter >>> 8) & 0x0f);
    b[7] = counter & 0xff;
    b[8] = 0x80 | (pool[poolPos++]! & 0x3f);
    for (let i = 9; i < 16; i++) b[i] = pool[poolPos++]!;
    let s = '';
    for (let i = 0; i < 16; i++) {
      s += HEX[b[i]!];
      if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
    }
    return s;
  };
}

/** Deterministic ids for tests: `prefix-000001`, … */
export function sequentialIds(prefix = 'id'): IdGenerator {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(6, '0')}`;
}
