/**
 * Bureau: decrypts a bundle's payload. The changes become record states (each line
 * checked for shape); each scan is decrypted part by part into a temp file, hashed, and
 * stored in the content store only when its plaintext hash is its name.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type CoreContext, openRegularFile, readBoundedFile } from '../kernel';
import { BlobStore } from '../storage';
import type { ManifestEntry } from './bagit';
import { decryptEach } from './age-native';
import { ageDecrypt, ageDecryptStream } from './crypto';
import type { RecordState } from './entities';

export class PayloadError extends Error {
  constructor(
    readonly kind: 'decrypt' | 'malformed' | 'hash',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A bundle's files were checked regular and bounded when hashed (bundle-read.ts); they are
 * opened the same way again here, so one swapped in since is refused, not followed.
 */
const ANY_SIZE = Number.MAX_SAFE_INTEGER;

/** Encrypted parts up to this size are decrypted in memory, larger ones streamed. */
const WHOLE_FILE = 16 * 1024 * 1024;

const FILE_PART = /^data\/files\/([0-9a-f]{64})(?:\.part(\d{3}))?\.age$/;

export async function decryptChanges(identity: string, dir: string): Promise<RecordState[]> {
  let plain: Uint8Array;
  try {
    plain = await ageDecrypt(identity, readBoundedFile(path.join(dir, 'data', 'changes.ndjson.age'), ANY_SIZE));
  } catch (e) {
    throw new PayloadError('decrypt', `变更记录无法解密：${(e as Error).message}`);
  }
  const out: RecordState[] = [];
  for (const line of Buffer.from(plain).toString('utf8').split('\n')) {
    if (!line) continue;
    let r: RecordState;
    try {
      r = JSON.parse(line) as RecordState;
    } catch {
      throw new PayloadError('malformed', '变更记录中有无法解析的行');
    }
    const ok =
      r &&
      typeof r.entity === 'string' &&
      typeof r.id === 'string' &&
      Number.isInteger(r.version) &&
      typeof r.deleted === 'boolean' &&
      typeof r.nodeId === 'string' &&
      typeof r.hash === 'string' &&
      r.fields !== null &&
      typeof r.fields === 'object' &&
      Array.isArray(r.files) &&
      r.files.every((f) => typeof f === 'string' && /^[0-9a-f]{64}$/.test(f));
    if (!ok) throw new PayloadError('malformed', '变更记录的格式不正确');
    out.push(r);
  }
  return out;
}

/** The scans in a payload: sha256 → its parts in order. Null when a name or the part numbering is wrong. */
export function fileParts(payload: readonly ManifestEntry[]): Map<string, string[]> | null {
  const parts = new Map<string, { n: number; path: string }[]>();
  for (const e of payload) {
    if (e.path === 'data/changes.ndjson.age') continue;
    const m = FILE_PART.exec(e.path);
    if (!m) return null;
    const list = parts.get(m[1]!) ?? [];
    list.push({ n: m[2] ? Number(m[2]) : 0, path: e.path });
    parts.set(m[1]!, list);
  }
  const out = new Map<string, string[]>();
  for (const [sha, list] of parts) {
    list.sort((a, b) => a.n - b.n);
    const numbered = list.length > 1 || list[0]!.n !== 0;
    if (numbered && list.some((p, i) => p.n !== i + 1)) return null;
    out.set(
      sha,
      list.map((p) => p.path),
    );
  }
  return out;
}

/** Decrypts one scan part by part, handing each piece of plaintext to `onPlain` in order. */
async function decryptScan(
  identity: string,
  dir: string,
  parts: readonly string[],
  onPlain: (plain: Uint8Array) => void,
): Promise<void> {
  for (const rel of parts) {
    try {
      const file = path.join(dir, ...rel.split('/'));
      const { fd, size } = openRegularFile(file, ANY_SIZE);
      if (size <= WHOLE_FILE) {
        fs.closeSync(fd);
        // Most scans are small: one read and one native decryption beat a stream pipeline;
        // each 64 KiB of plaintext is handed on as it comes, never concatenated.
        await decryptEach(identity, readBoundedFile(file, WHOLE_FILE), onPlain);
        continue;
      }
      const stream = fs.createReadStream(file, { fd, highWaterMark: 1 << 20 });
      const src = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
      const reader = (await ageDecryptStream(identity, src)).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        onPlain(value);
      }
    } catch (e) {
      throw new PayloadError('decrypt', `扫描文件 ${rel} 无法解密：${(e as Error).message}`);
    }
  }
}

const hashMismatch = (sha256: string) =>
  new PayloadError('hash', `扫描文件 ${sha256.slice(0, 12)}… 解密后的哈希与文件名不符`);

/** Decrypts one scan (all its parts) and checks its hash; `keep` stores it in the content store. Returns its size. */
export async function storeFile(
  ctx: CoreContext,
  identity: string,
  dir: string,
  sha256: string,
  parts: readonly string[],
  keep = true,
): Promise<number> {
  if (keep) return (await storeScans(ctx, identity, dir, new Map([[sha256, parts]])))[0]!.size;
  // A check that keeps nothing (bundle verify) only hashes.
  const hash = createHash('sha256');
  let size = 0;
  await decryptScan(identity, dir, parts, (plain) => {
    hash.update(plain);
    size += plain.length;
  });
  if (hash.digest('hex') !== sha256) throw hashMismatch(sha256);
  return size;
}

/**
 * Decrypts a bundle's scans one after another, each straight into a temp file of the
 * content store (hashed as it is written; one whose plaintext hash is not its name is
 * refused and nothing of it kept), and stores them with their fsyncs overlapped: while
 * one file is flushed on libuv's pool, the next is decrypted (BlobBatch). Scans the store
 * already holds are decrypted and checked but not written again. Returns only once every
 * stored file is fsynced and renamed and its folder fsynced, so the transaction that
 * refers to them can commit. On failure, waits for the flushes in flight before throwing.
 */
export async function storeScans(
  ctx: CoreContext,
  identity: string,
  dir: string,
  parts: ReadonlyMap<string, readonly string[]>,
): Promise<{ sha256: string; size: number }[]> {
  const batch = new BlobStore(ctx.dataDir).batch();
  const out: { sha256: string; size: number }[] = [];
  try {
    for (const [sha256, list] of parts) {
      const got = await batch.put(sha256, (write) => decryptScan(identity, dir, list, write));
      if (got.sha256 !== sha256) throw hashMismatch(sha256);
      out.push({ sha256, size: got.size });
    }
    await batch.settle();
  } catch (e) {
    await batch.drain();
    throw e;
  }
  return out;
}
