/**
 * Loading pdf.js (legacy build, the one meant for Node) and opening a document with the
 * options page extraction wants. pdf.js is imported on first use, so nothing pays for
 * it until a PDF arrives. It needs no network: its WebAssembly decoders are read from
 * its own package folder.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DecodeLimits } from './types';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loaded: Promise<PdfJs> | undefined;
export const pdfjs = (): Promise<PdfJs> => {
  standInForDomMatrix();
  return (loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
};

/**
 * pdf.js builds one DOMMatrix as it loads (for drawing patterns on a canvas). Node has
 * no DOMMatrix; pdf.js borrows one from the optional native package @napi-rs/canvas,
 * and fails to load without it. Nothing here draws, so when that package is absent (a
 * platform without its prebuilt binary, a package that left it out) an inert stand-in
 * lets pdf.js load; pdf.js then only warns that it cannot render.
 */
function standInForDomMatrix(): void {
  if ('DOMMatrix' in globalThis) return;
  try {
    const req = typeof require === 'function' ? require : createRequire(import.meta.url);
    req.resolve('@napi-rs/canvas');
  } catch {
    Object.defineProperty(globalThis, 'DOMMatrix', {
      configurable: true,
      writable: true,
      value: class DOMMatrixStandIn {
        a = 1;
        b = 0;
        c = 0;
        d = 1;
        e = 0;
        f = 0;
      },
    });
  }
}

/** pdf.js's decoders for JPEG 2000 and JBIG2 are WebAssembly files in its package. */
function wasmUrl(): string | undefined {
  try {
    const req = typeof require === 'function' ? require : createRequire(import.meta.url);
    // pdf.js insists on a trailing '/', even on Windows (where Node reads C:\…\wasm/x fine).
    return path.join(path.dirname(req.resolve('pdfjs-dist/package.json')), 'wasm') + '/';
  } catch {
    return undefined; // without them such images are skipped, and their pages reported
  }
}

export async function openPdf(lib: PdfJs, bytes: Uint8Array, limits: DecodeLimits, strict = false) {
  return lib.getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of (detaches) the buffer it gets
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: lib.VerbosityLevel.ERRORS,
    maxImageSize: limits.maxPixels,
    stopAtErrors: strict,
    wasmUrl: wasmUrl(),
  }).promise;
}
