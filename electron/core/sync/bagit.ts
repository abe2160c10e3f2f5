/**
 * BagIt (RFC 8493) text files as this protocol writes them. Manifest lines are
 * `<sha256>  <path>` (two spaces), which is both valid BagIt and what `sha256sum -c`
 * reads; paths are sorted so the same content always gives the same bytes.
 */
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const GENESIS_BUNDLE_ID = '0'.repeat(64);
export const TAGMANIFEST = 'tagmanifest-sha256.txt';
export const SIGNATURE = 'tagmanifest-sha256.txt.sig';
export const MANIFEST = 'manifest-sha256.txt';

export interface ManifestEntry {
  sha256: string;
  path: string;
}

export function formatManifest(entries: readonly ManifestEntry[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.path}\n`)
    .join('');
}

const SAFE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/]+$/;

/** Parses a manifest; null when a line is malformed or a path leaves the bag. */
export function parseManifest(text: string): ManifestEntry[] | null {
  const out: ManifestEntry[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = /^([0-9a-f]{64}) [ *]?(.+)$/.exec(line);
    if (!m || !SAFE_PATH.test(m[2]!)) return null;
    out.push({ sha256: m[1]!, path: m[2]! });
  }
  return out;
}

/**
 * The most a tag file (manifests, bag-info, keys, signature) may hold. They are text we
 * write: the payload manifest is the largest, about 110 bytes a file, so 64 MiB holds
 * over half a million files.
 */
export const TAG_MAX_BYTES = 64 * 1024 * 1024;

export type BagInfo = Record<string, string>;

export function formatBagInfo(info: readonly (readonly [string, string | number])[]): string {
  return info.map(([k, v]) => `${k}: ${String(v).replace(/[\r\n]+/g, ' ')}\n`).join('');
}

export function parseBagInfo(text: string): BagInfo | null {
  const out: BagInfo = {};
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const i = line.indexOf(': ');
    if (i <= 0) return null;
    out[line.slice(0, i)] = line.slice(i + 2);
  }
  return out;
}

/** `Payload-Oxum: <octets>.<files>`. */
export const oxum = (bytes: number, files: number): string => `${bytes}.${files}`;

/** An integer field of bag-info, or null. */
export function intField(info: BagInfo, key: string): number | null {
  const v = info[key];
  return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : null;
}

export const seq6 = (n: number): string => String(n).padStart(6, '0');
export const bundleDirName = (stationId: string, seq: number): string => `DGB-${stationId}-${seq6(seq)}`;
export const enrollmentDirName = (stationId: string): string => `DGE-${stationId}`;
