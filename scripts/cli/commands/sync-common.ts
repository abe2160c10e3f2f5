/** Shared by the sync commands: the key passphrase, printing. */
import type { Core } from '../../../electron/core/app';
import { CliError, nextStdinLine, out } from '../io';
import { cliActor, type CliSession } from '../session';
import { type Actor, isSetUp } from '../../../electron/core/kernel';

/**
 * The audit actor of a command run without `--user` (the built-in command-line account).
 * Tests that replay a command's step in-process use it to write the same audit rows.
 */
export function operator(core: Core): Actor {
  if (!isSetUp(core.ctx)) throw new CliError('系统尚未初始化，请先运行 dangan setup');
  return cliActor();
}

/**
 * Unlocks the node's keys (`sync.keys.unlock`) with the passphrase from stdin
 * (`--passphrase-stdin`) or DANGAN_KEY_PASSPHRASE. Without either, commands that need a
 * private key fail with KEYS_LOCKED.
 */
export async function unlock(cli: CliSession, fromStdin: boolean | undefined): Promise<void> {
  const pass = fromStdin ? await nextStdinLine() : process.env.DANGAN_KEY_PASSPHRASE;
  if (pass === undefined || pass === '') return;
  await cli.call('sync.keys.unlock', { passphrase: pass });
}

export const printJson = (v: unknown) => out(JSON.stringify(v, null, 2));

export const passphraseOption = { 'passphrase-stdin': { type: 'boolean', default: false } } as const;
