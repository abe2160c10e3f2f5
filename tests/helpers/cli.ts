import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cachedDir } from './run-cache';

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

/**
 * A station archive in `dir`, set up by the real `dangan setup`. The archive it makes is the
 * same every time but for its random ids and salts, so within a run it is made once per
 * password (run-cache.ts) and copied: each `dangan` start costs about two seconds of CPU.
 */
export function setupViaCli(dir: string, password = 'Adm1n-Passw0rd') {
  let result: ReturnType<typeof dangan> | undefined;
  const made = cachedDir(`setup-${Buffer.from(password).toString('hex')}`, (tmp) => {
    result = runSetup(tmp, password);
    fs.writeFileSync(path.join(tmp, 'setup-result.json'), JSON.stringify(result));
  });
  if (!made) return runSetup(dir, password);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(made))
    if (f !== 'setup-result.json') fs.cpSync(path.join(made, f), path.join(dir, f), { recursive: true });
  return (
    result ?? (JSON.parse(fs.readFileSync(path.join(made, 'setup-result.json'), 'utf8')) as ReturnType<typeof dangan>)
  );
}

function runSetup(dir: string, password: string) {
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
