import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `N passed, N failed`, that CI logs can be read by, and
 * writes each file's wall time to test-results/durations.json (slowest first): the suite's
 * ten-minute budget is spent file by file, and this is where to look before adding to it.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    writeDurations(modules);
    const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  }
}

function writeDurations(modules: ReadonlyArray<TestModule>): void {
  const rows = modules
    .map((m) => ({ file: m.relativeModuleId, project: m.project.name, seconds: m.diagnostic().duration / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
    .map((r) => ({ ...r, seconds: Math.round(r.seconds * 10) / 10 }));
  const total = Math.round(rows.reduce((s, r) => s + r.seconds, 0));
  try {
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/durations.json', JSON.stringify({ totalFileSeconds: total, files: rows }, null, 1) + '\n');
  } catch {
    // A read-only checkout still gets its summary line.
  }
}
