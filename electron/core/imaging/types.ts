import type { AppError } from '../kernel';
import type { PageFormat } from './format';

/** One page of an incoming file, as it was scanned. */
export interface DecodedPage {
  /** 0-based position of the page in its file. */
  index: number;
  /** The page, lossless PNG: grey when the scan is grey, colour when it is colour. */
  png: Buffer;
  width: number;
  height: number;
  /** The scan's resolution when the file records it. */
  dpi: number | null;
  format: PageFormat;
}

/** A page that decoded, or the reason one page of a multi-page file did not. */
export type DecodeResult =
  { ok: true; index: number; page: DecodedPage } | { ok: false; index: number; error: AppError };

export interface DecodeLimits {
  /** Largest page, in pixels (width × height). */
  maxPixels: number;
  /** Most pages one file may have. */
  maxPages: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxPixels: 120_000_000, maxPages: 300 };
