import { randomBytes } from 'node:crypto';

export type IdGenerator = () => string;

/** Clock state that keeps UUIDv7s monotonic within one millisecond. */
export interface V7State {
  lastMs: number;
  counter: number;
}

const HEX = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const DASH_AFTER = [
  false,
  false,
  false,
  true,
  false,
  true,
  false,
  true,
  false,
  true,
  false,
  false,
  false,
  false,
  false,
  false,
];
export const RANDOM_BYTES_PER_ID = 8;
/** Scratch space for one id's 16 bytes (single-threaded per isolate). */
const BYTES = new Uint8Array(16);

/**
 * Writes one UUIDv7 (RFC 9562) as 36 ASCII bytes into `out` at `o`: 48-bit Unix ms
 * timestamp, then a 12-bit counter that keeps ids monotonic within one millisecond,
 * then random bits taken from `rnd` at `r`. Time-ordered ids keep primary-key indexes
 * append-only, which matters when inserting a million rows.
 */
export function writeUuidV7(
  state: V7State,
  nowMs: number,
  rnd: Uint8Array,
  r: number,
  out: Uint8Array,
  o: number,
): void {
  let ms = nowMs;
  if (ms <= state.lastMs) {
    if (++state.counter > 0xfff) {
      state.lastMs++;
      state.counter = 0;
    }
    ms = state.lastMs;
  } else {
    state.lastMs = ms;
    state.counter = 0;
  }
  const b = BYTES;
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | ((state.counter >>> 8) & 0x0f);
  b[7] = state.counter & 0xff;
  b[8] = 0x80 | (rnd[r]! & 0x3f);
  for (let i = 9; i < 16; i++) b[i] = rnd[r + i - 8]!;
  for (let i = 0; i < 16; i++) {
    out[o++] = HEX[b[i]! >>> 4]!;
    out[o++] = HEX[b[i]! & 15]!;
    if (DASH_AFTER[i]) out[o++] = 0x2d;
  }
}

/** One id per call, stamped with the clock at that call. */
export function uuidV7Generator(nowMs: () => number = Date.now): IdGenerator {
  const state: V7State = { lastMs: -1, counter: 0 };
  const out = Buffer.alloc(36);
  let pool = randomBytes(4096);
  let poolPos = 0;
  return () => {
    if (poolPos + RANDOM_BYTES_PER_ID > pool.length) {
      pool = randomBytes(4096);
      poolPos = 0;
    }
    writeUuidV7(state, nowMs(), pool, poolPos, out, 0);
    poolPos += RANDOM_BYTES_PER_ID;
    return out.toString('latin1');
  };
}

/** Deterministic ids for tests: `prefix-000001`, … */
export function sequentialIds(prefix = 'id'): IdGenerator {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(6, '0')}`;
}
