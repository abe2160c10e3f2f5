import { defineConfig } from 'vitest/config';

// Two projects: fast integration/contract tests on real SQLite files, and e2e tests
// that drive Debian's Chromium against `dangan serve`. Speed is never asserted here
// (see scripts/bench/ for that). Both share each worker's module registry between files
// (isolate: false): importing the core and playwright-core once per worker rather than once
// per file took import time from about 200 s to 33 s. Files that mock modules or stub
// globals keep a registry of their own (the 'isolated' project).
const ISOLATED = ['tests/unit/renderer-store-reset.test.ts'];
// expect.poll waits for a state the app reaches on its own (a signature checked, a job done).
// vitest's 1 s default failed tests on a loaded machine that the app passes: a password check
// (scrypt) or a first OCR takes longer there. A poll that never succeeds still fails, later.
const POLL = { poll: { timeout: 15_000 } };

export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    // Three files at a time on these 2-core machines: most files wait on SQLite, a child process
    // or Chromium, so three overlap (about 2.9 files' worth of work per second of wall time, 550 s
    // against 578 s with two). Three once timed out a keyboard flow under load; what a loaded
    // machine broke is now fixed where it was (expect.poll's 1 s default, POLL above; a 门类
    // picker typed into before its form settled, tests/e2e/pages/desk.ts). The e2e files share
    // this pool: a project whose files run one at a time is put by vitest into a group of its own
    // after every other file. Each e2e file has its own server (port 0), browser and temp folders.
    // test-results/durations.json lists each file's wall time after a run.
    maxWorkers: 3,
    // Fixtures the files of one run share (generated OCR pages, set-up archives).
    globalSetup: ['./tests/helpers/run-cache.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', ...ISOLATED],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          expect: POLL,
          isolate: false,
        },
      },
      {
        test: {
          name: 'isolated',
          include: ISOLATED,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          expect: POLL,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          isolate: false,
          hookTimeout: 240_000,
          pool: 'forks',
          expect: POLL,
        },
      },
    ],
  },
});
