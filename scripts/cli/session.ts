/**
 * Who a `dangan` command acts as. Every command that touches an archive calls the contract
 * through the core's dispatch, as the window does: the same zod validation, permission
 * check, 密级 filtering and audit path.
 *
 * - `--user NAME`: logs in with `auth.login` (password from DANGAN_PASSWORD, else the first
 *   line of stdin) and acts as that account, with its role and clearance; a wrong password,
 *   a locked or a disabled account fails with the window's codes.
 * - otherwise the built-in command-line account (命令行, username `cli`): whoever runs the
 *   command holds the data folder anyway. It has no users row and no password, so nobody
 *   can log in as it from the window or the bridge; its session is minted here, in this
 *   process's own session store, and dies with the process.
 */
import { randomBytes } from 'node:crypto';
import type { SecurityLevel } from '../../electron/contract/domain';
import type { Result } from '../../electron/contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../electron/contract/methods';
import { PERMISSIONS, type Permission } from '../../electron/contract/permissions';
import type { Core } from '../../electron/core/app';
import { CliError, nextStdinLine, openCore } from './io';
import { SessionStore } from '../../electron/core/auth';
import { type Actor, type CoreContext, type Session, isSetUp } from '../../electron/core/kernel';

/** The audit log names the built-in account `命令行(cli)` with this actor id (not a user id: there is no users row). */
export const CLI_ACCOUNT = { userId: 'cli', username: 'cli', displayName: '命令行' } as const;

/** An administrator's permissions, except managing accounts: no command needs it. */
const CLI_PERMISSIONS = PERMISSIONS.filter((p) => p !== 'users.manage');

/** The audit actor of the built-in account (also what `operator()` in sync-common returns). */
export const cliActor = (): Actor => ({
  id: CLI_ACCOUNT.userId,
  name: `${CLI_ACCOUNT.displayName}(${CLI_ACCOUNT.username})`,
});

/**
 * The session store of a CLI process: the core's own, plus the one built-in session it
 * mints itself, and an optional cap on the clearance (`dangan search --clearance`) that
 * can only lower what the account may see.
 */
export class CliSessionStore extends SessionStore {
  private builtIn: Session | null = null;
  clearanceCap: SecurityLevel | null = null;

  mintBuiltIn(): string {
    const token = randomBytes(32).toString('base64url');
    this.builtIn = {
      token,
      userId: CLI_ACCOUNT.userId,
      username: CLI_ACCOUNT.username,
      displayName: CLI_ACCOUNT.displayName,
      role: 'admin',
      clearance: 2,
      permissions: CLI_PERMISSIONS,
      mustChangePassword: false,
    };
    return token;
  }

  override resolve(ctx: CoreContext, token: string | undefined): Session {
    const s = this.builtIn && token === this.builtIn.token ? this.builtIn : super.resolve(ctx, token);
    const cap = this.clearanceCap;
    return cap !== null && cap < s.clearance ? { ...s, clearance: cap } : s;
  }
}

let userFlag: string | undefined;
/** Set by main from `--user NAME` (taken off the arguments before the command parses them). */
export function setCliUser(name: string | undefined): void {
  userFlag = name;
}

export interface CliSession {
  core: Core;
  sessions: CliSessionStore;
  /** Calls a contract method as this command's account; an error becomes `错误 [CODE]：…` and exit 1. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The same call, returning the Result for commands that print some errors their own way. */
  tryCall<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** Whether the account holds a permission (to skip an optional step it may not take). */
  may(p: Permission): boolean;
  /** Stops the core's services and closes the archive (awaited, see core.close). */
  close(): Promise<void>;
}

export const errorLine = (e: { code: string; message: string }) => `错误 [${e.code}]：${e.message}`;

/**
 * Opens the archive (taking the write lock unless `writes: false`, see openCore) and
 * signs in: as `--user` through `auth.login`, or as the built-in account.
 */
export async function openSession(dataFlag: string | undefined, opts: { writes?: boolean } = {}): Promise<CliSession> {
  const sessions = new CliSessionStore();
  const core = openCore(dataFlag, { writes: opts.writes, sessions });
  try {
    if (!isSetUp(core.ctx)) throw new CliError('系统尚未初始化，请先运行 dangan setup');
    let token: string;
    if (userFlag !== undefined) {
      const password = process.env.DANGAN_PASSWORD ?? (await nextStdinLine()) ?? '';
      const r = await core.dispatch('auth.login', { username: userFlag, password });
      if (!r.ok) throw new CliError(errorLine(r.error));
      // No logout at the end: the session lives only in this process's store and ends with it.
      token = r.value.token;
    } else token = sessions.mintBuiltIn();
    const tryCall = <M extends MethodName>(method: M, input: MethodInput<M>) =>
      core.dispatch(method, input, { sessionToken: token });
    return {
      core,
      sessions,
      tryCall,
      call: async (method, input) => {
        const r = await tryCall(method, input);
        if (!r.ok) throw new CliError(errorLine(r.error));
        return r.value;
      },
      may: (p) => sessions.resolve(core.ctx, token).permissions.includes(p),
      close: async () => {
        await core.close();
      },
    };
  } catch (e) {
    await core.close();
    throw e;
  }
}
