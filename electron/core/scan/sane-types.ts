/**
 * The shapes of a scanning run, apart from the code that runs it, so that sane-batch.ts and
 * sane-batch-run.ts can both use them without importing each other.
 */
import type { DeviceOptions, ScanMode, SourceKind } from './sane-options';
import type { SaneCallOptions } from './sane-process';

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
