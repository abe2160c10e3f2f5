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

/**
 * One process at a time may write an archive: the app (serve or desktop) or a writing
 * CLI command. SQLite alone would let a CLI command fail halfway with SQLITE_BUSY (the
 * demo loader switches the journal mode, which needs the file to itself) and would leave
 * the running app's caches describing data that changed behind its back, so the second
 * process is refused up front, in Chinese, before it opens the database. The lock is a
 * file created exclusively; one whose process is gone (a crash, kill -9) is taken over.
 */
export function acquireArchiveLock(dataDir: string, command: string, now = new Date()): ArchiveLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, command, startedAt: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return { holder, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const other = readHolder(file);
      if (other && other.pid !== process.pid && alive(other.pid))
        throw new AppError('ARCHIVE_IN_USE', lockedMessage(other), other);
      // A stale lock (its process is gone), a half-written one, or our own: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('ARCHIVE_IN_USE', '无法锁定档案目录，请稍后再试');
}
