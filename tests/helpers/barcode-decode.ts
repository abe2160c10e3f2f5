/**
 * Reads back the barcodes of a printed PDF as a scanner would see paper: each page rendered
 * by poppler at 300 dpi and decoded with zxing-wasm (its wasm loaded from node_modules, no
 * network). Proves a label's bars are real, not just that its text is there.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const req = createRequire(import.meta.url);
let ready: Promise<unknown> | null = null;

function zxing() {
  ready ??= prepareZXingModule({
    overrides: {
      wasmBinary: fs.readFileSync(req.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer as ArrayBuffer,
    },
    fireImmediately: true,
  });
  return ready;
}

/** Renders `pdf`'s pages to PNG at 300 dpi in `dir`; the PNG files in page order. */
export function renderPages(pdf: string, dir: string, opts: { first?: number; last?: number } = {}): string[] {
  const prefix = path.join(dir, path.basename(pdf, '.pdf'));
  execFileSync('pdftoppm', [
    '-r',
    '300',
    '-png',
    ...(opts.first ? ['-f', String(opts.first)] : []),
    ...(opts.last ? ['-l', String(opts.last)] : []),
    pdf,
    prefix,
  ]);
  const base = path.basename(prefix);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Every barcode's text on one PNG, in reading order of zxing. */
export async function decodePng(file: string, format: 'Code128' | 'QRCode'): Promise<string[]> {
  await zxing();
  const results = await readBarcodes(new Uint8Array(fs.readFileSync(file)), {
    formats: [format],
    maxNumberOfSymbols: 255,
    tryHarder: true,
  });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
