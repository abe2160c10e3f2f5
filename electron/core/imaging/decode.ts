/**
 * Turning an incoming file (a scanner's output, a hot-folder drop, an upload) into page
 * images. The format is read from the file's first bytes. Files too large to handle are
 * refused from their headers alone, before any pixel is decoded: a 20 000 × 20 000 scan
 * would need 400 MB per channel.
 *
 * Failures that concern the whole file (empty, unreadable, encrypted, too many pages)
 * are thrown as AppError. In multi-page files (TIFF, PDF) a bad page only fails itself:
 * its entry says why and the other pages still come back. JPEG and PNG hold one image,
 * so a problem with it is a problem with the file, and is thrown.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { AppError } from '../kernel';
import { type PageFormat, SNIFF_BYTES, sniffFormat } from './format';
import { decodePdf } from './pdf';
import { TRANSIENT_PNG_LEVEL } from './raw';
import { type DecodeLimits, type DecodeResult, DEFAULT_LIMITS } from './types';

export type DecodeInput = { path: string } | { bytes: Buffer; name: string };

/** Reading a header decodes no pixels, so sharp's own size limit must not refuse it first. */
const HEADER_ONLY = { limitInputPixels: false } as const;

async function readHead(file: string, name: string): Promise<{ size: number; head: Buffer }> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const { size } = await handle.stat();
      const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
      await handle.read(head, 0, head.length, 0);
      return { size, head };
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new AppError('IMAGE_UNREADABLE', `无法打开文件：${name}`, { name, reason: (e as Error).message });
  }
}

/** Pixels of a page must fit within the limit; judged from the header. */
function checkSize(width: number, height: number, limits: DecodeLimits, where: string, name: string): AppError | null {
  if (width * height <= limits.maxPixels) return null;
  return new AppError(
    'IMAGE_TOO_LARGE',
    `${where}图像尺寸过大（${width} × ${height} 像素，上限 ${limits.maxPixels} 像素）：${name}`,
    { name, width, height, limit: limits.maxPixels },
  );
}

async function decodeRaster(
  source: string | Buffer,
  format: Exclude<PageFormat, 'pdf'>,
  name: string,
  limits: DecodeLimits,
): Promise<DecodeResult[]> {
  let pages: number;
  try {
    pages = format === 'tiff' ? ((await sharp(source, HEADER_ONLY).metadata()).pages ?? 1) : 1;
  } catch (e) {
    throw new AppError('IMAGE_UNREADABLE', `图像文件已损坏，无法读取：${name}`, { name, reason: (e as Error).message });
  }
  if (pages > limits.maxPages) {
    throw new AppError(
      'PDF_TOO_MANY_PAGES',
      `TIFF 文件 ${name} 共 ${pages} 页，超过单个文件 ${limits.maxPages} 页的上限，请拆分后再导入`,
      { name, pages, limit: limits.maxPages },
    );
  }
  const single = pages === 1 && format !== 'tiff';
  const results: DecodeResult[] = [];
  for (let index = 0; index < pages; index++) {
    const where = single ? '' : `第 ${index + 1} 页`;
    try {
      const meta = await sharp(source, { ...HEADER_ONLY, page: index }).metadata();
      const tooLarge = checkSize(meta.width ?? 0, meta.height ?? 0, limits, where, name);
      if (tooLarge) throw tooLarge;
      // 'truncated' refuses cut-off files but tolerates the harmless warnings many
      // scanners' JPEG encoders cause (extra bytes before a marker and the like).
      let pipeline = sharp(source, {
        page: index,
        failOn: 'truncated',
        limitInputPixels: limits.maxPixels,
      }).autoOrient();
      const grey = meta.channels !== undefined && meta.channels <= 2;
      if (grey) pipeline = pipeline.toColourspace('b-w');
      const dpi = meta.density ? Math.round(meta.density) : null;
      if (dpi) pipeline = pipeline.withDensity(dpi);
      const { data, info } = await pipeline
        .png({ compressionLevel: TRANSIENT_PNG_LEVEL, adaptiveFiltering: false })
        .toBuffer({ resolveWithObject: true });
      results.push({
        ok: true,
        index,
        page: { index, png: data, width: info.width, height: info.height, dpi, format },
      });
    } catch (e) {
      const error =
        e instanceof AppError
          ? e
          : new AppError('IMAGE_UNREADABLE', `${where}图像已损坏或不完整（文件可能被截断）：${name}`, {
              name,
              ...(single ? {} : { page: index + 1 }),
              reason: (e as Error).message,
            });
      if (single) throw error;
      results.push({ ok: false, index, error });
    }
  }
  return results;
}

/** Decodes every page of a JPEG, PNG, TIFF or PDF file. */
export async function decodePages(input: DecodeInput, opts: Partial<DecodeLimits> = {}): Promise<DecodeResult[]> {
  const limits: DecodeLimits = { ...DEFAULT_LIMITS, ...opts };
  const name = 'path' in input ? path.basename(input.path) : input.name;
  const { size, head } =
    'path' in input ? await readHead(input.path, name) : { size: input.bytes.length, head: input.bytes };
  if (size === 0) throw new AppError('FILE_EMPTY', `文件为空（0 字节）：${name}`, { name });
  const format = sniffFormat(head);
  if (!format) {
    throw new AppError('IMAGE_UNREADABLE', `不是受支持的图像文件（JPEG、PNG、TIFF、PDF）：${name}`, { name });
  }
  if (format === 'pdf') {
    const bytes = 'path' in input ? await fs.readFile(input.path) : input.bytes;
    return decodePdf(bytes, name, limits);
  }
  // sharp reads a path itself, so a large TIFF is never held in memory whole.
  return decodeRaster('path' in input ? input.path : input.bytes, format, name, limits);
}
