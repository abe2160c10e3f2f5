import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../electron/core/app';
import type { Result } from '../../electron/contract/errors';
import type { MethodName, MethodOutput } from '../../electron/contract/methods';
import { ManualClock } from '../../electron/core/kernel/clock';

export const ADMIN = { username: 'admin', password: 'Adm1n-Passw0rd' };

export interface TestCore {
  core: Core;
  dir: string;
  clock: ManualClock;
  /** Calls dispatch with a session token (or none). */
  call<M extends MethodName>(method: M, input: unknown, token?: string): Promise<Result<MethodOutput<M>>>;
  /** Like call, but fails the test on an error result. */
  ok<M extends MethodName>(method: M, input: unknown, token?: string): Promise<MethodOutput<M>>;
  login(username: string, password: string): Promise<string>;
  adminToken: string;
  count(table: string): number;
  /** Closes the core (its services stopped and awaited) and removes the folder. */
  close(): Promise<void>;
}

export function tempDir(prefix = 'dangan-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real core on a real SQLite file in a temp folder, set up and with an admin logged in. */
export async function makeTestCore(opts: { setup?: boolean; dir?: string } = {}): Promise<TestCore> {
  const dir = opts.dir ?? tempDir();
  const clock = new ManualClock();
  // A low scrypt cost keeps the suite fast; production uses 2^15 (see auth/passwords.ts).
  const core = createCore({ dataDir: dir, clock, passwordCost: 2 ** 10, log: { info() {}, error() {} } });
  const call = <M extends MethodName>(method: M, input: unknown, token?: string) =>
    core.dispatch(method, input, { sessionToken: token });
  const ok = async <M extends MethodName>(method: M, input: unknown, token?: string) => {
    const r = await call(method, input, token);
    if (!r.ok)
      throw new Error(`${method} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details ?? '')}`);
    return r.value;
  };
  const login = async (username: string, password: string) => (await ok('auth.login', { username, password })).token;
  const t: TestCore = {
    core,
    dir,
    clock,
    call,
    ok,
    login,
    adminToken: '',
    count: (table) => (core.ctx.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n,
    close: async () => {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  if (opts.setup !== false) {
    await ok('setup.initialize', {
      nodeRole: 'station',
      unitName: '北港派出所',
      fondsCode: 'J001',
      adminUsername: ADMIN.username,
      adminDisplayName: '李管理',
      adminPassword: ADMIN.password,
    });
    t.adminToken = await login(ADMIN.username, ADMIN.password);
  }
  return t;
}

/**
 * Logs in with a password an administrator set and replaces it, as the user must at first
 * login (the session refuses everything else until then); returns the session token.
 */
export async function firstLogin(t: TestCore, username: string, adminSet: string, chosen: string): Promise<string> {
  const first = await t.ok('auth.login', { username, password: adminSet });
  if (!first.mustChangePassword) throw new Error(`${username}: expected to have to change the password`);
  await t.ok('auth.changePassword', { oldPassword: adminSet, newPassword: chosen }, first.token);
  return first.token;
}

/** The password userToken's users end up with (after their first-login change). */
export const USER_PASSWORD = 'Us3r-Passw0rd';

/** Creates a user with a role and clearance, does their first-login password change, and returns their token. */
export async function userToken(t: TestCore, username: string, role: string, clearance: number): Promise<string> {
  const initial = 'Initial-Passw0rd';
  await t.ok('users.create', { username, displayName: username, role, clearance, password: initial }, t.adminToken);
  return firstLogin(t, username, initial, USER_PASSWORD);
}

export async function categoryId(t: TestCore, fullCode: string): Promise<string> {
  const list = await t.ok('scheme.list', {}, t.adminToken);
  const c = list.find((x) => x.fullCode === fullCode);
  if (!c) throw new Error(`no category ${fullCode}`);
  return c.id;
}
