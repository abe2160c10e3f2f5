/**
 * `dangan` child processes for the kill tests. A child takes the key passphrase from stdin
 * (`--passphrase-stdin`), which it reads only after it has started and opened its database:
 * it can be started early (start-up costs seconds under tsx) and told to go later, so a kill
 * delay counts from the start of the real work, not from `spawn`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DANGAN, ROOT } from './cli';
import { PASSPHRASE } from './sync-nodes';

export const FIXED_CLOCK = path.join(ROOT, 'tests', 'helpers', 'fixed-clock.mjs');

export interface WarmChild {
  child: ChildProcess;
  /** Resolves once the child holds its database open (it then waits for the passphrase). */
  ready: Promise<void>;
  /** Sends the passphrase: the command starts its work now. Returns the time (performance.now()). */
  go(): number;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
  kill(): void;
}

/** Whether process `pid` has `file` open (a child has opened its database). */
export function holdsOpen(pid: number, file: string): boolean {
  try {
    const fdDir = `/proc/${pid}/fd`;
    return fs.readdirSync(fdDir).some((fd) => {
      try {
        return fs.readlinkSync(path.join(fdDir, fd)) === file;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** Starts `dangan ARGS --passphrase-stdin` for the data folder `dataDir` (optionally with a fixed clock). */
export function startWarm(args: string[], dataDir: string, opts: { fixedNow?: string } = {}): WarmChild {
  const pre = opts.fixedNow ? ['--import', FIXED_CLOCK] : [];
  const child = spawn(process.execPath, [...pre, DANGAN, ...args, '--passphrase-stdin'], {
    cwd: ROOT,
    env: { ...process.env, DANGAN_KEY_PASSPHRASE: '', ...(opts.fixedNow ? { DANGAN_TEST_NOW: opts.fixedNow } : {}) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const db = path.join(path.resolve(dataDir), 'dangan.sqlite');
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`child ended before it was ready: ${err}`));
      } else if (holdsOpen(child.pid!, db)) {
        clearInterval(timer);
        // Opening the database is followed only by the migration check before it reads stdin.
        setTimeout(resolve, 30);
      }
    }, 5);
  });
  return {
    child,
    ready,
    go: () => {
      child.stdin!.end(PASSPHRASE + '\n');
      return performance.now();
    },
    exited,
    stdout: () => out,
    stderr: () => err,
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}

/** Polls `probe` every millisecond until it returns true or `within` ms pass; returns whether it did. */
export function waitFor(probe: () => boolean, within: number): Promise<boolean> {
  const until = performance.now() + within;
  return new Promise((resolve) => {
    const tick = () => {
      if (probe()) return resolve(true);
      if (performance.now() > until) return resolve(false);
      setTimeout(tick, 1);
    };
    tick();
  });
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
