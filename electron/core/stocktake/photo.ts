/**
 * Reading labels from a photo (a webcam frame, a phone picture): sharp turns the image upright
 * (EXIF) and grey at a bounded size, zxing-wasm finds the barcodes. The reader's wasm is read
 * from node_modules, never fetched: the stations are offline.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { AppError } from '../kernel';

const require = createRequire(import.meta.url);
/** Long edge after scaling: a label fills a good part of the picture, 2,000 px keeps its bars. */
const MAX_EDGE = 2000;

// The wasm module is process-wide in zxing-wasm; instantiate it once, on first use.
let ready: Promise<unknown> | null = null;
function reader(): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: { wasmBinary: toArrayBuffer(fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'))) },
    fireImmediately: true,
  }).catch((e: unknown) => {
    ready = null;
    throw e;
  });
  return ready;
}

const toArrayBuffer = (b: Buffer): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The texts of the barcodes in an image, in reading order, each once. */
export async function decodeLabels(bytes: Buffer): Promise<string[]> {
  let png: Buffer;
  try {
    png = await sharp(bytes, { limitInputPixels: 64_000_000 })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .greyscale()
      .png({ compressionLevel: 1 })
      .toBuffer();
  } catch {
    throw new AppError('BAD_IMAGE', '无法读取这张图片，请用 JPG 或 PNG 格式的照片');
  }
  await reader();
  const found = await readBarcodes(new Uint8Array(png), {
    formats: ['Code128', 'QRCode', 'DataMatrix', 'Code39'],
    tryHarder: true,
    tryRotate: true,
    maxNumberOfSymbols: 50,
  });
  const texts = found
    .filter((b) => b.isValid && b.text.trim() !== '')
    .sort((a, b) => a.position.topLeft.y - b.position.topLeft.y || a.position.topLeft.x - b.position.topLeft.x)
    .map((b) => b.text.trim());
  if (texts.length === 0)
    throw new AppError('NO_BARCODE', '照片中没有找到条码：请让标签占满画面、保持清晰，或改用扫码枪');
  return [...new Set(texts)];
}
