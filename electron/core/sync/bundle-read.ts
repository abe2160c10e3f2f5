/**
 * Reads a bundle directory and checks it without any key: every file listed in the
 * manifests is present with the listed hash, nothing unlisted is there, the
 * Payload-Oxum matches, and the commit marker (the signature) exists. The result says
 * what is wrong as a stable code; signature and chain checks come after (trust.ts, import.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '../../contract/errors';
import { AppError } from '../kernel';
import {
  MANIFEST,
  SIGNATURE,
  TAGMANIFEST,
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

export { hashFile } from './hash-pool';

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, r));
    else out.push(r);
  }
  return out;
}

const readOrNull = (file: string): Buffer | null => {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
};

/** Reads and checks a bundle on this thread (small bundles: enrollment, downlink, inspect, import). */
export function readBundle(dir: string): ReadBundle {
  const pre = prepare(dir);
  return finish(pre, hashFilesSync(pre.files));
}

/** The same, the files hashed on two cores (the export's read-back, `bundle verify`). */
export async function readBundleAsync(dir: string): Promise<ReadBundle> {
  const pre = prepare(dir);
  return finish(pre, await hashFiles(pre.files));
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
  const tagmanifest = readOrNull(path.join(dir, TAGMANIFEST));
  const signature = readOrNull(path.join(dir, SIGNATURE));
  if (!tagmanifest) add('BUNDLE_INCOMPLETE', '缺少标签清单 tagmanifest-sha256.txt（写入未完成）', TAGMANIFEST);
  if (!signature) add('BUNDLE_INCOMPLETE', '缺少签名文件（提交标记），数据包写入未完成', SIGNATURE);
  const tags = tagmanifest ? parseManifest(tagmanifest.toString('utf8')) : [];
  if (tags === null) add('BUNDLE_TAMPERED', '标签清单格式错误', TAGMANIFEST);
  const manifestBytes = readOrNull(path.join(dir, MANIFEST));
  const payload = manifestBytes ? parseManifest(manifestBytes.toString('utf8')) : [];
  if (!manifestBytes) add('BUNDLE_INCOMPLETE', '缺少载荷清单 manifest-sha256.txt', MANIFEST);
  else if (payload === null) add('BUNDLE_TAMPERED', '载荷清单格式错误', MANIFEST);

  const infoBytes = readOrNull(path.join(dir, 'bag-info.txt'));
  const info = infoBytes ? parseBagInfo(infoBytes.toString('utf8')) : null;
  if (!info) add('BUNDLE_TAMPERED', 'bag-info.txt 缺失或格式错误', 'bag-info.txt');

  const files = [...(tags ?? []), ...(payload ?? [])].map((e) => path.join(dir, ...e.path.split('/')));
  return { dir, info, tagmanifest, signature, manifestBytes, tags, payload, files, problems };
}

function finish(pre: Prepared, hashes: readonly FileHash[]): ReadBundle {
  const { dir, info, tagmanifest, signature, manifestBytes, tags, payload, problems } = pre;
  const add = (code: ErrorCode, message: string, file?: string) => problems.push({ code, message, file });
  const listed = new Set<string>([TAGMANIFEST, SIGNATURE]);
  let payloadBytes = 0;
  let at = 0;
  const check = (entries: ManifestEntry[], isPayload: boolean) => {
    for (const e of entries) {
      listed.add(e.path);
      const got = hashes[at++]!;
      if ('error' in got) {
        add('BUNDLE_INCOMPLETE', `清单所列文件缺失：${e.path}`, e.path);
        continue;
      }
      if (isPayload) payloadBytes += got.size;
      if (got.sha256 !== e.sha256) add('BUNDLE_TAMPERED', `文件内容与清单不符：${e.path}`, e.path);
    }
  };
  check(tags ?? [], false);
  check(payload ?? [], true);
  if (tags && manifestBytes && !tags.some((t) => t.path === MANIFEST)) {
    add('BUNDLE_TAMPERED', '标签清单未覆盖载荷清单', MANIFEST);
  }
  for (const f of listFiles(dir)) {
    if (!listed.has(f)) add('BUNDLE_TAMPERED', `数据包中有清单未列出的文件：${f}`, f);
  }
  const oxum = info?.['Payload-Oxum'];
  if (oxum && payload) {
    const [bytes, count] = oxum.split('.').map(Number);
    if (count !== payload.length) add('BUNDLE_TAMPERED', 'Payload-Oxum 的文件数与清单不符', 'bag-info.txt');
    else if (bytes !== payloadBytes) {
      add(
        payloadBytes < bytes! ? 'BUNDLE_TRUNCATED' : 'BUNDLE_TAMPERED',
        `载荷总字节数 ${payloadBytes} 与 Payload-Oxum 记载的 ${bytes} 不符${payloadBytes < bytes! ? '（文件被截断）' : ''}`,
        'bag-info.txt',
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

/** The most telling problem first: a missing file, then truncation (which explains a hash mismatch), then tampering. */
export function mainProblem(problems: BundleProblem[]): BundleProblem | null {
  const order: ErrorCode[] = ['BUNDLE_INCOMPLETE', 'BUNDLE_TRUNCATED', 'BUNDLE_TAMPERED'];
  for (const c of order) {
    const p = problems.find((x) => x.code === c);
    if (p) return p;
  }
  return problems[0] ?? null;
}
