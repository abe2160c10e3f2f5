/**
 * The age payload (STREAM: ChaCha20-Poly1305 over 64 KiB chunks) with Node's native
 * cipher, many times the speed of the pure-JavaScript one in `age-encryption`; the header
 * natively too for X25519 (age-header.ts), with the library as the fallback for any other
 * header. The output is ordinary age (Debian's `age -d` reads it; sync-stock-tools.test.ts).
 *
 * Format (age-encryption.org/v1): header, 16-byte nonce, then chunks of 64 KiB plaintext
 * + 16-byte tag; the payload key is HKDF-SHA256(file key, salt = nonce, "payload"); the
 * chunk nonce is an 11-byte big-endian counter and a last-chunk flag byte. The final
 * chunk is the only one that may be short, and it is empty only when the file is.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Decrypter } from 'age-encryption';
import { openHeader, sealHeader } from './age-header';

const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED = CHUNK + TAG;
/** A header is a few hundred bytes per recipient; anything this long is not age. */
const MAX_HEADER = 64 * 1024;

const payloadKey = (fileKey: Uint8Array, nonce: Uint8Array): Buffer =>
  Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));

function chunkNonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6); // counters beyond 2^48 chunks (16 EiB) do not occur
  n[11] = last ? 1 : 0;
  return n;
}

function seal(key: Buffer, counter: number, last: boolean, plain: Uint8Array): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG });
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function open(key: Buffer, counter: number, last: boolean, sealed: Uint8Array): Buffer {
  if (sealed.length < TAG) throw new Error('age: truncated chunk');
  const d = createDecipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG });
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
  } catch {
    throw new Error('age: payload chunk failed authentication');
  }
}

export async function encryptBytes(recipients: readonly string[], plain: Uint8Array): Promise<Uint8Array> {
  const { header, fileKey } = sealHeader(recipients);
  const nonce = randomBytes(16);
  const key = payloadKey(fileKey, nonce);
  const parts: Buffer[] = [header, nonce];
  const chunks = Math.max(1, Math.ceil(plain.length / CHUNK));
  for (let i = 0; i < chunks; i++)
    parts.push(seal(key, i, i === chunks - 1, plain.subarray(i * CHUNK, (i + 1) * CHUNK)));
  return Buffer.concat(parts);
}

/**
 * Seals one age file synchronously in pieces of any number of whole 64 KiB chunks (the
 * caller knows the plaintext's length, so it knows which piece is the last): no stream
 * machinery per file, and the sealed chunks go straight to the writer and the hash.
 */
export class AgeSealer {
  /** The header and the payload nonce: the file's first bytes. */
  readonly head: Buffer;
  private readonly key: Buffer;
  private counter = 0;
  private finished = false;

  constructor(recipients: readonly string[]) {
    const { header, fileKey } = sealHeader(recipients);
    const nonce = randomBytes(16);
    this.key = payloadKey(fileKey, nonce);
    this.head = Buffer.concat([header, nonce]);
  }

  /** Seals `plain`; every piece but the `last` must be a multiple of 64 KiB (the last may be short, or empty only if the whole file is). */
  seal(plain: Uint8Array, last: boolean): Buffer[] {
    if (this.finished) throw new Error('age: sealer already finished');
    if (!last && plain.length % CHUNK !== 0) throw new Error('age: a piece that is not the last must be whole chunks');
    const out: Buffer[] = [];
    const chunks = last ? Math.max(1, Math.ceil(plain.length / CHUNK)) : plain.length / CHUNK;
    if (last && plain.length === 0 && this.counter > 0) throw new Error('age: empty last chunk');
    for (let i = 0; i < chunks; i++) {
      const isLast = last && i === chunks - 1;
      const c = createCipheriv('chacha20-poly1305', this.key, chunkNonce(this.counter++, isLast), {
        authTagLength: TAG,
      });
      out.push(c.update(plain.subarray(i * CHUNK, (i + 1) * CHUNK)), c.final(), c.getAuthTag());
    }
    this.finished = last;
    return out;
  }
}

/** Encrypts a stream; one 64 KiB chunk is held back until it is known whether it is the last. */
export async function encryptStream(
  recipients: readonly string[],
  src: ReadableStream<Uint8Array>,
): Promise<ReadableStream<Uint8Array>> {
  const { header, fileKey } = sealHeader(recipients);
  const nonce = randomBytes(16);
  const key = payloadKey(fileKey, nonce);
  let pending = Buffer.alloc(0);
  let counter = 0;
  return src.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(ctl) {
        ctl.enqueue(Buffer.concat([header, nonce]));
      },
      transform(chunk, ctl) {
        pending = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk);
        // Keep at least one byte back: the final chunk must be the one marked last.
        while (pending.length > CHUNK) {
          ctl.enqueue(seal(key, counter++, false, pending.subarray(0, CHUNK)));
          pending = pending.subarray(CHUNK);
        }
      },
      flush(ctl) {
        ctl.enqueue(seal(key, counter, true, pending));
      },
    }),
  );
}

/** Where the header ends: after the `--- <MAC>` line. */
function headerEnd(buf: Buffer): number {
  const at = buf.indexOf('\n--- ');
  if (at < 0) return -1;
  const nl = buf.indexOf('\n', at + 5);
  return nl < 0 ? -1 : nl + 1;
}

/** Natively for X25519 stanzas; any other header goes to the library, which checks its MAC too. */
async function fileKeyOf(identity: string, header: Buffer): Promise<Buffer> {
  const native = openHeader(identity, header);
  if (native) return native;
  const d = new Decrypter();
  d.addIdentity(identity);
  return Buffer.from(await d.decryptHeader(header));
}

export async function decryptBytes(identity: string, cipher: Uint8Array): Promise<Uint8Array> {
  const out: Buffer[] = [];
  await decryptEach(identity, cipher, (plain) => out.push(plain));
  return Buffer.concat(out);
}

/** Decrypts a whole age file in memory, handing each 64 KiB of plaintext to `onPlain` (nothing is concatenated). */
export async function decryptEach(
  identity: string,
  cipher: Uint8Array,
  onPlain: (plain: Buffer) => void,
): Promise<void> {
  const buf = Buffer.from(cipher.buffer, cipher.byteOffset, cipher.byteLength);
  const end = headerEnd(buf.subarray(0, MAX_HEADER));
  if (end < 0) throw new Error('age: no header');
  const fileKey = await fileKeyOf(identity, buf.subarray(0, end));
  if (buf.length < end + 16 + TAG) throw new Error('age: truncated payload');
  const key = payloadKey(fileKey, buf.subarray(end, end + 16));
  const body = buf.subarray(end + 16);
  for (let at = 0, i = 0; at < body.length; at += SEALED, i++) {
    const last = at + SEALED >= body.length;
    const plain = open(key, i, last, body.subarray(at, at + SEALED));
    if (last && plain.length === 0 && i > 0) throw new Error('age: empty last chunk');
    onPlain(plain);
  }
}

/** Decrypts a stream: the header is read first, then chunk by chunk, one sealed chunk held back to find the last. */
export async function decryptStream(
  identity: string,
  src: ReadableStream<Uint8Array>,
): Promise<ReadableStream<Uint8Array>> {
  const reader = src.getReader();
  let buf = Buffer.alloc(0);
  let end = -1;
  while ((end = headerEnd(buf)) < 0 || buf.length < end + 16) {
    if (buf.length > MAX_HEADER) throw new Error('age: no header');
    const { done, value } = await reader.read();
    if (done) throw new Error('age: truncated header');
    buf = Buffer.concat([buf, value]);
  }
  const key = payloadKey(await fileKeyOf(identity, buf.subarray(0, end)), buf.subarray(end, end + 16));
  let pending = buf.subarray(end + 16);
  let counter = 0;
  return new ReadableStream<Uint8Array>({
    async pull(ctl) {
      for (;;) {
        if (pending.length > SEALED) {
          ctl.enqueue(open(key, counter++, false, pending.subarray(0, SEALED)));
          pending = pending.subarray(SEALED);
          return;
        }
        const { done, value } = await reader.read();
        if (done) {
          if (pending.length === 0 && counter > 0) throw new Error('age: truncated payload');
          const plain = open(key, counter, true, pending);
          if (plain.length === 0 && counter > 0) throw new Error('age: empty last chunk');
          ctl.enqueue(plain);
          ctl.close();
          return;
        }
        pending = pending.length ? Buffer.concat([pending, value]) : Buffer.from(value);
      }
    },
    cancel: (why) => reader.cancel(why),
  });
}
