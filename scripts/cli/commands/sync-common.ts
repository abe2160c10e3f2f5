/** Shared by the sync commands: the local operator, the key passphrase, printing. */
import type { Core } from '../../../electron/core/app';
import { type Actor, AppError, isSetUp } from '../../../electron/core/kernel';
import { unlockWithPassphrase } from '../../../electron/core/sync';
import { CliError, out, readStdin } from '../io';

/** The CLI acts as the local operator: the first enabled administrator of this installation. */
export function operator(core: Core): Actor {
  if (!isSetUp(core.ctx)) throw new CliError('系统尚未初始化，请先运行 dangan setup');
  const admin = core.ctx.sqlite
    .prepare("SELECT id, username, display_name FROM users WHERE role = 'admin' AND disabled = 0 ORDER BY created_at")
    .get() as { id: string; username: string; display_name: string } | undefined;
  if (!admin) throw new CliError('没有可用的管理员账号，无法以本机操作员身份执行');
  return { id: admin.id, name: `${admin.display_name}(${admin.username})` };
}

/**
 * Unlocks the node's keys with the passphrase from stdin (`--passphrase-stdin`) or
 * DANGAN_KEY_PASSPHRASE. Without either, commands that need a private key fail with KEYS_LOCKED.
 */
export async function unlock(core: Core, fromStdin: boolean | undefined): Promise<void> {
  const pass = fromStdin ? (await readStdin()).split(/\r?\n/)[0]! : process.env.DANGAN_KEY_PASSPHRASE;
  if (pass === undefined || pass === '') return;
  unlockWithPassphrase(core.ctx, pass);
}

/** Runs a step as the local operator under the write lock; AppErrors become `错误 [CODE]：…`. */
export async function run<T>(core: Core, fn: (actor: Actor) => T | Promise<T>): Promise<T> {
  const actor = operator(core);
  try {
    return await core.ctx.lock.run(() => fn(actor));
  } catch (e) {
    if (e instanceof AppError) throw new CliError(`错误 [${e.code}]：${e.message}`);
    throw e;
  }
}

export const printJson = (v: unknown) => out(JSON.stringify(v, null, 2));

export const passphraseOption = { 'passphrase-stdin': { type: 'boolean', default: false } } as const;
