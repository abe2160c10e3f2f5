import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePages } from '../../electron/core/imaging/decode';
import type { DecodedPage, DecodeResult } from '../../electron/core/imaging/types';
import { AppError } from '../../electron/core/kernel/errors';
import { buildPdf, deflate, formPage, type PdfPageSpec } from './imaging-fixtures';

let dir: string;
let form150: { data: Buffer; width: number; height: number }; // the form at 150 dpi, grey
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangan-imaging-'));
  const { data, info } = await sharp(await formPage())
    .resize(1240, 1754)
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  form150 = { data, width: info.width, height: info.height };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** sharp for one-channel pixels that stay one channel when written out. */
const greyPng = (data: Buffer) => sharp(data, { raw: { width: 1240, height: 1754, channels: 1 } }).toColourspace('b-w');

const pageOf = (r: DecodeResult | undefined): DecodedPage => {
  if (!r?.ok) throw new Error(`page failed: ${r && !r.ok ? r.error.message : 'missing'}`);
  return r.page;
};

/** Runs `fn`, expecting an AppError with `code`; returns it for more checks. */
async function rejects(fn: () => Promise<unknown>, code: string): Promise<AppError> {
  const e = await fn().then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function pngChunk(type: string, body: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

describe('decoding raster files', () => {
  it('reads a colour JPEG by its bytes, whatever its name says, keeping colour and dpi', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c03020' } })
      .withDensity(200)
      .jpeg()
      .toBuffer();
    const results = await decodePages({ bytes: jpeg, name: 'scan.tif' });
    expect(results).toHaveLength(1);
    const page = pageOf(results[0]);
    expect(page).toMatchObject({ index: 0, width: 400, height: 300, dpi: 200, format: 'jpeg' });
    const meta = await sharp(page.png).metadata();
    expect(meta).toMatchObject({ format: 'png', channels: 3 });
    const { data } = await sharp(page.png).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(150); // red stays red
    expect(data[1]).toBeLessThan(90);
  });

  it('reads a grey PNG losslessly and keeps it one channel; no recorded dpi gives null', async () => {
    const png = await greyPng(form150.data).png().toBuffer();
    const page = pageOf((await decodePages({ bytes: png, name: 'page.png' }))[0]);
    expect(page).toMatchObject({ width: 1240, height: 1754, dpi: null, format: 'png' });
    expect((await sharp(page.png).metadata()).channels).toBe(1);
    expect(Buffer.compare(await sharp(page.png).greyscale().raw().toBuffer(), form150.data)).toBe(0);
  });

  it('reads every page of a 3-page TIFF from a path', async () => {
    const pages = await Promise.all(
      [40, 120, 200].map((grey) =>
        sharp({ create: { width: 320, height: 240, channels: 3, background: { r: grey, g: grey, b: grey } } })
          .png()
          .toBuffer(),
      ),
    );
    const file = path.join(dir, 'three.tif');
    await sharp(pages, { join: { animated: true } })
      .withDensity(300)
      .tiff({ compression: 'lzw' })
      .toFile(file);
    const results = await decodePages({ path: file });
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    const means: number[] = [];
    for (const r of results) {
      const page = pageOf(r);
      expect(page).toMatchObject({ width: 320, height: 240, format: 'tiff', dpi: 300 });
      means.push((await sharp(page.png).stats()).channels[0]!.mean);
    }
    expect(means.map(Math.round)).toEqual([40, 120, 200]);
  });

  it('refuses an empty file, a text file named .jpg, and truncated JPEG and PNG files', async () => {
    const empty = path.join(dir, 'empty.jpg');
    fs.writeFileSync(empty, '');
    const e1 = await rejects(() => decodePages({ path: empty }), 'FILE_EMPTY');
    expect(e1.message).toContain('empty.jpg');

    const text = Buffer.from('这不是图片，只是一段文字。\nnot an image\n'.repeat(20));
    const e2 = await rejects(() => decodePages({ bytes: text, name: '照片.jpg' }), 'IMAGE_UNREADABLE');
    expect(e2.message).toContain('照片.jpg');

    const jpeg = await greyPng(form150.data).jpeg().toBuffer();
    const cutJpeg = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    const e3 = await rejects(() => decodePages({ bytes: cutJpeg, name: 'cut.jpg' }), 'IMAGE_UNREADABLE');
    expect(e3.message).toMatch(/截断/);
    expect(e3.message).toContain('cut.jpg');

    const png = await greyPng(form150.data).png().toBuffer();
    await rejects(
      () => decodePages({ bytes: png.subarray(0, Math.floor(png.length * 0.6)), name: 'cut.png' }),
      'IMAGE_UNREADABLE',
    );
  });

  it('refuses a 20000 × 20000 PNG from its header alone, quickly', async () => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20000, 0);
    ihdr.writeUInt32BE(20000, 4);
    ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grey
    // One row of pixel data only: decoding it fully would fail as truncated, not as too large.
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(20001, 255))),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
    const started = performance.now();
    const e = await rejects(() => decodePages({ bytes: png, name: 'huge.png' }), 'IMAGE_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.message).toContain('20000 × 20000');
    // The same file under a limit it fits is decoded, and fails for what it is: truncated.
    await rejects(() => decodePages({ bytes: png, name: 'huge.png' }, { maxPixels: 500_000_000 }), 'IMAGE_UNREADABLE');
  });
});

describe('decoding PDFs', () => {
  const A4_PT = { width: 595.28, height: 841.89 };

  it('takes the scanned image of each page of a 2-page PDF: grey Flate and colour JPEG', async () => {
    const colour = await sharp(form150.data, { raw: { width: 1240, height: 1754, channels: 1 } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="200" height="200"><circle cx="100" cy="100" r="90" fill="none" stroke="#d01010" stroke-width="12"/></svg>',
          ),
          left: 900,
          top: 1300,
        },
      ])
      .jpeg({ quality: 90 })
      .toBuffer();
    const pdf = buildPdf([
      {
        ...A4_PT,
        image: {
          width: 1240,
          height: 1754,
          colourSpace: 'DeviceGray',
          filter: 'FlateDecode',
          data: deflate(form150.data),
        },
      },
      { ...A4_PT, image: { width: 1240, height: 1754, colourSpace: 'DeviceRGB', filter: 'DCTDecode', data: colour } },
    ]);
    const results = await decodePages({ bytes: pdf, name: '户籍.pdf' });
    expect(results).toHaveLength(2);
    const grey = pageOf(results[0]);
    expect(grey).toMatchObject({ index: 0, width: 1240, height: 1754, dpi: 150, format: 'pdf' });
    expect((await sharp(grey.png).metadata()).channels).toBe(1);
    expect(Buffer.compare(await sharp(grey.png).greyscale().raw().toBuffer(), form150.data)).toBe(0); // as scanned
    const rgb = pageOf(results[1]);
    expect(rgb).toMatchObject({ index: 1, width: 1240, height: 1754, dpi: 150 });
    const c = await sharp(rgb.png).raw().toBuffer({ resolveWithObject: true });
    expect(c.info.channels).toBe(3);
    const at = (1300 + 100) * 1240 * 3 + (900 + 10) * 3; // on the red circle's left edge
    expect(c.data[at]! - c.data[at + 1]!).toBeGreaterThan(80);
  });

  it('reports a page without a scan, or with one too large, and still returns the other pages', async () => {
    const bits = Buffer.alloc(8 * 16);
    for (let y = 0; y < 16; y++) bits.fill(0xff, y * 8 + 4, y * 8 + 8); // left half ink (0), right half white (1)
    const marker = Buffer.alloc(200 * 100, 255);
    for (let y = 0; y < 20; y++) marker.fill(0, y * 200, y * 200 + 20); // a black block in the top-left corner
    const pages: PdfPageSpec[] = [
      { width: 200, height: 100 }, // vector only
      {
        width: 64,
        height: 16,
        image: {
          width: 64,
          height: 16,
          colourSpace: 'DeviceGray',
          bits: 1,
          filter: 'FlateDecode',
          data: deflate(bits),
        },
      },
      {
        width: 200,
        height: 100,
        image: {
          width: 20000,
          height: 20000,
          colourSpace: 'DeviceGray',
          filter: 'FlateDecode',
          data: deflate(Buffer.alloc(10)),
        },
      },
      {
        width: 200,
        height: 100,
        rotate: 90,
        image: { width: 200, height: 100, colourSpace: 'DeviceGray', filter: 'FlateDecode', data: deflate(marker) },
      },
    ];
    const results = await decodePages({ bytes: buildPdf(pages), name: 'mixed.pdf' });
    expect(results.map((r) => [r.index, r.ok])).toEqual([
      [0, false],
      [1, true],
      [2, false],
      [3, true],
    ]);

    const vector = results[0]!;
    if (vector.ok) throw new Error('unreachable');
    expect(vector.error.code).toBe('IMAGE_UNREADABLE');
    expect(vector.error.message).toContain('第 1 页没有扫描图像');
    expect(vector.error.details).toMatchObject({ page: 1 });

    expect((await sharp(pageOf(results[1]).png).metadata()).channels).toBe(1);
    const bilevel = await sharp(pageOf(results[1]).png).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(bilevel.info).toMatchObject({ width: 64, height: 16 });
    expect([bilevel.data[5 * 64 + 10], bilevel.data[5 * 64 + 50]]).toEqual([0, 255]);
    expect(pageOf(results[1]).dpi).toBe(72);

    const big = results[2]!;
    if (big.ok) throw new Error('unreachable');
    expect(big.error.code).toBe('IMAGE_TOO_LARGE');
    expect(big.error.message).toContain('第 3 页');

    // /Rotate 90 turns the page clockwise: the top-left block ends up top-right, and the page is upright.
    const turned = await sharp(pageOf(results[3]).png).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(turned.info).toMatchObject({ width: 100, height: 200 });
    expect([turned.data[5 * 100 + 95], turned.data[5 * 100 + 5], turned.data[195 * 100 + 95]]).toEqual([0, 255, 255]);
  });

  it('refuses an encrypted PDF, and one with more pages than the limit, saying how many', async () => {
    const page: PdfPageSpec = { width: 100, height: 100 };
    const e1 = await rejects(
      () => decodePages({ bytes: buildPdf([page], { encrypt: true }), name: '加密.pdf' }),
      'PDF_ENCRYPTED',
    );
    expect(e1.message).toContain('加密.pdf');

    const long = buildPdf(Array.from({ length: 301 }, () => page));
    const e2 = await rejects(() => decodePages({ bytes: long, name: 'long.pdf' }), 'PDF_TOO_MANY_PAGES');
    expect(e2.message).toContain('301 页');
    expect(e2.message).toContain('300 页');
    expect(e2.details).toMatchObject({ pages: 301, limit: 300 });

    const broken = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('garbage '.repeat(50))]);
    await rejects(() => decodePages({ bytes: broken, name: 'broken.pdf' }), 'IMAGE_UNREADABLE');
  });
});
