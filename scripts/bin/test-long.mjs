#!/usr/bin/env node
// `npm run test:long`: the kill, property, 100,000-item and role × clearance matrix tests at
// full size (DANGAN_LONG=1; see tests/helpers/long.ts). `npm test` runs bounded versions of the same files.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LONG_FILES = [
  'tests/integration/sync-kill.test.ts',
  'tests/integration/sync-kill-import.test.ts',
  'tests/integration/sync-property.test.ts',
  'tests/integration/search-exactness.test.ts',
  'tests/integration/clearance-matrix.test.ts',
  'tests/e2e/large-grid.test.ts',
];

// vitest's own entry (its package exports do not list it), run by this same Node.
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const r = spawnSync(process.execPath, [vitest, 'run', ...LONG_FILES, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DANGAN_LONG: '1' },
});
process.exit(r.status ?? 1);
