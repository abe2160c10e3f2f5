/**
 * bench:ocr on the layout-variation sets (scripts/fixtures/ocr/variation.ts): forms in
 * layouts no built-in template describes, read by their printed labels. Each set — the
 * tuning seeds and the held-out seeds — is generated in a child process (kept when
 * current) and read by each engine with one worker, one page at a time after the next.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OcrEngine } from '../../electron/core/ocr';
import type { VariationManifest, VariationSet } from '../fixtures/ocr/variation';
import { type PeakMemory, runEngine } from './ocr-run';
import { r3, summary, type Summary } from './ocr-summary';

function generate(set: VariationSet, count: number, dir: string, from: number): VariationManifest {
  const cli = path.resolve('scripts/fixtures/ocr/variation-cli.ts');
  const args = [
    'scripts/bin/run-ts.mjs',
    cli,
    '--set',
    set,
    '--out',
    dir,
    '--count',
    String(count),
    '--from',
    String(from),
  ];
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as VariationManifest;
}

export interface VariationResult {
  set: VariationSet;
  dir: string;
  pages: number;
  engines: Record<string, Summary & { byLayout: Record<string, number> }>;
}

/** `engines`: label → engine (null = tesseract.js). */
export async function benchVariation(
  set: VariationSet,
  o: {
    count: number;
    /** The set's first page to read (0: from its start). */
    from?: number;
    dir?: string;
    /** Only the pages of these layouts are read (all when absent). */
    layouts?: readonly string[];
    engines: [string, () => Promise<OcrEngine | null>][];
    memory: PeakMemory;
  },
): Promise<VariationResult> {
  const from = o.from ?? 0;
  const dir = o.dir ?? path.resolve(`tests/fixtures/ocr/variation-${set}${from ? `-from${from}` : ''}`);
  const manifest = generate(set, o.count, dir, from);
  const pages = manifest.pages.filter((p) => !o.layouts || o.layouts.includes(p.layout));
  const result: VariationResult = { set, dir, pages: pages.length, engines: {} };
  for (const [label, make] of o.engines) {
    const engine = await make();
    const run = await runEngine(dir, pages, {
      tesseractWorkers: 1,
      engine,
      inFlight: engine ? 1 : 2,
      memory: o.memory,
    });
    await engine?.close();
    // Validated exact-match per layout (both persons of a pair page), to see which layouts the reader still misses.
    const byLayout: Record<string, { total: number; exact: number }> = {};
    for (const s of run.scores) {
      const layout = manifest.pages.find((p) => p.file === s.file)!.layout;
      const t = (byLayout[layout] ??= { total: 0, exact: 0 });
      t.total += s.validated?.total ?? 0;
      t.exact += s.validated?.exact ?? 0;
    }
    result.engines[label] = {
      ...summary(run),
      byLayout: Object.fromEntries(Object.entries(byLayout).map(([k, t]) => [k, r3(t.exact / Math.max(1, t.total))])),
    };
    if (process.env.BENCH_OCR_DETAIL)
      fs.writeFileSync(path.join(os.tmpdir(), `bench-ocr-${set}-${label}.json`), JSON.stringify(run.scores, null, 1));
  }
  return result;
}
