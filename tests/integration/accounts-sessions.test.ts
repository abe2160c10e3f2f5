import { afterEach, describe, expect, it } from 'vitest';
import { dummyHash, verificationCount, verifyPassword } from '../../electron/core/auth/passwords';
import { ADMIN, USER_PASSWORD, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
afterEach(() => t?.close());

const userId = async (username: string) =>
  (await t.ok('users.list', {}, t.adminToken)).find((u) => u.username === username)!.id;

const auditRows = () => t.count('audit_log');

describe('changing one’s own password', () => {
  it('ends the user’s other sessions and keeps the one that made the change', async () => {
    t = await makeTestCore();
    const first = await userToken(t, 'clerk1', 'clerk', 1);
    const second = await t.login('clerk1', USER_PASSWORD);
    const third = await t.login('clerk1', USER_PASSWORD);
    await t.ok('auth.changePassword', { oldPassword: USER_PASSWORD, newPassword: 'N3w-Passw0rd' }, second);

    for (const other of [first, third]) {
      expect(await t.call('auth.me', {}, other)).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } });
    }
    expect((await t.ok('auth.me', {}, second)).user.username).toBe('clerk1');
    // Other users' sessions are untouched.
    expect((await t.ok('auth.me', {}, t.adminToken)).user.username).toBe(ADMIN.username);
  });

  it('ends no session when the change is refused', async () => {
    t = await makeTestCore();
    const first = await userToken(t, 'clerk1', 'clerk', 1);
    const second = await t.login('clerk1', USER_PASSWORD);
    expect(
      await t.call('auth.changePassword', { oldPassword: 'wrong-Passw0rd', newPassword: 'N3w-Passw0rd' }, second),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect((await t.call('auth.me', {}, first)).ok).toBe(true);
  });
});

describe('login does the same work whether or not the user exists', () => {
  /** The result of one login and how many scrypt verifications it ran. */
  const attempt = async (username: string, password: string) => {
    const before = verificationCount();
    const r = await t.call('auth.login', { username, password });
    return { r, scrypts: verificationCount() - before };
  };

  it('runs one scrypt for an unknown, a disabled, a locked and a known user alike', async () => {
    t = await makeTestCore();
    await userToken(t, 'clerk1', 'clerk', 1);
    await userToken(t, 'gone', 'clerk', 1);
    await t.ok('users.update', { id: await userId('gone'), disabled: true }, t.adminToken);

    const unknown = await attempt('nobody', USER_PASSWORD);
    const wrong = await attempt('clerk1', 'Wr0ng-Passw0rd');
    const right = await attempt('clerk1', USER_PASSWORD);
    const disabled = await attempt('gone', USER_PASSWORD);
    const disabledWrong = await attempt('gone', 'Wr0ng-Passw0rd');
    for (const a of [unknown, wrong, right, disabled, disabledWrong]) expect(a.scrypts).toBe(1);

    // Unknown name and wrong password: the same answer, word for word.
    expect(unknown.r).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    expect(wrong.r).toEqual(unknown.r);
    expect(disabledWrong.r).toEqual(unknown.r);
    expect(right.r.ok).toBe(true);
    expect(disabled.r).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });

    for (let i = 0; i < 5; i++) await attempt('clerk1', 'Wr0ng-Passw0rd');
    const locked = await attempt('clerk1', USER_PASSWORD);
    expect(locked.r).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(locked.scrypts).toBe(1);
  });

  it('uses a dummy hash of the same cost as real ones, which no password matches', async () => {
    t = await makeTestCore();
    const stored = (t.core.ctx.sqlite.prepare('SELECT password_hash h FROM users').get() as { h: string }).h;
    const params = (h: string) => h.split('$').slice(0, 4);
    const dummy = dummyHash(t.core.ctx.passwordCost);
    expect(params(dummy)).toEqual(params(stored));
    for (const pw of ['', ADMIN.password, 'x'.repeat(128)]) expect(verifyPassword(pw, dummy)).toBe(false);
  });
});

describe('an administrator’s own clearance', () => {
  it('may be lowered but not raised by the administrator; another administrator may raise it', async () => {
    t = await makeTestCore();
    const me = await userId(ADMIN.username);
    expect((await t.ok('users.update', { id: me, clearance: 0 }, t.adminToken)).clearance).toBe(0);

    const before = auditRows();
    expect(await t.call('users.update', { id: me, clearance: 1 }, t.adminToken)).toEqual({
      ok: false,
      error: { code: 'SELF_CLEARANCE_RAISE', message: '不能提高本人的密级，须由另一名管理员修改' },
    });
    // Refused in the same call as other changes too, and nothing is written.
    expect(await t.call('users.update', { id: me, clearance: 2, displayName: '改名' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'SELF_CLEARANCE_RAISE' },
    });
    expect(auditRows()).toBe(before);
    expect((await t.ok('auth.me', {}, t.adminToken)).user).toMatchObject({ clearance: 0, displayName: '李管理' });
    // Keeping the same 密级 is not a raise.
    await t.ok('users.update', { id: me, clearance: 0 }, t.adminToken);

    const second = await userToken(t, 'admin2', 'admin', 2);
    expect((await t.ok('users.update', { id: me, clearance: 2 }, second)).clearance).toBe(2);
    const row = t.core.ctx.sqlite
      .prepare(`SELECT actor_name a FROM audit_log WHERE action = 'user.update' ORDER BY seq DESC LIMIT 1`)
      .get() as { a: string };
    expect(row.a).toContain('admin2');
  });
});
