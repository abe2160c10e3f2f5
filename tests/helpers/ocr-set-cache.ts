/**
 * vitest globalSetup: one folder per run for the generated OCR sets the test files share
 * (see ocr-set.ts), removed when the run ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folder's path, for the test processes vitest starts after this. */
export const CACHE_ENV = 'DANGAN_TEST_OCR_SET_CACHE';

export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-ocr-sets-'));
  process.env[CACHE_ENV] = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
