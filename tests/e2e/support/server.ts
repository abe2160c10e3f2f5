import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { DANGAN, ROOT, TEST_NOW, dangan, setupViaCli } from '../../helpers/cli';
import { cachedDir } from '../../helpers/run-cache';
import { tempDir } from '../../helpers/test-core';

export interface ServeHandle {
  url: string;
  origin: string;
  dataDir: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The calendar day every served app and every test page lives on: nothing an e2e test checks
 * may depend on the day it runs (the core's clock starts here and runs on; the page's Date is
 * fixed here too, see browser.ts).
 */
export const E2E_NOW = TEST_NOW;

/** Starts the real `dangan serve` as a child process (with extra environment or arguments, if given) and waits for the URL it prints. */
export async function startServe(
  dataDir = tempDir('dangan-e2e-'),
  o: { env?: NodeJS.ProcessEnv; args?: string[] } = {},
): Promise<ServeHandle> {
  const args = o.args ?? ['--port', '0'];
  const proc = spawn(process.execPath, [DANGAN, 'serve', '--data', dataDir, '--no-open', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DANGAN_CLOCK_START: E2E_NOW, ...o.env },
  });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    proc,
    stop: async () => {
      await stopProcess(proc);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new station archive, set up by the CLI with the administrator's `password`, served. */
export async function serveNewArchive(password: string, prefix = 'dangan-e2e-'): Promise<ServeHandle> {
  const dir = tempDir(prefix);
  setupViaCli(dir, password);
  return startServe(dir);
}

/** A county bureau and one station (not yet enrolled), each set up by the CLI and served. */
export async function serveBureauAndStation(password: string): Promise<{ bureau: ServeHandle; station: ServeHandle }> {
  const bureauDir = tempDir('dangan-e2e-bureau-');
  const stationDir = tempDir('dangan-e2e-station-');
  // Set up once per run and copied, like setupViaCli's station (helpers/run-cache.ts).
  const setUp = (dir: string) => {
    const setup = ['setup', '--data', dir, '--role', 'bureau', '--unit', '城关县公安局', '--fonds', 'J100'];
    const r = dangan([...setup, '--admin', 'admin', '--password-stdin'], password + '\n');
    if (r.code !== 0) throw new Error(`bureau setup failed: ${r.stderr}`);
  };
  const made = cachedDir(`setup-bureau-${Buffer.from(password).toString('hex')}`, setUp);
  if (made) fs.cpSync(made, bureauDir, { recursive: true });
  else setUp(bureauDir);
  setupViaCli(stationDir, password);
  const [bureau, station] = await Promise.all([startServe(bureauDir), startServe(stationDir)]);
  return { bureau, station };
}

/** Ends a serve child (SIGTERM, or another signal) and waits until it has exited. */
export async function stopProcess(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill(signal);
  await exited;
}

/** Stops a serve process without removing its data, lets `between` change the data directory, starts it again. */
export async function restartServe(h: ServeHandle, between: (dataDir: string) => void): Promise<ServeHandle> {
  await stopProcess(h.proc);
  between(h.dataDir);
  return startServe(h.dataDir);
}
