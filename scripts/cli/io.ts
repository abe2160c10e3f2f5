import fs from 'node:fs';
import { createCore, type Core } from '../../electron/core/app';
import type { Result } from '../../electron/contract/errors';
import { resolveDataDir } from './data-dir';
import { type SessionStore } from '../../electron/core/auth';
import { acquireArchiveLock } from '../../electron/core/kernel';

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

let stdin: Promise<string> | null = null;
/** All of stdin, read once (setup's password, or the lines nextStdinLine hands out). */
export function readStdin(): Promise<string> {
  stdin ??= (async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  })();
  return stdin;
}

let linesTaken = 0;
/**
 * The next unread line of stdin, or undefined past its end. Secrets come in this order:
 * the `--user` password (unless DANGAN_PASSWORD is set), then the key passphrase
 * (`--passphrase-stdin`).
 */
export async function nextStdinLine(): Promise<string | undefined> {
  const lines = (await readStdin()).split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines[linesTaken++];
}

let commandName = 'cli';
/** Set by main: names the command in the archive lock ("dangan demo"), for the message another process shows. */
export function setCommandName(name: string): void {
  commandName = name;
}

/**
 * Opens the archive. A command that writes (the default) first takes the archive lock,
 * so it is refused in Chinese, before touching anything, while the app (`dangan serve`,
 * the desktop program) or another writing command has the archive open; read-only
 * commands (`audit verify`, `sync status`) run beside the app.
 */
export function openCore(
  dataFlag: string | undefined,
  opts: { writes?: boolean | undefined; sessions?: SessionStore } = {},
): Core {
  const dataDir = resolveDataDir(dataFlag);
  const lock = opts.writes === false ? null : acquireArchiveLock(dataDir, commandName);
  let core: Core;
  try {
    core = createCore({ dataDir, sessions: opts.sessions });
  } catch (e) {
    lock?.release();
    throw e;
  }
  const close = core.close;
  core.close = async () => {
    try {
      return await close();
    } finally {
      lock?.release();
    }
  };
  return core;
}

/** Unwraps a dispatch result for the CLI: errors become a Chinese message and exit code 1. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new CliError(`错误 [${r.error.code}]：${r.error.message}`);
  return r.value;
}

/**
 * Writes a printed document (a PDF or workbook the core sent as base64) beside the target
 * and renames it into place, so a failed write never leaves half a file; warns on stderr of
 * the characters the font lacks, printed as 〓.
 */
export function writePrintedFile(target: string, r: { base64: string; missingChars: string[] }): void {
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.from(r.base64, 'base64'));
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`无法写入 ${target}：${(e as Error).message}`);
  }
  if (r.missingChars.length)
    err(`注意：字体缺少 ${r.missingChars.join('')} 等 ${r.missingChars.length} 个字，已以〓标出，请手工补写`);
}
