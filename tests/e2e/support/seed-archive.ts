/**
 * A station archive set up by the CLI and filled through the contract before `dangan serve`
 * opens it: the accounts a flow needs (each past its first-login password change) and its
 * records. Flows with several signers (lending, appraisal, arrangement) start this way.
 */
import { createCore } from '../../../electron/core/app';
import { clockStartingAt, type CoreContext } from '../../../electron/core/kernel';
import { setupViaCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/test-core';
import { E2E_NOW } from './server';

export interface Seeder {
  ctx: CoreContext;
  /** The administrator's session token. */
  admin: string;
  /** Calls dispatch and fails the setup on an error result. */
  ok: <T = never>(method: string, input: unknown, token?: string) => Promise<T>;
  /** Creates an account, changes its first password to `password`; its session token. */
  user: (u: { username: string; displayName: string; role: string; clearance: number }) => Promise<string>;
  /** The id of the category with this full code (WS, ZY·JT …). */
  category: (fullCode: string) => Promise<string>;
}

/** The archive's folder, set up with the administrator's `password` and filled by `fill`. */
export async function seedArchive(
  prefix: string,
  password: string,
  userPassword: string,
  fill: (s: Seeder) => Promise<void>,
): Promise<string> {
  const dir = tempDir(prefix);
  setupViaCli(dir, password);
  // On the served app's calendar (E2E_NOW), so what the seed signs and dates reads as the same day.
  const core = createCore({
    dataDir: dir,
    log: { info() {}, error() {} },
    clock: clockStartingAt(Date.parse(E2E_NOW)),
  });
  try {
    const ok = async <T = never>(method: string, input: unknown, token?: string): Promise<T> => {
      const r = await core.dispatch(method as never, input, { sessionToken: token });
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    const login = async (username: string, pw: string) =>
      (await ok<{ token: string }>('auth.login', { username, password: pw })).token;
    const admin = await login('admin', password);
    const initial = 'Initial-Passw0rd';
    await fill({
      ctx: core.ctx,
      admin,
      ok,
      user: async (u) => {
        await ok('users.create', { ...u, password: initial }, admin);
        await ok(
          'auth.changePassword',
          { oldPassword: initial, newPassword: userPassword },
          await login(u.username, initial),
        );
        return login(u.username, userPassword);
      },
      category: async (fullCode) =>
        (await ok<{ id: string; fullCode: string }[]>('scheme.list', {}, admin)).find((c) => c.fullCode === fullCode)!
          .id,
    });
  } finally {
    await core.close();
  }
  return dir;
}
