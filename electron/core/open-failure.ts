/**
 * What the desktop shell tells the user when the archive cannot be opened (before any
 * window exists): a Chinese title, the cause and what to do. A plain function, apart
 * from the shell, so each cause is tested without Electron. The error is matched on its
 * `code` only (AppError codes, SQLite result codes, Node errno codes), since it may come
 * from core, from better-sqlite3 or from the file system.
 */
export type OpenFailureCause = 'too-new' | 'in-use' | 'busy' | 'corrupt' | 'no-access' | 'disk-full' | 'unknown';

export interface OpenFailureMessage {
  cause: OpenFailureCause;
  title: string;
  /** What went wrong, in the user's words. */
  message: string;
  /** What to do about it. */
  advice: string;
}

const CAUSE_BY_CODE: Record<string, OpenFailureCause> = {
  DB_TOO_NEW: 'too-new',
  ARCHIVE_IN_USE: 'in-use',
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'corrupt',
  SQLITE_CORRUPT_VTAB: 'corrupt',
  SQLITE_IOERR_SHORT_READ: 'corrupt',
  SQLITE_CANTOPEN: 'no-access',
  SQLITE_READONLY: 'no-access',
  SQLITE_PERM: 'no-access',
  SQLITE_AUTH: 'no-access',
  EACCES: 'no-access',
  EPERM: 'no-access',
  EROFS: 'no-access',
  SQLITE_FULL: 'disk-full',
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
};

const codeOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : '';

export function openFailureCause(e: unknown): OpenFailureCause {
  const code = codeOf(e);
  return CAUSE_BY_CODE[code] ?? (code.startsWith('SQLITE_IOERR') ? 'no-access' : 'unknown');
}

const TITLE = '档案管理系统无法打开档案';

/** The dialog text for an error thrown while opening the archive in `dataDir`. */
export function openFailureMessage(e: unknown, dataDir: string): OpenFailureMessage {
  const cause = openFailureCause(e);
  const detail = e instanceof Error ? e.message : String(e);
  const where = `档案目录：${dataDir}`;
  switch (cause) {
    case 'too-new':
      return {
        cause,
        title: TITLE,
        message: `此档案由更新版本的档案管理系统建立或升级过，当前版本无法打开。${where}`,
        advice: '请安装与之相同或更新版本的档案管理系统后再打开。不要用旧版本修改此档案；档案数据未被改动。',
      };
    case 'in-use':
      return {
        cause,
        title: TITLE,
        message: `${detail}\n${where}`,
        advice: '请先关闭正在使用此档案的程序（另一个档案管理系统窗口、dangan serve 或正在运行的命令），再重新打开。',
      };
    case 'busy':
      return {
        cause,
        title: TITLE,
        message: `档案数据库正被其他程序锁定，暂时无法打开。${where}`,
        advice: '请关闭可能正在使用此档案的其他程序（包括备份或同步软件），稍等片刻后再打开。',
      };
    case 'corrupt':
      return {
        cause,
        title: TITLE,
        message: `档案数据库文件已损坏或不是档案系统的数据库（dangan.sqlite）。${where}`,
        advice:
          '请不要继续写入此目录。请联系管理员，用 backups 文件夹中的备份或最近一次导出的数据恢复档案；恢复前请先复制整个档案目录留存。',
      };
    case 'no-access':
      return {
        cause,
        title: TITLE,
        message: `没有权限读写档案目录，或该目录所在的磁盘不可用。${where}`,
        advice: '请确认该目录存在、磁盘（或 U 盘）已连接，且当前登录的用户对它有读写权限；必要时请联系管理员。',
      };
    case 'disk-full':
      return {
        cause,
        title: TITLE,
        message: `档案所在的磁盘空间已满，无法打开档案。${where}`,
        advice: '请清理磁盘空间（至少留出 1 GB）后再打开；档案数据未被改动。',
      };
    default:
      return {
        cause,
        title: TITLE,
        message: `打开档案时出错：${detail}\n${where}`,
        advice: '请重新启动档案管理系统；如仍无法打开，请将此消息截图并联系管理员。',
      };
  }
}

/** The whole dialog body: cause, then what to do. */
export const openFailureText = (m: OpenFailureMessage): string => `${m.message}\n\n处理办法：${m.advice}`;
