/**
 * One scanning run: a flatbed page or a feeder/duplex batch, through `scanimage --batch`
 * (watching the process is in sane-batch-run.ts). Pages are PNG files named page-0001.png,
 * … in `outDir`; they and the metadata returned with them are what the caller stores.
 */
import fs from 'node:fs';
import path from 'node:path';
import { deviceOptions, planScan, type DeviceOptions, type ScanMode, type SourceKind } from './sane-options';
import { scanimageVersion, type SaneCallOptions } from './sane-process';
import { PAGE_FILE, runBatch } from './sane-batch-run';

export { pagePath } from './sane-batch-run';

/** What DA/T 46 wants recorded about how a page was digitized. */
export interface ScanMetadata {
  device: string;
  vendor?: string;
  model?: string;
  /** dpi actually asked of the device (may be finer than requested when that was not offered). */
  resolution: number;
  mode: ScanMode;
  deviceMode?: string;
  bitDepth?: number;
  source: SourceKind;
  deviceSource?: string;
  format: 'image/png';
  software: string;
}

export interface ScanPage {
  /** Page number in this folder, from 1; also the number in the file name. */
  index: number;
  path: string;
  meta: ScanMetadata;
}

export interface ScanBatchOptions extends SaneCallOptions {
  device: string;
  vendor?: string;
  model?: string;
  /** Defaults to 300 dpi, DA/T 31's floor for archival scans. */
  resolution?: number;
  mode: ScanMode;
  source: SourceKind;
  outDir: string;
  maxPages?: number;
  signal?: AbortSignal;
  /** Extra device options, passed to scanimage last. */
  extraArgs?: string[];
  /** Longest a single page may take before the scanner is taken as hung. */
  pageTimeoutMs?: number;
  /** The device's options when already known (skips asking the device again). */
  options?: DeviceOptions;
  onPage: (page: ScanPage) => void | Promise<void>;
}

export interface ScanBatchResult {
  pages: number;
  endedBy: 'done' | 'feeder-empty' | 'cancelled';
  meta: ScanMetadata;
}

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
