/**
 * Reads a bundle directory and checks it without any key: every file listed in the
 * manifests is present with the listed hash, nothing unlisted is there, the
 * Payload-Oxum matches, and the commit marker (the signature) exists. The result says
 * what is wrong as a stable code; signature and chain checks come after (trust.ts, import.ts).
 * Every listed file must be a regular file inside the folder (no link, FIFO or device) and
 * is read no further than its cap: a tag file TAG_MAX_BYTES, a payload file the payload
 * total that bag-info's Payload-Oxum declares (signed through the tag manifest).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '../../contract/errors';
import { AppError, BoundedFileError, readBoundedFileOrNull } from '../kernel';
import {
  MANIFEST,
  SIGNATURE,
  TAGMANIFEST,
  TAG_MAX_BYTES,
  parseBagInfo,
  parseManifest,
  type BagInfo,
  type ManifestEntry,
} from './bagit';
import { sha256Hex } from './crypto';
import { hashFiles, hashFilesSync, type FileHash } from './hash-pool';

export interface BundleProblem {
  code: ErrorCode;
  message: string;
  file?: string;
  /** For a wrong payload file: the listed and found hash and size (kept in the quarantine's reason.json). */
  details?: unknown;
}

export interface ReadBundle {
  dir: string;
  info: BagInfo | null;
  tagmanifest: Buffer | null;
  signature: Buffer | null;
  /** sha256(tagmanifest ‖ signature): the bundle's identity (null until both exist). */
  bundleId: string | null;
  payload: ManifestEntry[];
  tags: ManifestEntry[];
  payloadBytes: number;
  problems: BundleProblem[];
}

/** How many files not in the manifests are named one by one. */
const UNLISTED_NAMED = 5;

export { hashFile } from './hash-pool';
export { TAG_MAX_BYTES } from './bagit';

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, r));
    else out.push(r);
  }
  return out;
}

/** Reads and checks a bundle on this thread (small bundles: enrollment, downlink, inspect, import). */
export function readBundle(dir: string): ReadBundle {
  const pre = prepare(dir);
  return finish(pre, hashFilesSync(pre.files, pre.limits));
}

/** The same, the files hashed on two cores (the export's read-back, `bundle verify`). */
export async function readBundleAsync(dir: string): Promise<ReadBundle> {
  const pre = prepare(dir);
  return finish(pre, await hashFiles(pre.files, pre.limits));
}

interface Prepared {
  dir: string;
  info: BagInfo | null;
  tagmanifest: Buffer | null;
  signature: Buffer | null;
  manifestBytes: Buffer | null;
  tags: ManifestEntry[] | null;
  payload: ManifestEntry[] | null;
  /** Every file the manifests list, tag files first: what is to be hashed. */
  files: string[];
  /** Bytes each file may have (its read stops there). */
  limits: number[];
  problems: BundleProblem[];
}

function prepare(dir: string): Prepared {
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new AppError('BUNDLE_NOT_FOUND', `找不到数据包目录：${dir}`);
  const problems: BundleProblem[] = [];
  const add = (code: ErrorCode, message: string, file?: string) => problems.push({ code, message, file });
  /** Tag files refused as no regular file or too big (reported as such, not as missing). */
  const refused = new Set<string>();
  const readOrNull = (name: string): Buffer | null => {
    try {
      return readBoundedFileOrNull(path.join(dir, name), TAG_MAX_BYTES);
    } catch (e) {
      if (!(e instanceof BoundedFileError)) throw e;
      refused.add(name);
      add(e.reason === 'unreadable' ? 'BUNDLE_INCOMPLETE' : 'BUNDLE_TAMPERED', unreadMessage(name, e.code), name);
      return null;
    }
  };
  const tagmanifest = readOrNull(TAGMANIFEST);
  const signature = readOrNull(SIGNATURE);
  if (!tagmanifest && !refused.has(TAGMANIFEST))
    add('BUNDLE_INCOMPLETE', '缺少标签清单 tagmanifest-sha256.txt（写入未完成）', TAGMANIFEST);
  if (!signature && !refused.has(SIGNATURE))
    add('BUNDLE_INCOMPLETE', '缺少签名文件（提交标记），数据包写入未完成', SIGNATURE);
  const tags = tagmanifest ? parseManifest(tagmanifest.toString('utf8')) : [];
  if (tags === null) add('BUNDLE_TAMPERED', '标签清单格式错误', TAGMANIFEST);
  const manifestBytes = readOrNull(MANIFEST);
  const payload = manifestBytes ? parseManifest(manifestBytes.toString('utf8')) : [];
  if (!manifestBytes && !refused.has(MANIFEST)) add('BUNDLE_INCOMPLETE', '缺少载荷清单 manifest-sha256.txt', MANIFEST);
  else if (payload === null) add('BUNDLE_TAMPERED', '载荷清单格式错误', MANIFEST);

  const infoBytes = readOrNull('bag-info.txt');
  const info = infoBytes ? parseBagInfo(infoBytes.toString('utf8')) : null;
  if (!info && !refused.has('bag-info.txt')) add('BUNDLE_TAMPERED', 'bag-info.txt 缺失或格式错误', 'bag-info.txt');

  const files = [...(tags ?? []), ...(payload ?? [])].map((e) => path.join(dir, ...e.path.split('/')));
  // No payload file can be larger than the whole declared payload; without a readable
  // Payload-Oxum (already a problem) the tag cap bounds the work.
  const oxumBytes = Number((info?.['Payload-Oxum'] ?? '').split('.')[0]);
  const payloadMax = Number.isSafeInteger(oxumBytes) && info?.['Payload-Oxum'] ? oxumBytes : TAG_MAX_BYTES;
  const limits = [...(tags ?? []).map(() => TAG_MAX_BYTES), ...(payload ?? []).map(() => payloadMax)];
  const inside = insideFolder(dir);
  files.forEach((f, i) => {
    // A listed file under a linked folder would be read from outside the bundle.
    if (!inside(f)) limits[i] = -1;
  });
  return { dir, info, tagmanifest, signature, manifestBytes, tags, payload, files, limits, problems };
}

/** Whether a listed file's folder really lies inside the bundle (no folder on its path is a link out). */
function insideFolder(dir: string): (file: string) => boolean {
  const root = fs.realpathSync(dir);
  const seen = new Map<string, boolean>();
  return (file) => {
    const parent = path.dirname(file);
    let ok = seen.get(parent);
    if (ok === undefined) {
      let real: string | null = null;
      try {
        real = fs.realpathSync(parent);
      } catch {
        real = null; // a missing folder: the file is reported missing
      }
      ok = real === null || real === root || real.startsWith(root + path.sep);
      seen.set(parent, ok);
    }
    return ok;
  };
}

/** A payload file whose bytes are not the listed ones: what the manifest says and what is there. */
interface WrongPayload {
  file: string;
  listed: { sha256: string; size: number | null };
  found: { sha256: string; size: number };
}

const short = (sha: string) => sha.slice(0, 12);

function finish(pre: Prepared, hashes: readonly FileHash[]): ReadBundle {
  const { dir, info, tagmanifest, signature, manifestBytes, tags, payload, problems } = pre;
  const add = (code: ErrorCode, message: string, file?: string, details?: unknown) =>
    problems.push({ code, message, file, ...(details === undefined ? {} : { details }) });
  const listed = new Set<string>([TAGMANIFEST, SIGNATURE]);
  let payloadBytes = 0;
  let at = 0;
  /** Payload files whose hash differs from the manifest, and whether any could not be read. */
  const wrong: WrongPayload[] = [];
  let unread = false;
  const check = (entries: ManifestEntry[], isPayload: boolean) => {
    for (const e of entries) {
      listed.add(e.path);
      const got = pre.limits[at] === -1 ? { error: 'EOUTSIDE' } : hashes[at]!;
      at++;
      if ('error' in got) {
        if (isPayload) unread = true;
        const refused = ['ENOTREG', 'EFBIG', 'EOUTSIDE'].includes(got.error);
        add(refused ? 'BUNDLE_TAMPERED' : 'BUNDLE_INCOMPLETE', unreadMessage(e.path, got.error), e.path);
        continue;
      }
      if (isPayload) payloadBytes += got.size;
      if (got.sha256 === e.sha256) continue;
      if (isPayload) wrong.push({ file: e.path, listed: { sha256: e.sha256, size: null }, found: got });
      else add('BUNDLE_TAMPERED', `文件哈希与清单不符：${e.path}`, e.path);
    }
  };
  check(tags ?? [], false);
  check(payload ?? [], true);
  const oxum = info?.['Payload-Oxum'];
  const [oxumBytes, oxumCount] = oxum ? oxum.split('.').map(Number) : [NaN, NaN];
  // The manifest lists no per-file sizes. With one wrong file and every other one as listed,
  // the wrong file's listed size is what Payload-Oxum leaves for it.
  if (wrong.length === 1 && !unread && Number.isSafeInteger(oxumBytes) && oxumCount === payload?.length)
    wrong[0]!.listed.size = oxumBytes! - (payloadBytes - wrong[0]!.found.size);
  // A shorter or longer file is reported as what it provably is, a file that is not the listed
  // one (cut off, swapped in from another bundle, edited): without the original bytes a cut
  // cannot be told from a swap, so nothing is called 截断.
  for (const w of wrong) {
    const sizes =
      w.listed.size === null || w.listed.size === w.found.size
        ? `${w.found.size} 字节`
        : `${w.found.size} 字节，清单所列文件为 ${w.listed.size} 字节`;
    add(
      'BUNDLE_TAMPERED',
      `文件哈希与清单不符：${w.file}（清单 ${short(w.listed.sha256)}…，实际 ${short(w.found.sha256)}…，${sizes}）`,
      w.file,
      w,
    );
  }
  if (tags && manifestBytes && !tags.some((t) => t.path === MANIFEST)) {
    add('BUNDLE_TAMPERED', '标签清单未覆盖载荷清单', MANIFEST);
  }
  // Named up to a few: a folder that only looks like a bundle is not listed whole in a message.
  const unlisted = listFiles(dir).filter((f) => !listed.has(f));
  for (const f of unlisted.slice(0, UNLISTED_NAMED)) add('BUNDLE_TAMPERED', `数据包中有清单未列出的文件：${f}`, f);
  if (unlisted.length > UNLISTED_NAMED)
    add('BUNDLE_TAMPERED', `另有 ${unlisted.length - UNLISTED_NAMED} 个清单未列出的文件`);
  if (oxum && payload) {
    if (oxumCount !== payload.length) add('BUNDLE_TAMPERED', 'Payload-Oxum 的文件数与清单不符', 'bag-info.txt');
    else if (oxumBytes !== payloadBytes && !unread) {
      add(
        'BUNDLE_TAMPERED',
        `载荷共 ${payloadBytes} 字节，Payload-Oxum 记载 ${oxumBytes} 字节${wrong.length ? '（见哈希不符的文件）' : ''}`,
        'bag-info.txt',
        { listed: { bytes: oxumBytes }, found: { bytes: payloadBytes } },
      );
    }
  }
  const bundleId = tagmanifest && signature ? sha256Hex(Buffer.concat([tagmanifest, signature])) : null;
  return {
    dir,
    info,
    tagmanifest,
    signature,
    bundleId,
    payload: payload ?? [],
    tags: tags ?? [],
    payloadBytes,
    problems,
  };
}

function unreadMessage(file: string, error: string): string {
  switch (error) {
    case 'ENOENT':
      return `清单所列文件缺失：${file}`;
    case 'ENOTREG':
      return `${file} 不是普通文件（符号链接、管道或设备），拒绝读取`;
    case 'EFBIG':
      return `${file} 超过允许的大小（载荷文件以载荷总大小为限，标签文件 ${TAG_MAX_BYTES / 1024 / 1024} MB），拒绝读取`;
    case 'EOUTSIDE':
      return `清单所列的 ${file} 位于数据包文件夹之外（经由链接），拒绝读取`;
    default:
      return `清单所列文件无法读取（${error}）：${file}`;
  }
}

/** The most telling problem first: a missing file (a write not finished), then tampering. */
export function mainProblem(problems: BundleProblem[]): BundleProblem | null {
  const order: ErrorCode[] = ['BUNDLE_INCOMPLETE', 'BUNDLE_TAMPERED'];
  for (const c of order) {
    const p = problems.find((x) => x.code === c);
    if (p) return p;
  }
  return problems[0] ?? null;
}
