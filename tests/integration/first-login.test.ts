import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, USER_PASSWORD, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
afterEach(() => t?.close());

const refused = { ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringMatching(/修改密码/) } };

describe('a password an administrator set must be changed at first login', () => {
  it('refuses every method but me, changePassword, logout and status until the user changes it', async () => {
    t = await makeTestCore();
    const created = await t.ok(
      'users.create',
      { username: 'neiqin', displayName: '王内勤', role: 'clerk', clearance: 1, password: 'Temp-Passw0rd' },
      t.adminToken,
    );
    const first = await t.ok('auth.login', { username: 'neiqin', password: 'Temp-Passw0rd' });
    expect(first.mustChangePassword).toBe(true);
    const token = first.token;

    const before = t.count('audit_log');
    expect(await t.call('catalogue.query', {}, token)).toMatchObject(refused);
    expect(await t.call('scheme.list', {}, token)).toMatchObject(refused);
    expect(await t.call('search.query', { q: '户口' }, token)).toMatchObject(refused);
    const cats = await t.ok('scheme.list', {}, t.adminToken);
    expect(
      await t.call('catalogue.create', { categoryId: cats[0]!.id, year: 2020, title: '不应写入' }, token),
    ).toMatchObject(refused);
    expect(t.count('items')).toBe(0);
    expect(t.count('audit_log')).toBe(before);

    expect((await t.ok('auth.me', {}, token)).mustChangePassword).toBe(true);
    expect((await t.ok('system.status', {}, token)).setupDone).toBe(true);
    // Keeping the administrator's password is not a change.
    expect(
      await t.call('auth.changePassword', { oldPassword: 'Temp-Passw0rd', newPassword: 'Temp-Passw0rd' }, token),
    ).toMatchObject({ ok: false, error: { code: 'PASSWORD_UNCHANGED' } });

    await t.ok('auth.changePassword', { oldPassword: 'Temp-Passw0rd', newPassword: 'Mine-Passw0rd' }, token);
    expect((await t.ok('auth.me', {}, token)).mustChangePassword).toBe(false);
    expect((await t.ok('catalogue.query', {}, token)).total).toBe(0);
    const again = await t.ok('auth.login', { username: 'neiqin', password: 'Mine-Passw0rd' });
    expect(again.mustChangePassword).toBe(false);

    // An administrator's reset makes the next login change it again, and ends open sessions.
    await t.ok('users.update', { id: created.id, resetPassword: 'Reset-Passw0rd' }, t.adminToken);
    expect((await t.call('catalogue.query', {}, again.token)).ok).toBe(false);
    const afterReset = await t.ok('auth.login', { username: 'neiqin', password: 'Reset-Passw0rd' });
    expect(afterReset.mustChangePassword).toBe(true);
    expect(await t.call('catalogue.query', {}, afterReset.token)).toMatchObject(refused);
    await t.ok('auth.logout', {}, afterReset.token);
  });

  it('never forces the administrator who set up the archive, nor a user who changed it', async () => {
    t = await makeTestCore();
    expect((await t.ok('auth.me', {}, t.adminToken)).mustChangePassword).toBe(false);
    // An administrator's other edits (role, clearance) do not force a new password.
    const clerk = await userToken(t, 'clerk1', 'clerk', 0);
    const id = (await t.ok('users.list', {}, t.adminToken)).find((u) => u.username === 'clerk1')!.id;
    await t.ok('users.update', { id, clearance: 1 }, t.adminToken);
    expect((await t.ok('auth.me', {}, clerk)).mustChangePassword).toBe(false);
    expect((await t.ok('auth.login', { username: 'clerk1', password: USER_PASSWORD })).mustChangePassword).toBe(false);
  });
});
