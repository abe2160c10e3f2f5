/**
 * Every page of one incoming file, decoded and prepared (seal dropped, straightened,
 * cropped, cleaned, thumbnailed): the per-pixel part of intake. It runs the same on the
 * calling thread and in page-worker.ts, so both give the same bytes. Whole-file faults
 * (empty, not an image, encrypted PDF …) throw; a bad page is reported and skipped.
 */
import { AppError } from '../kernel';
import { decodePages } from './decode';
import type { PageFormat } from './format';
import { preparePage } from './prepare';

export interface PreparedPage {
  index: number;
  /** The processed page (one-channel PNG) and its JPEG thumbnail, to be stored. */
  png: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  dpi: number;
  skewAngle: number;
  blank: boolean;
  format: PageFormat;
}

/** A page that came through, or why one page of the file did not (1-based `page`). */
export type PageOutcome = { ok: true; page: PreparedPage } | { ok: false; page: number; code: string; message: string };

export async function preparePages(bytes: Buffer, name: string, scanDpi?: number): Promise<PageOutcome[]> {
  const decoded = await decodePages({ bytes, name });
  const out: PageOutcome[] = [];
  for (const d of decoded) {
    if (!d.ok) {
      out.push({ ok: false, page: d.index + 1, code: d.error.code, message: d.error.message });
      continue;
    }
    try {
      const p = await preparePage(d.page, scanDpi);
      out.push({
        ok: true,
        page: {
          index: d.page.index,
          png: p.png,
          thumbnail: p.thumbnail,
          width: p.width,
          height: p.height,
          dpi: p.dpi,
          skewAngle: p.skewAngle,
          blank: p.blank,
          format: d.page.format,
        },
      });
    } catch (e) {
      const err =
        e instanceof AppError
          ? e
          : new AppError('IMAGE_UNREADABLE', `第 ${d.index + 1} 页无法处理：${(e as Error).message}`);
      out.push({ ok: false, page: d.index + 1, code: err.code, message: err.message });
    }
  }
  return out;
}
