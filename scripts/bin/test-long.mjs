#!/usr/bin/env node
// `npm run test:long`: the kill, property, 100,000-item, off-the-loop and role × clearance matrix tests at
// full size (DANGAN_LONG=1; see tests/helpers/long.ts). `npm test` runs bounded versions of the same files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every test file that sizes itself with tests/helpers/long.ts, found by its import, so a new
 * long test cannot be left out of this run.
 */
const TESTS = fileURLToPath(new URL('../../tests/', import.meta.url));
const LONG_FILES = fs
  .readdirSync(TESTS, { recursive: true })
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => /from '\.\.\/helpers\/long'/.test(fs.readFileSync(path.join(TESTS, f), 'utf8')))
  .map((f) => path.join('tests', f).split(path.sep).join('/'))
  .sort();

// vitest's own entry (its package exports do not list it), run by this same Node.
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const r = spawnSync(process.execPath, [vitest, 'run', ...LONG_FILES, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DANGAN_LONG: '1' },
});
process.exit(r.status ?? 1);
