/**
 * One scanning run: a flatbed page or a feeder/duplex batch, through `scanimage --batch`
 * (watching the process is in sane-batch-run.ts). Pages are PNG files named page-0001.png,
 * … in `outDir`; they and the metadata returned with them are what the caller stores.
 */
import fs from 'node:fs';
import path from 'node:path';
import { deviceOptions, planScan } from './sane-options';
import { scanimageVersion } from './sane-process';
import { PAGE_FILE, runBatch } from './sane-batch-run';
import type { ScanBatchOptions, ScanBatchResult, ScanMetadata } from './sane-types';

export { pagePath } from './sane-batch-run';
export type { ScanBatchOptions, ScanBatchResult, ScanMetadata, ScanPage } from './sane-types';

export const DEFAULT_DPI = 300;

/** Numbering carries on after pages already in the folder, so a second stack never overwrites the first. */
function firstFreePage(outDir: string): number {
  let last = 0;
  for (const name of fs.readdirSync(outDir)) {
    const m = PAGE_FILE.exec(name);
    if (m && !m[2]) last = Math.max(last, Number(m[1]));
  }
  return last + 1;
}

export async function scanBatch(opts: ScanBatchOptions): Promise<ScanBatchResult> {
  if (opts.maxPages !== undefined && !(Number.isInteger(opts.maxPages) && opts.maxPages > 0)) {
    throw new Error(`maxPages must be a positive integer: ${opts.maxPages}`);
  }
  const options = opts.options ?? (await deviceOptions(opts.device, opts));
  const plan = planScan(options, opts.mode, opts.source, opts.resolution ?? DEFAULT_DPI);
  const meta: ScanMetadata = {
    device: opts.device,
    vendor: opts.vendor,
    model: opts.model,
    resolution: plan.resolution,
    mode: opts.mode,
    deviceMode: plan.deviceMode,
    bitDepth: plan.depth ?? (opts.mode === 'bw' ? 1 : undefined),
    source: opts.source,
    deviceSource: plan.deviceSource,
    format: 'image/png',
    software: await scanimageVersion(opts),
  };
  if (opts.signal?.aborted) return { pages: 0, endedBy: 'cancelled', meta };
  fs.mkdirSync(opts.outDir, { recursive: true });
  const first = firstFreePage(opts.outDir);
  const count = opts.source === 'flatbed' ? 1 : opts.maxPages;
  // The batch name is a printf format: a '%' in the folder's own name must not be read as one.
  const pattern = path.join(opts.outDir.replace(/%/g, '%%'), 'page-%04d.png');
  const args = ['-d', opts.device, ...plan.args, `--batch=${pattern}`, '--format=png', `--batch-start=${first}`];
  if (count !== undefined) args.push(`--batch-count=${count}`);
  args.push(...(opts.extraArgs ?? []));
  const { pages, endedBy } = await runBatch(args, first, meta, opts);
  return { pages, endedBy, meta };
}
