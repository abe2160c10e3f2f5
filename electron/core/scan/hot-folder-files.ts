/**
 * File handling for the hot folder: which names are scans, whether a file is still held
 * open by the scanner's software, and moving a file out without ever overwriting another.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PROCESSED_DIR = '已处理';
export const FAILED_DIR = '未能处理';
export const SIDECAR_SUFFIX = '.错误.txt';

/** Names scanner software and browsers use while a file is still being written, plus hidden files. */
export function isCandidate(name: string, accept: readonly string[]): boolean {
  if (name.startsWith('.') || name.startsWith('~')) return false;
  const lower = name.toLowerCase();
  if (/\.(tmp|part|crdownload)$/.test(lower)) return false;
  return accept.includes(path.extname(lower));
}

/** Size and mtime: what must hold still between polls before a file counts as finished. */
export const fingerprint = (s: fs.Stats): string => `${s.size}:${s.mtimeMs}`;

export function statOf(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

/** Numeric-aware so page2 comes before page10 even where the software does not pad numbers. */
const byName = new Intl.Collator('zh-CN', { numeric: true });
export const compareNames = (a: string, b: string): number => byName.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

const pad = (n: number) => String(n).padStart(2, '0');

/** Local calendar day, YYYYMMDD: what the clerk sees on the station's clock. */
export function dayFolder(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
}

function localTime(d: Date): string {
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * Whether the scanner's software still has the file open. Only Windows can tell: there a
 * writer normally denies others write access, so asking for it fails with EBUSY (sharing
 * violation) or EPERM. Elsewhere files are never locked, and the size/mtime rule decides alone.
 */
export function heldOpen(file: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'win32') return false;
  try {
    fs.closeSync(fs.openSync(file, 'r+'));
    return false;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
  }
}

/** A free name in `dir`: `名称.jpg`, then `名称 (2).jpg`, `名称 (3).jpg`, … */
export function freeName(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let n = 2; fs.existsSync(path.join(dir, candidate)); n++) candidate = `${stem} (${n})${ext}`;
  return candidate;
}

/**
 * Moves a file into `destDir` under a free name and returns where it went. Rename only: the
 * subfolders sit on the same drive, so the file is never copied and never half in two places.
 */
export function moveInto(file: string, destDir: string): string {
  fs.mkdirSync(destDir, { recursive: true });
  const target = path.join(destDir, freeName(destDir, path.basename(file)));
  fs.renameSync(file, target);
  return target;
}

export function writeSidecar(movedFile: string, original: string, message: string, when: Date): string {
  const sidecar = movedFile + SIDECAR_SUFFIX;
  const text = [`文件：${path.basename(original)}`, `时间：${localTime(when)}`, `原因：${message}`, ''];
  // BOM and CRLF: Notepad on older Windows otherwise reads UTF-8 Chinese as GBK mojibake.
  fs.writeFileSync(sidecar, '\ufeff' + text.join('\r\n'), 'utf8');
  return sidecar;
}
