/**
 * The one checker for paths on the server's own disk that a caller names (a bundle on a
 * stick, a receipt, an output folder, the hot folder). The core reads, writes or MOVES
 * files there with its own rights, so a path is taken only if it is absolute, of the kind
 * the method expects, and not a system folder; a folder the core writes into or empties
 * is also never a home folder's root nor the archive's own data folder. Messages name the
 * path given and the rule broken, never what the folder holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ErrorCode } from '../../contract/errors';
import { AppError } from './errors';

/**
 * - `bundle`: a folder that holds at least one of `markers` (a BagIt bundle's own files);
 * - `readFile`: a file whose name ends in `ext` (whether it is a small regular file is the
 *   bounded reader's rule, which gives the method's own code);
 * - `writeDir`: an existing folder the core writes into (a stick, the hot folder);
 * - `writeFile`: a new file inside such a folder.
 */
export type ServerPathKind = 'bundle' | 'readFile' | 'writeDir' | 'writeFile';

export interface ServerPathRule {
  kind: ServerPathKind;
  /** What the path is, for the message: 数据包目录, 回执文件, 写出目录 … */
  what: string;
  /** `bundle`: names of which one must exist in the folder. */
  markers?: readonly string[];
  /** `readFile`: the file name's ending, e.g. `.json`. */
  ext?: string;
  /** The code when the path does not exist (the method's own, e.g. BUNDLE_NOT_FOUND). */
  missing?: ErrorCode;
  /** The archive's data folder: never written into or emptied. */
  dataDir?: string;
}

/**
 * System folders, refused for every kind: the OS, its programs and its live state
 * (/proc, /sys, /dev hold endless or device "files"; /etc, /boot, /usr, /bin hold the
 * system itself; /var holds other programs' data). The temp folder is allowed even where
 * it lies under one of them (macOS /private/var/folders).
 */
const UNIX_SYSTEM = ['/etc', '/proc', '/sys', '/dev', '/usr', '/bin', '/sbin', '/lib', '/lib64', '/boot', '/var'];
const MAC_SYSTEM = ['/System', '/Library', '/private/etc', '/private/var'];
const windowsSystem = (): string[] => {
  const env = process.env;
  return [
    env.SystemRoot ?? 'C:\\Windows',
    env.ProgramFiles ?? 'C:\\Program Files',
    env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)',
    env.ProgramData ?? 'C:\\ProgramData',
  ];
};

/** Home folders: their root is refused for folders the core writes into or moves files from. */
const homeRoots = (p: string): boolean => {
  if (same(p, os.homedir()) || same(p, '/root')) return true;
  const parent = path.dirname(p);
  return ['/home', '/Users', 'C:\\Users'].some((h) => same(p, h) || same(parent, h));
};

const winLike = process.platform === 'win32';
const norm = (p: string): string => (winLike ? p.toLowerCase() : p);
const same = (a: string, b: string): boolean => norm(path.resolve(a)) === norm(path.resolve(b));
const within = (p: string, root: string): boolean => {
  const r = norm(path.resolve(root));
  const x = norm(path.resolve(p));
  return x === r || x.startsWith(r.endsWith(path.sep) ? r : r + path.sep);
};
const realOrSelf = (p: string): string => {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
};

function systemFolder(p: string): boolean {
  if (path.parse(p).root === p && !winLike) return true; // "/" itself
  if (within(p, realOrSelf(os.tmpdir())) || within(p, os.tmpdir())) return false;
  const list = winLike ? windowsSystem() : [...UNIX_SYSTEM, ...(process.platform === 'darwin' ? MAC_SYSTEM : [])];
  return list.some((s) => within(p, s));
}

const notAllowed = (what: string, given: string, why: string) =>
  new AppError('PATH_NOT_ALLOWED', `${what}不可使用：${given}（${why}）`);
const wrongKind = (what: string, given: string, why: string) =>
  new AppError('PATH_WRONG_KIND', `${what}不符合要求：${given}（${why}）`);

/** Applies the rule to `given`; returns the absolute path to use (the checks held for it and for its real path), or throws PATH_* (or `rule.missing`). */
export function checkServerPath(given: string, rule: ServerPathRule): string {
  const { what } = rule;
  if (!path.isAbsolute(given) || given.includes('\0')) throw notAllowed(what, given, '须为完整的绝对路径');
  const lexical = path.resolve(given);
  const writes = rule.kind === 'writeDir' || rule.kind === 'writeFile';
  // The folder that must exist: the path itself, or the folder a file is in or goes into.
  const folder = rule.kind === 'readFile' || rule.kind === 'writeFile' ? path.dirname(lexical) : lexical;
  let real: string;
  try {
    real = fs.realpathSync(folder);
  } catch {
    if (systemFolder(lexical)) throw notAllowed(what, given, '系统目录');
    throw new AppError(rule.missing ?? 'PATH_WRONG_KIND', `${what}不存在或无法访问：${given}`);
  }
  for (const p of [lexical, real]) {
    if (systemFolder(p)) throw notAllowed(what, given, '系统目录');
    if (writes && homeRoots(p)) throw notAllowed(what, given, '用户主目录的根目录，请指定其中的子文件夹');
    if (writes && rule.dataDir && (within(p, rule.dataDir) || within(p, realOrSelf(rule.dataDir))))
      throw notAllowed(what, given, '档案系统自己的数据目录');
  }
  // A folder given as a link must stay beside where it is named (no link out of the folder).
  if (!same(path.dirname(real), realOrSelf(path.dirname(folder))))
    throw notAllowed(what, given, '符号链接指向所在文件夹以外');
  const st = fs.statSync(real);
  if (!st.isDirectory()) throw wrongKind(what, given, folder === lexical ? '不是文件夹' : '所在位置不是文件夹');
  if (rule.kind === 'bundle') {
    const marked = (rule.markers ?? []).some((m) => exists(path.join(real, m)));
    if (!marked) throw wrongKind(what, given, `不是数据包目录：其中没有 ${(rule.markers ?? []).join('、')}`);
    return lexical;
  }
  if (rule.kind === 'readFile') {
    const name = path.basename(lexical);
    if (rule.ext && !name.toLowerCase().endsWith(rule.ext)) throw wrongKind(what, given, `文件名须以 ${rule.ext} 结尾`);
    let isDir = false;
    try {
      isDir = fs.lstatSync(lexical).isDirectory();
    } catch {
      throw new AppError(rule.missing ?? 'PATH_WRONG_KIND', `${what}不存在或无法访问：${given}`);
    }
    if (isDir) throw wrongKind(what, given, '是文件夹，不是文件');
    return lexical;
  }
  if (rule.kind === 'writeFile' && exists(lexical)) throw wrongKind(what, given, '已存在，不会覆盖');
  return lexical;
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
