import fs from 'node:fs';
import path from 'node:path';
import { AppError } from './errors';

export const LOCK_FILE = 'dangan.lock';

/** Who holds an archive for writing: written into the lock file as JSON. */
export interface LockHolder {
  pid: number;
  /** 'serve', 'desktop', or the CLI command ('demo', 'import catalogue', …). */
  command: string;
  startedAt: string;
}

export interface ArchiveLock {
  holder: LockHolder;
  release(): void;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' ? (h as LockHolder) : null;
  } catch {
    return null;
  }
}

const APP_COMMANDS = new Set(['serve', 'desktop']);

/** The Chinese explanation of why the archive cannot be opened now, naming the holder. */
export function lockedMessage(h: LockHolder): string {
  const since = h.startedAt.slice(0, 16).replace('T', ' ');
  return APP_COMMANDS.has(h.command)
    ? `档案正由正在运行的档案系统使用（${h.command === 'serve' ? 'dangan serve' : '桌面程序'}，进程 ${h.pid}，${since} 起）。` +
        '请先关闭它（在其终端按 Ctrl+C，或关闭程序窗口），再运行此命令；未写入任何数据。'
    : `档案正由命令 dangan ${h.command} 写入（进程 ${h.pid}，${since} 起）。请等它结束后再试；未写入任何数据。`;
}

const cliMarker = (pid: number) => `dangan-cli-${pid}.lock`;
const CLI_MARKER = /^dangan-cli-(\d+)\.lock$/;

function heldLock(file: string, holder: LockHolder): ArchiveLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { holder, release };
}

/** The app's lock file if a live process other than this one holds it; a dead holder's file is removed. */
function liveApp(dataDir: string): LockHolder | null {
  const file = path.join(dataDir, LOCK_FILE);
  const h = readHolder(file);
  if (!h || h.pid === process.pid) return null;
  if (alive(h.pid)) return h;
  fs.rmSync(file, { force: true });
  return null;
}

/** Writing CLI commands that are running now; markers of finished or killed ones are removed. */
function liveCommands(dataDir: string): LockHolder[] {
  const live: LockHolder[] = [];
  for (const name of fs.readdirSync(dataDir)) {
    const m = CLI_MARKER.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    const file = path.join(dataDir, name);
    const h = readHolder(file);
    if (h && alive(h.pid)) live.push(h);
    else fs.rmSync(file, { force: true });
  }
  return live;
}

/**
 * The app (`dangan serve`, the desktop program) and writing CLI commands keep out of each
 * other's way. SQLite alone would let a CLI command fail halfway with SQLITE_BUSY (the
 * demo loader switches the journal mode, which needs the file to itself) and would leave
 * the running app's caches describing data changed behind its back; so the second one is
 * refused up front, in Chinese, before it opens the database.
 *
 * The app holds `dangan.lock`, created exclusively (one app per archive); a command leaves
 * a marker `dangan-cli-<pid>.lock`. Each writes its own file first and then looks for the
 * other's, so of two starting together at least one sees the other. Commands do not lock
 * each other out (SQLite's busy timeout orders their transactions, as before). A file whose
 * process is gone (a crash, kill -9) is ignored and removed.
 */
export function acquireArchiveLock(dataDir: string, command: string, now = new Date()): ArchiveLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const holder: LockHolder = { pid: process.pid, command, startedAt: now.toISOString() };
  const refuse = (other: LockHolder) => new AppError('ARCHIVE_IN_USE', lockedMessage(other), other);

  if (!APP_COMMANDS.has(command)) {
    const app = liveApp(dataDir);
    if (app) throw refuse(app);
    const lock = heldLock(path.join(dataDir, cliMarker(process.pid)), holder);
    fs.writeFileSync(path.join(dataDir, cliMarker(process.pid)), JSON.stringify(holder));
    const late = liveApp(dataDir);
    if (late) {
      lock.release();
      throw refuse(late);
    }
    return lock;
  }

  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const other = liveApp(dataDir);
      if (other) throw refuse(other);
      // A stale lock (its process is gone) or a half-written one: take it over.
      fs.rmSync(file, { force: true });
      continue;
    }
    const lock = heldLock(file, holder);
    const running = liveCommands(dataDir)[0];
    if (running) {
      lock.release();
      throw refuse(running);
    }
    return lock;
  }
  throw new AppError('ARCHIVE_IN_USE', '无法锁定档案目录，请稍后再试');
}
