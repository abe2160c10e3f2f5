/**
 * UUIDv7 ids for the demo generator, the kernel's layout (kernel/ids.ts), made 4096 at a
 * time. Each id is a slice of one flat string: a million separately built small strings
 * cost more to keep and flatten than to make.
 */
import { randomBytes } from 'node:crypto';
import { RANDOM_BYTES_PER_ID, writeUuidV7, type V7State } from '../kernel';

const PER_CHUNK = 4096;

export function bulkUuidV7(nowMs: () => number = Date.now): () => string {
  const text = Buffer.alloc(36 * PER_CHUNK);
  const state: V7State = { lastMs: -1, counter: 0 };
  let chunk = '';
  let next = PER_CHUNK;

  const fill = () => {
    const rnd = randomBytes(RANDOM_BYTES_PER_ID * PER_CHUNK);
    for (let k = 0; k < PER_CHUNK; k++) writeUuidV7(state, nowMs(), rnd, k * RANDOM_BYTES_PER_ID, text, 36 * k);
    chunk = text.toString('latin1');
    next = 0;
  };

  return () => {
    if (next === PER_CHUNK) fill();
    const at = 36 * next++;
    return chunk.substring(at, at + 36);
  };
}
