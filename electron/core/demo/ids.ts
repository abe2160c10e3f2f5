/**
 * UUIDv7 ids for the demo generator, the same layout as kernel/ids.ts (48-bit ms
 * timestamp, 12-bit counter that keeps ids monotonic, random bits), made 4096 at a time.
 * Each id is a slice of one flat string: the kernel's byte-by-byte concatenation leaves
 * a rope per id, and flattening a million of those costs more than making them.
 */
import { randomBytes } from 'node:crypto';

const PER_CHUNK = 4096;
const HEX = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
/** Byte offsets of the dashes in `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
const DASH_AFTER = new Set([3, 5, 7, 9]);

export function bulkUuidV7(nowMs: () => number = Date.now): () => string {
  const text = Buffer.alloc(36 * PER_CHUNK);
  const b = new Uint8Array(16);
  let chunk = '';
  let next = PER_CHUNK;
  let lastMs = -1;
  let counter = 0;

  const fill = () => {
    const rnd = randomBytes(8 * PER_CHUNK);
    let r = 0;
    let o = 0;
    for (let k = 0; k < PER_CHUNK; k++) {
      let ms = nowMs();
      if (ms <= lastMs) {
        if (++counter > 0xfff) {
          lastMs++;
          counter = 0;
        }
        ms = lastMs;
      } else {
        lastMs = ms;
        counter = 0;
      }
      b[0] = Math.floor(ms / 2 ** 40) & 0xff;
      b[1] = Math.floor(ms / 2 ** 32) & 0xff;
      b[2] = (ms >>> 24) & 0xff;
      b[3] = (ms >>> 16) & 0xff;
      b[4] = (ms >>> 8) & 0xff;
      b[5] = ms & 0xff;
      b[6] = 0x70 | ((counter >>> 8) & 0x0f);
      b[7] = counter & 0xff;
      b[8] = 0x80 | (rnd[r++]! & 0x3f);
      for (let i = 9; i < 16; i++) b[i] = rnd[r++]!;
      for (let i = 0; i < 16; i++) {
        text[o++] = HEX[b[i]! >>> 4]!;
        text[o++] = HEX[b[i]! & 15]!;
        if (DASH_AFTER.has(i)) text[o++] = 0x2d;
      }
    }
    chunk = text.toString('latin1', 0, o);
    next = 0;
  };

  return () => {
    if (next === PER_CHUNK) fill();
    const at = 36 * next++;
    return chunk.substring(at, at + 36);
  };
}
