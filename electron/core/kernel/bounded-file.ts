/**
 * Reads of files that come from outside (a USB stick, a typed path): only a regular file
 * (not a symlink, FIFO, device or folder) and only up to a size known before reading.
 * `/dev/zero` given as a file, or a link to it, is refused at once instead of growing
 * memory or hashing forever. The file is opened without following a final link and
 * without blocking on a FIFO, and the open descriptor is checked again (fstat), so a file
 * swapped between the check and the read is refused too.
 */
import fs from 'node:fs';

export type FileRefusal = 'missing' | 'not-regular' | 'too-big' | 'unreadable';

/** Why a bounded read refused; `code` is also what the hash worker reports (ENOENT, ENOTREG, EFBIG). */
export class BoundedFileError extends Error {
  constructor(
    readonly reason: FileRefusal,
    readonly file: string,
    readonly size: number | null = null,
  ) {
    super(
      {
        missing: `找不到文件：${file}`,
        'not-regular': `不是普通文件（符号链接、管道或设备），拒绝读取：${file}`,
        'too-big': `文件过大，拒绝读取：${file}`,
        unreadable: `文件无法读取或在读取时被改动：${file}`,
      }[reason],
    );
    this.name = 'BoundedFileError';
  }

  get code(): string {
    return { missing: 'ENOENT', 'not-regular': 'ENOTREG', 'too-big': 'EFBIG', unreadable: 'EIO' }[this.reason];
  }
}

// Not defined on Windows (0 there): the lstat check before the open still refuses links.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

const refusalOf = (e: unknown): FileRefusal => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  // ELOOP: O_NOFOLLOW met a link; ENXIO: a FIFO with no writer opened non-blocking.
  if (code === 'ELOOP' || code === 'ENXIO' || code === 'EISDIR') return 'not-regular';
  return 'unreadable';
};

function lstatRegular(file: string, maxBytes: number): fs.Stats {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch (e) {
    throw new BoundedFileError(refusalOf(e), file);
  }
  if (!st.isFile()) throw new BoundedFileError('not-regular', file);
  if (st.size > maxBytes) throw new BoundedFileError('too-big', file, st.size);
  return st;
}

/** A regular file's size by lstat (links are not followed); refuses anything else or more than `maxBytes`. */
export const regularFileSize = (file: string, maxBytes: number): number => lstatRegular(file, maxBytes).size;

/**
 * Opens a regular file for reading after the checks above; the caller reads from the
 * descriptor (never more than `maxBytes`) and closes it.
 */
export function openRegularFile(file: string, maxBytes: number): { fd: number; size: number } {
  const before = lstatRegular(file, maxBytes);
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw new BoundedFileError(refusalOf(e), file);
  }
  const st = fs.fstatSync(fd);
  const same = st.ino === before.ino && st.dev === before.dev;
  if (!st.isFile() || !same || st.size > maxBytes) {
    fs.closeSync(fd);
    throw new BoundedFileError(st.isFile() && same ? 'too-big' : 'not-regular', file, st.size);
  }
  return { fd, size: st.size };
}

/** The whole of a regular file of at most `maxBytes` (a file that grows while read is refused). */
export function readBoundedFile(file: string, maxBytes: number): Buffer {
  const { fd, size } = openRegularFile(file, maxBytes);
  try {
    // One byte more than the fstat said tells a file that grew after it.
    const buf = Buffer.allocUnsafe(size + 1);
    let got = 0;
    for (let n; got < buf.length && (n = fs.readSync(fd, buf, got, buf.length - got, null)) > 0;) got += n;
    if (got > size) throw new BoundedFileError(got > maxBytes ? 'too-big' : 'unreadable', file, got);
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** `readBoundedFile`, or null when the file does not exist (other refusals still throw). */
export function readBoundedFileOrNull(file: string, maxBytes: number): Buffer | null {
  try {
    return readBoundedFile(file, maxBytes);
  } catch (e) {
    if (e instanceof BoundedFileError && e.reason === 'missing') return null;
    throw e;
  }
}

/** "12.3 MB": sizes in refusal messages. */
export const formatBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} 字节`;
