import { createCore, type Core } from '../../electron/core/app';
import type { Result } from '../../electron/contract/errors';
import { resolveDataDir } from './data-dir';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export const out = (s: string) => process.stdout.write(s + '\n');
export const err = (s: string) => process.stderr.write(s + '\n');

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function openCore(dataFlag: string | undefined): Core {
  return createCore({ dataDir: resolveDataDir(dataFlag) });
}

/** Unwraps a dispatch result for the CLI: errors become a Chinese message and exit code 1. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new CliError(`错误 [${r.error.code}]：${r.error.message}`);
  return r.value;
}
