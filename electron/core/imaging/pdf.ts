/**
 * Scanned PDFs: each page carries one raster image, the scan. pdf.js (legacy build, the
 * one meant for Node) parses the file and hands over each page's operator list; the
 * largest image painted on the page is the scan. Pages are not rendered: rendering
 * would resample the scan (and needs a canvas), while taking the image keeps every
 * pixel as scanned.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppError } from '../kernel';
import { largestDeclaredImage } from './pdf-sizes';
import { openPdf, pdfjs, type PdfJs } from './pdfjs-load';
import { compose, orient, placement, rawToPng, type RawImage, squeezeGrey, unpackBits } from './pdf-image';
import type { DecodeLimits, DecodeResult } from './types';

/** A page whose biggest image covers less than this share of it is not a scan (a logo on a text page). */
const MIN_COVER = 0.25;

interface Candidate {
  pixels: number;
  device: number[];
  fetch: () => Promise<RawImage | null>;
}

const listOps = (lib: PdfJs, page: PDFPageProxy) =>
  page.getOperatorList({ annotationMode: lib.AnnotationMode.DISABLE });

/** The largest image painted on the page, with the matrix that places it; and the page's operator count. */
async function largestImage(lib: PdfJs, page: PDFPageProxy): Promise<{ best: Candidate | null; ops: number }> {
  const { OPS } = lib;
  const ops = await listOps(lib, page);
  const viewport = page.getViewport({ scale: 1 }).transform;
  const get = (id: string) =>
    new Promise<unknown>((resolve) => (id.startsWith('g_') ? page.commonObjs : page.objs).get(id, resolve));
  const fromObject = (o: unknown): RawImage | null => {
    const img = o as { width: number; height: number; kind?: number; data?: Uint8Array } | null;
    if (!img?.data) return null;
    if (img.kind === lib.ImageKind.RGB_24BPP)
      return { data: img.data, width: img.width, height: img.height, channels: 3 };
    if (img.kind === lib.ImageKind.RGBA_32BPP)
      return { data: img.data, width: img.width, height: img.height, channels: 4 };
    // Bilevel images and image masks (kind 0 here) come packed 8 pixels a byte.
    if (img.kind === lib.ImageKind.GRAYSCALE_1BPP || img.kind === 0) return unpackBits(img.data, img.width, img.height);
    return null;
  };
  let ctm = [1, 0, 0, 1, 0, 0];
  const saved: number[][] = [];
  let best: Candidate | null = null;
  const consider = (w: number, h: number, fetch: () => Promise<RawImage | null>) => {
    if (!best || w * h > best.pixels) best = { pixels: w * h, device: compose(viewport, ctm), fetch };
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) saved.push(ctm);
    else if (fn === OPS.restore) ctm = saved.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = compose(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      saved.push(ctm);
      if (Array.isArray(args[0])) ctm = compose(ctm, args[0] as number[]);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = saved.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject) {
      const [id, w, h] = args as [string, number, number];
      consider(w, h, async () => fromObject(await get(id)));
    } else if (fn === OPS.paintInlineImageXObject) {
      const img = args[0] as { width: number; height: number };
      consider(img.width, img.height, async () => fromObject(img));
    } else if (fn === OPS.paintImageMaskXObject) {
      const mask = args[0] as { data: string; width: number; height: number };
      consider(mask.width, mask.height, async () => fromObject({ ...((await get(mask.data)) as object), kind: 0 }));
    }
  }
  return { best, ops: ops.fnArray.length };
}

/**
 * Whether an imageless page lost an image to the size limit. pdf.js drops such an image
 * quietly; only in strict mode does the drop stop the page's operator list short. The
 * file must also declare an image over the limit, so other errors are not taken for it.
 */
async function droppedForSize(
  strictDoc: () => Promise<PDFDocumentProxy>,
  lib: PdfJs,
  index: number,
  lenientOps: number,
  declared: () => number,
  limits: DecodeLimits,
): Promise<boolean> {
  if (declared() <= limits.maxPixels) return false;
  try {
    const ops = await listOps(lib, await (await strictDoc()).getPage(index + 1));
    return ops.fnArray.length < lenientOps;
  } catch {
    return true;
  }
}

const pageError = (index: number, code: 'IMAGE_UNREADABLE' | 'IMAGE_TOO_LARGE', message: string, reason?: string) =>
  ({
    ok: false,
    index,
    error: new AppError(code, message, { page: index + 1, ...(reason ? { reason } : {}) }),
  }) as const;

export async function decodePdf(bytes: Uint8Array, name: string, limits: DecodeLimits): Promise<DecodeResult[]> {
  const lib = await pdfjs();
  let doc: PDFDocumentProxy;
  try {
    doc = await openPdf(lib, bytes, limits);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if ((e as { name?: string })?.name === 'PasswordException') {
      throw new AppError('PDF_ENCRYPTED', `PDF 文件已加密（${name}），请先解除密码保护再导入`, { name });
    }
    throw new AppError('IMAGE_UNREADABLE', `PDF 文件已损坏或无法解析：${name}`, { name, reason });
  }
  let declared: number | undefined;
  let strict: Promise<PDFDocumentProxy> | undefined;
  try {
    if (doc.numPages > limits.maxPages) {
      throw new AppError(
        'PDF_TOO_MANY_PAGES',
        `PDF 文件 ${name} 共 ${doc.numPages} 页，超过单个文件 ${limits.maxPages} 页的上限，请拆分后再导入`,
        { name, pages: doc.numPages, limit: limits.maxPages },
      );
    }
    const results: DecodeResult[] = [];
    for (let index = 0; index < doc.numPages; index++) {
      const page = await doc.getPage(index + 1);
      try {
        const { best: found, ops } = await largestImage(lib, page);
        const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
        const where = found ? placement(found.device) : null;
        const covers = where ? where.widthPt * where.heightPt >= MIN_COVER * (x1 - x0) * (y1 - y0) : false;
        const raw = found && covers ? await found.fetch() : null;
        if (!raw || !where) {
          const tooLarge = await droppedForSize(
            () => (strict ??= openPdf(lib, bytes, limits, true)),
            lib,
            index,
            ops,
            () => (declared ??= largestDeclaredImage(bytes)),
            limits,
          );
          results.push(
            tooLarge
              ? pageError(
                  index,
                  'IMAGE_TOO_LARGE',
                  `第 ${index + 1} 页的图像尺寸过大（超过 ${limits.maxPixels} 像素），无法处理`,
                )
              : pageError(index, 'IMAGE_UNREADABLE', `第 ${index + 1} 页没有扫描图像（可能是文字或矢量页面）`),
          );
          continue;
        }
        const image = squeezeGrey(orient(raw, where));
        const dpi = Math.round(image.width / (where.widthPt / 72));
        const png = await rawToPng(image, dpi);
        results.push({
          ok: true,
          index,
          page: { index, png, width: image.width, height: image.height, dpi, format: 'pdf' },
        });
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        results.push(pageError(index, 'IMAGE_UNREADABLE', `第 ${index + 1} 页无法读取（${name}）`, reason));
      } finally {
        page.cleanup();
      }
    }
    return results;
  } finally {
    await doc.destroy();
    if (strict) await (await strict.catch(() => null))?.destroy();
  }
}
