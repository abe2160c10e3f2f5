import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const DANGAN = path.join(ROOT, 'scripts', 'bin', 'dangan.mjs');

/**
 * The calendar day child processes live on (their core's clock starts here and runs on), so
 * that nothing a test checks depends on the day it runs.
 */
export const TEST_NOW = '2026-01-05T08:00:00.000Z';

/** Runs the real `dangan` command as a child process. */
export function dangan(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [DANGAN, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DANGAN_CLOCK_START: TEST_NOW },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function setupViaCli(dir: string, password = 'Adm1n-Passw0rd') {
  const r = dangan(
    [
      'setup',
      '--data',
      dir,
      '--role',
      'station',
      '--unit',
      '北港派出所',
      '--fonds',
      'J001',
      '--admin',
      'admin',
      '--password-stdin',
    ],
    password + '\n',
  );
  if (r.code !== 0) throw new Error(`setup failed: ${r.stderr}`);
  return r;
}
