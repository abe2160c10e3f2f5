import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
afterEach(() => t?.close());

describe('first-run setup', () => {
  it('refuses every session method before setup and runs setup once', async () => {
    t = await makeTestCore({ setup: false });
    expect((await t.ok('system.status', {})).setupDone).toBe(false);
    const early = await t.call('catalogue.query', {});
    expect(early).toMatchObject({ ok: false, error: { code: 'SETUP_REQUIRED' } });
    const bad = await t.call('setup.initialize', {
      nodeRole: 'station',
      unitName: '',
      fondsCode: 'J-1',
      adminUsername: 'a',
      adminDisplayName: 'x',
      adminPassword: 'short',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(t.count('users')).toBe(0);
    await t.ok('setup.initialize', {
      nodeRole: 'bureau',
      unitName: '某县公安局',
      fondsCode: 'j002',
      adminUsername: 'root',
      adminDisplayName: '王局',
      adminPassword: 'Str0ng-Passw0rd',
    });
    const st = await t.ok('system.status', {});
    expect(st).toMatchObject({ setupDone: true, nodeRole: 'bureau', fondsCode: 'J002', unitName: '某县公安局' });
    // The core's clock, not the browser's: the 统计年报 screen defaults to last year by it.
    expect(st.now).toBe(t.clock.now().toISOString());
    expect(
      await t.call('setup.initialize', {
        nodeRole: 'station',
        unitName: 'x',
        fondsCode: 'J1',
        adminUsername: 'bb',
        adminDisplayName: 'b',
        adminPassword: 'Str0ng-Passw0rd',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_SETUP' },
    });
    // The password is stored with scrypt, never in clear.
    const hash = (t.core.ctx.sqlite.prepare('SELECT password_hash h FROM users').get() as { h: string }).h;
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(hash).not.toContain('Str0ng');
  });
});

describe('login, lockout and sessions', () => {
  it('rejects a wrong password with a stable code and locks after five', async () => {
    t = await makeTestCore();
    for (let i = 0; i < 4; i++) {
      expect(await t.call('auth.login', { username: ADMIN.username, password: 'wrong' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' },
      });
    }
    expect(await t.call('auth.login', { username: ADMIN.username, password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    // Locked: even the right password is refused until the lock expires.
    expect(await t.call('auth.login', ADMIN)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    t.clock.advance(16 * 60_000);
    expect((await t.call('auth.login', ADMIN)).ok).toBe(true);
    const actions = (t.core.ctx.sqlite.prepare('SELECT action FROM audit_log').all() as { action: string }[]).map(
      (r) => r.action,
    );
    expect(actions.filter((a) => a === 'auth.loginFailed')).toHaveLength(4);
    expect(actions).toContain('auth.locked');
  });

  it('expires a session after the idle timeout', async () => {
    t = await makeTestCore();
    await t.ok('catalogue.query', {}, t.adminToken);
    t.clock.advance(14 * 60_000);
    await t.ok('catalogue.query', {}, t.adminToken); // activity keeps it alive
    t.clock.advance(16 * 60_000);
    expect(await t.call('catalogue.query', {}, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'SESSION_EXPIRED' },
    });
    expect(await t.call('catalogue.query', {})).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect(await t.call('catalogue.query', {}, 'forged')).toMatchObject({
      ok: false,
      error: { code: 'SESSION_EXPIRED' },
    });
  });

  it('logs a user out when disabled and refuses the next login', async () => {
    t = await makeTestCore();
    const clerk = await userToken(t, 'clerk1', 'clerk', 1);
    const users = await t.ok('users.list', {}, t.adminToken);
    const id = users.find((u) => u.username === 'clerk1')!.id;
    await t.ok('users.update', { id, disabled: true }, t.adminToken);
    expect((await t.call('catalogue.query', {}, clerk)).ok).toBe(false);
    expect(await t.call('auth.login', { username: 'clerk1', password: 'Us3r-Passw0rd' })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_DISABLED' },
    });
  });

  it('changes a password only with the old one', async () => {
    t = await makeTestCore();
    expect(
      await t.call('auth.changePassword', { oldPassword: 'nope', newPassword: 'N3w-Passw0rd' }, t.adminToken),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    await t.ok('auth.changePassword', { oldPassword: ADMIN.password, newPassword: 'N3w-Passw0rd' }, t.adminToken);
    expect((await t.call('auth.login', ADMIN)).ok).toBe(false);
    expect((await t.call('auth.login', { username: 'admin', password: 'N3w-Passw0rd' })).ok).toBe(true);
  });
});

describe('roles and permissions', () => {
  it('lets the auditor read everything and change nothing', async () => {
    t = await makeTestCore();
    const auditor = await userToken(t, 'shenji', 'auditor', 2);
    const cats = await t.ok('scheme.list', {}, auditor);
    const before = t.count('audit_log');
    const r = await t.call('catalogue.create', { categoryId: cats[0]!.id, year: 2020, title: '测试' }, auditor);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(t.count('items')).toBe(0);
    expect(t.count('audit_log')).toBe(before);
    expect((await t.ok('audit.list', {}, auditor)).total).toBeGreaterThan(0);
    expect((await t.ok('audit.verify', {}, auditor)).ok).toBe(true);
    expect(await t.call('users.list', {}, auditor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps the audit log from clerks and user management from everyone but the admin', async () => {
    t = await makeTestCore();
    const clerk = await userToken(t, 'neiqin', 'clerk', 1);
    expect(await t.call('audit.list', {}, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await t.call(
        'users.create',
        { username: 'x1', displayName: 'x', role: 'admin', clearance: 2, password: 'Passw0rd-123' },
        clerk,
      ),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await t.call(
        'users.create',
        { username: 'neiqin', displayName: 'x', role: 'clerk', clearance: 0, password: 'Passw0rd-123' },
        t.adminToken,
      ),
    ).toMatchObject({ ok: false, error: { code: 'DUPLICATE_USERNAME' } });
  });
});
