/**
 * Running SANE's `scanimage` (Debian's sane-utils). Every call goes through here so the
 * binary path, the environment and the time limit are handled the same way. scanimage runs
 * under LC_ALL=C: its status texts ("Document feeder out of documents") are what we match
 * on, and a translated libsane would otherwise change them under a Chinese desktop locale.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { AppError } from '../kernel';

export interface SaneCallOptions {
  /** Environment for scanimage (SANE_CONFIG_DIR etc.); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** Path to scanimage; defaults to `scanimage` found on PATH. */
  bin?: string;
  timeoutMs?: number;
}

export interface SaneRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** How long scanimage gets to cancel cleanly (SIGTERM) before it is killed outright. */
const KILL_GRACE_MS = 2_000;

export const saneBin = (opts: SaneCallOptions): string => opts.bin ?? 'scanimage';

export function saneEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return { ...(env ?? process.env), LC_ALL: 'C' };
}

export function notInstalled(bin: string): AppError {
  return new AppError('SCANNER_UNAVAILABLE', '未安装扫描程序 scanimage（请安装 sane-utils）', { bin });
}

/** Asks a process to stop, then kills it if it has not gone after a grace period. */
export function stopProcess(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const hard = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
  hard.unref();
  child.once('close', () => clearTimeout(hard));
}

/** Runs scanimage to completion and collects its output; a hung scanner is killed at the limit. */
export function runSane(args: string[], opts: SaneCallOptions = {}): Promise<SaneRun> {
  const bin = saneBin(opts);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: saneEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopProcess(child);
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? notInstalled(bin)
          : new AppError('SCANNER_UNAVAILABLE', undefined, { bin, cause: e.message }),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      if (timedOut) {
        reject(
          new AppError('SCANNER_UNAVAILABLE', `扫描仪在 ${Math.round(timeoutMs / 1000)} 秒内没有响应`, {
            args,
            stderr,
          }),
        );
        return;
      }
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

/** True when scanimage can be started (installed, or at the configured path). */
export async function saneAvailable(opts: SaneCallOptions = {}): Promise<boolean> {
  try {
    const run = await runSane(['--version'], { timeoutMs: 10_000, ...opts });
    return run.code === 0;
  } catch {
    return false;
  }
}

const versions = new Map<string, Promise<string>>();

/**
 * The software name recorded with every page (DA/T 46 digitization attributes), e.g.
 * `scanimage 1.1.1-debian`. Asked once per binary; a failed ask is not remembered.
 */
export function scanimageVersion(opts: SaneCallOptions = {}): Promise<string> {
  const bin = saneBin(opts);
  let version = versions.get(bin);
  if (!version) {
    version = runSane(['--version'], { timeoutMs: 10_000, ...opts }).then((run) => {
      const m = /sane-backends\)\s+([^;\s]+)/.exec(run.stdout);
      return m ? `scanimage ${m[1]}` : run.stdout.trim().split('\n')[0] || 'scanimage';
    });
    version.catch(() => versions.delete(bin));
    versions.set(bin, version);
  }
  return version;
}
