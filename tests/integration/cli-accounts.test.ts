/**
 * The `dangan` command goes through the contract's dispatch like the window: `--user NAME`
 * logs in (same codes as the window on a wrong password or a disabled account) and acts
 * with that account's permissions and 密级; without it the command acts as the built-in
 * 命令行(cli) account, which the audit log names and which cannot be logged in as.
 * Spawns the real CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dangan } from '../helpers/cli';
import { ADMIN, categoryId, makeTestCore, tempDir, USER_PASSWORD, userToken } from '../helpers/test-core';

const SECRET_TITLE = '标记甲乙专案秘密材料';
const PUBLIC_TITLE = '标记甲乙公开通知';

let dir: string;
let ids: { clerk: string; registry: string };

/** The archive, prepared in-process and closed: a clerk (公开 only), a registry clerk (no import), a disabled account. */
beforeAll(async () => {
  dir = tempDir('dangan-cli-accounts-');
  const t = await makeTestCore({ dir });
  const ws = await categoryId(t, 'WS');
  await t.ok('catalogue.create', { categoryId: ws, year: 2021, title: SECRET_TITLE, securityLevel: 2 }, t.adminToken);
  await t.ok('catalogue.create', { categoryId: ws, year: 2021, title: PUBLIC_TITLE }, t.adminToken);
  await userToken(t, 'clerk', 'clerk', 0);
  await userToken(t, 'registry', 'registry', 2);
  await userToken(t, 'gone', 'clerk', 2);
  const users = await t.ok('users.list', {}, t.adminToken);
  const id = (u: string) => users.find((x) => x.username === u)!.id;
  await t.ok('users.update', { id: id('gone'), disabled: true }, t.adminToken);
  ids = { clerk: id('clerk'), registry: id('registry') };
  fs.writeFileSync(path.join(dir, '目录.csv'), '题名,日期,保管期限\n命令行导入的通知,2011-03-05,长期\n');
  t.core.close();
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(path.join(dir, 'dangan.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}
const itemCount = () => query<{ n: number }>('SELECT count(*) n FROM items')[0]!.n;
const lastImport = () =>
  query<{ actor_id: string | null; actor_name: string }>(
    "SELECT actor_id, actor_name FROM audit_log WHERE action = 'item.import' ORDER BY seq DESC LIMIT 1",
  )[0];
const importArgs = () => [
  'import',
  'catalogue',
  '--data',
  dir,
  '--file',
  path.join(dir, '目录.csv'),
  '--category',
  'WS',
];
const titles = (stdout: string) => (JSON.parse(stdout) as { hits: { title: string }[] }).hits.map((h) => h.title);

describe('dangan --user', () => {
  it('a clerk cleared for 公开 does not see a 秘密 record in dangan search; the built-in account does', () => {
    const clerk = dangan(['search', '--data', dir, '标记甲乙', '--json', '--user', 'clerk'], USER_PASSWORD + '\n');
    expect(clerk.code, clerk.stderr).toBe(0);
    expect(titles(clerk.stdout)).toEqual([PUBLIC_TITLE]);
    expect(clerk.stdout).not.toContain(SECRET_TITLE);

    const builtIn = dangan(['search', '--data', dir, '标记甲乙', '--json']);
    expect(builtIn.code, builtIn.stderr).toBe(0);
    expect(titles(builtIn.stdout).sort()).toEqual([PUBLIC_TITLE, SECRET_TITLE].sort());
  });

  it('with the right password acts as that user: the audit entry names the clerk', () => {
    const before = itemCount();
    const prev = process.env.DANGAN_PASSWORD;
    process.env.DANGAN_PASSWORD = USER_PASSWORD; // the password from the environment instead of stdin
    try {
      const r = dangan([...importArgs(), '--user=clerk']);
      expect(r.code, r.stderr).toBe(0);
    } finally {
      if (prev === undefined) delete process.env.DANGAN_PASSWORD;
      else process.env.DANGAN_PASSWORD = prev;
    }
    expect(itemCount()).toBe(before + 1);
    expect(lastImport()).toEqual({ actor_id: ids.clerk, actor_name: 'clerk(clerk)' });
    const login = query<{ actor_id: string }>("SELECT actor_id FROM audit_log WHERE action = 'auth.login'");
    expect(login.map((l) => l.actor_id)).toContain(ids.clerk);
  });

  it('refuses a wrong password, as the window does, and changes nothing', () => {
    const before = itemCount();
    const r = dangan([...importArgs(), '--user', 'clerk'], 'Wrong-Passw0rd\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误 [INVALID_CREDENTIALS]：用户名或密码错误');
    expect(itemCount()).toBe(before);
    // The failed attempt is audited like a failed login in the window (the lockout's memory).
    const failed = query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE action = 'auth.loginFailed'");
    expect(failed.map((f) => f.actor_name)).toContain('clerk');
  });

  it('refuses a disabled account with the window’s code', () => {
    const r = dangan(['search', '--data', dir, '标记甲乙', '--user', 'gone'], USER_PASSWORD + '\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误 [ACCOUNT_DISABLED]');
  });

  it('reads the password from the first line of stdin and the key passphrase from the next', () => {
    const passphrase = 'correct horse battery staple';
    const init = dangan(
      ['keys', 'init', '--data', dir, '--user', 'admin', '--passphrase-stdin', '--json'],
      `${ADMIN.password}\n${passphrase}\n`,
    );
    expect(init.code, init.stderr).toBe(0);
    const generated = query<{ actor_name: string }>(
      "SELECT actor_name FROM audit_log WHERE action = 'sync.keys.generate' ORDER BY seq DESC LIMIT 1",
    );
    expect(generated).toEqual([{ actor_name: '李管理(admin)' }]);
    // The keys were sealed with the second line: it unlocks them (the first would not).
    const rotate = dangan(['keys', 'rotate', '--data', dir, '--passphrase-stdin'], passphrase + '\n');
    expect(rotate.code, rotate.stderr).toBe(0);
    const wrong = dangan(['keys', 'rotate', '--data', dir, '--passphrase-stdin'], ADMIN.password + '\n');
    expect(wrong.code).toBe(1);
  });

  it('refuses a command the account has no permission for with FORBIDDEN', () => {
    const before = itemCount();
    const r = dangan([...importArgs(), '--user', 'registry'], USER_PASSWORD + '\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误 [FORBIDDEN]');
    expect(r.stderr).toContain('import.commit');
    expect(itemCount()).toBe(before);
  });
});

describe('the built-in command-line account', () => {
  it('is what the audit log names when no --user is given', () => {
    const before = itemCount();
    const r = dangan(importArgs());
    expect(r.code, r.stderr).toBe(0);
    expect(itemCount()).toBe(before + 1);
    expect(lastImport()).toEqual({ actor_id: 'cli', actor_name: '命令行(cli)' });
  });

  it('cannot be logged in as from the window or the bridge (no users row, no password)', async () => {
    const t = await makeTestCore({ dir, setup: false });
    try {
      for (const password of ['', 'cli', 'Adm1n-Passw0rd']) {
        const r = await t.call('auth.login', { username: 'cli', password });
        expect(r.ok).toBe(false);
      }
      expect(query('SELECT id FROM users WHERE username = ? OR id = ?', 'cli', 'cli')).toEqual([]);
      // A made-up token is no session either.
      const r = await t.call('catalogue.query', {}, 'cli');
      expect(r.ok ? null : r.error.code).toBe('SESSION_EXPIRED');
    } finally {
      t.core.close();
    }
  });
});
