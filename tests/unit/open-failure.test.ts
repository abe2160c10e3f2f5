import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, DB_FILE } from '../../electron/core/app';
import { AppError } from '../../electron/core/kernel/errors';
import { lockedMessage } from '../../electron/core/kernel/archive-lock';
import { openFailureMessage, openFailureText, type OpenFailureCause } from '../../electron/core/open-failure';
import { tempDir } from '../helpers/test-core';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const quiet = { info() {}, error() {} };

/** What createCore throws on this data folder. */
async function openError(dir: string): Promise<unknown> {
  try {
    const c = createCore({ dataDir: dir, passwordCost: 2 ** 10, log: quiet });
    await c.close();
  } catch (e) {
    return e;
  }
  throw new Error('the archive opened');
}

const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('the message when the desktop app cannot open the archive', () => {
  it('a database from a newer version: upgrade the app, nothing was changed', async () => {
    const dir = tempDir();
    dirs.push(dir);
    await createCore({ dataDir: dir, passwordCost: 2 ** 10, log: quiet }).close();
    const db = new Database(path.join(dir, DB_FILE));
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 9_999_999_999_999);
    db.close();
    const m = openFailureMessage(await openError(dir), dir);
    expect(m.cause).toBe('too-new');
    expect(m.title).toBe('档案管理系统无法打开档案');
    expect(m.message).toContain('更新版本');
    expect(m.message).toContain(dir);
    expect(m.advice).toContain('安装与之相同或更新版本');
  });

  it('a file that is not a database (corrupt): restore from backups, keep a copy first', async () => {
    const dir = tempDir();
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, DB_FILE), Buffer.alloc(8192, 0x5a));
    const m = openFailureMessage(await openError(dir), dir);
    expect(m.cause).toBe('corrupt');
    expect(m.message).toContain('已损坏');
    expect(m.advice).toContain('backups');
  });

  it('an archive held by another program: names it and says to close it', () => {
    const held = new AppError(
      'ARCHIVE_IN_USE',
      lockedMessage({ pid: 4242, command: 'serve', startedAt: '2026-03-01T08:00:00.000Z' }),
    );
    const m = openFailureMessage(held, '/data/dangan');
    expect(m.cause).toBe('in-use');
    expect(m.message).toContain('进程 4242');
    expect(m.advice).toContain('先关闭正在使用此档案的程序');
  });

  const byCode: [string, OpenFailureCause, string][] = [
    ['SQLITE_BUSY', 'busy', '锁定'],
    ['SQLITE_LOCKED', 'busy', '锁定'],
    ['SQLITE_NOTADB', 'corrupt', '已损坏'],
    ['SQLITE_CANTOPEN', 'no-access', '没有权限'],
    ['SQLITE_READONLY', 'no-access', '没有权限'],
    ['SQLITE_IOERR_WRITE', 'no-access', '没有权限'],
    ['EACCES', 'no-access', '没有权限'],
    ['EROFS', 'no-access', '没有权限'],
    ['ENOSPC', 'disk-full', '空间已满'],
    ['SQLITE_FULL', 'disk-full', '空间已满'],
  ];
  it.each(byCode)('%s → %s', (code, cause, words) => {
    const m = openFailureMessage(errno(code), '/data/dangan');
    expect(m.cause).toBe(cause);
    expect(m.message).toContain(words);
    expect(m.advice.length).toBeGreaterThan(10);
  });

  it('anything else: shows the error itself and whom to ask', () => {
    for (const e of [new Error('boom'), 'boom', null, { code: 42 }]) {
      const m = openFailureMessage(e, '/data/dangan');
      expect(m.cause).toBe('unknown');
      expect(m.advice).toContain('联系管理员');
    }
    expect(openFailureMessage(new Error('boom'), '/d').message).toContain('boom');
  });

  it('the dialog body gives the cause, then what to do', () => {
    const m = openFailureMessage(errno('ENOSPC'), '/d');
    expect(openFailureText(m)).toBe(`${m.message}\n\n处理办法：${m.advice}`);
  });
});
