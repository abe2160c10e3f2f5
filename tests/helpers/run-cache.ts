/**
 * One folder per test run for fixtures that several test files build the same way and
 * never change (generated OCR sets: ocr-set.ts; freshly set-up archives: cli.ts). It is
 * created by this file as vitest's globalSetup and removed when the run ends, so nothing
 * is ever read from a cache made by older code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folder's path, for the test processes vitest starts after this. */
export const CACHE_ENV = 'DANGAN_TEST_RUN_CACHE';

/** The run's cache folder, or null outside a vitest run (the caller then builds its fixture itself). */
export function runCache(): string | null {
  const root = process.env[CACHE_ENV];
  return root && fs.existsSync(root) ? root : null;
}

/**
 * The folder `key` of the run's cache, built by `make` into a folder of its own the first
 * time and renamed into place whole (two files racing both build it; the first rename wins
 * and the other copy is dropped). Null outside a run.
 */
export function cachedDir(key: string, make: (dir: string) => void): string | null {
  const root = runCache();
  if (!root) return null;
  const dir = path.join(root, key);
  if (fs.existsSync(dir)) return dir;
  const tmp = fs.mkdtempSync(path.join(root, `${key}.tmp-`));
  make(tmp);
  try {
    fs.renameSync(tmp, dir);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-test-run-'));
  process.env[CACHE_ENV] = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
