/**
 * PDF and image intake runs off the request path: while a multi-page scanned PDF and a
 * large scan come in through `intake.importFiles`, `system.status` and a second user's
 * `catalogue.query` answer within 1 s each and the event loop never stalls for 1 s.
 * Before the fix pdf.js decoded and every page was straightened, cropped and cleaned on
 * the calling thread (three 22-megapixel pages held it for 2.35 s). The worker gives the
 * same bytes as the calling thread does.
 */
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { declaredPixels, OFF_THREAD_PIXELS, preparePagesOffThread } from '../../electron/core/imaging/page-thread';
import { preparePages } from '../../electron/core/imaging/prepare-file';
import { sized } from '../helpers/long';
import { figures, whileHeavy } from '../helpers/responsive';
import { categoryId, makeTestCore, userToken, type TestCore } from '../helpers/test-core';
import { buildPdf, formPage, turned } from '../unit/imaging-fixtures';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The A4 form page, turned a little (so deskew works), scaled to `width` pixels wide. */
async function scan(width: number, deg: number): Promise<Buffer> {
  return sharp(await turned(await formPage(), deg))
    .resize({ width })
    .toColourspace('b-w')
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** A scanned PDF of `pages` grey JPEG pages (A4 in points), each `width` pixels wide. */
async function scannedPdf(pages: number, width: number): Promise<Buffer> {
  const specs = [];
  for (let i = 0; i < pages; i++) {
    const { data, info } = await sharp(await scan(width, 0.8 + i * 0.4))
      .jpeg({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    specs.push({
      width: 595,
      height: 842,
      image: {
        width: info.width,
        height: info.height,
        colourSpace: 'DeviceGray' as const,
        filter: 'DCTDecode' as const,
        data,
      },
    });
  }
  return buildPdf(specs);
}

describe('PDF and image intake leaves other callers answering', () => {
  it('imports a large multi-page PDF and a large scan through dispatch off the request path', async () => {
    // Bounded: two A4 pages at 200 dpi and one scan; full: three 22-megapixel pages.
    const pages = sized(2, 3);
    const width = sized(1700, 3960);
    const pdf = await scannedPdf(pages, width);
    const image = await scan(width, -1.2);
    expect(await declaredPixels(pdf)).toBeGreaterThan(OFF_THREAD_PIXELS);
    expect(await declaredPixels(image)).toBeGreaterThan(OFF_THREAD_PIXELS);
    t = await makeTestCore();
    const core = t;
    const qr = await categoryId(core, 'ZY·HJ·QR');
    const item = await core.ok(
      'catalogue.create',
      { categoryId: qr, year: 2024, orgCode: '', title: '户口材料' },
      core.adminToken,
    );
    const other = await userToken(core, 'chaxun', 'clerk', 0);
    const ok = async (p: ReturnType<TestCore['call']>) => expect((await p).ok).toBe(true);
    const r = await whileHeavy(
      () =>
        core.ok(
          'intake.importFiles',
          {
            files: [
              { name: '户口登记.pdf', dataBase64: pdf.toString('base64') },
              { name: '迁入证明.png', dataBase64: image.toString('base64') },
            ],
            itemId: item.id,
            template: 'skip',
          },
          core.adminToken,
        ),
      [() => ok(core.call('system.status', {})), () => ok(core.call('catalogue.query', {}, other))],
    );
    console.log(figures(`intake.importFiles (${pages} PDF pages + 1 scan, ${width} px wide)`, r));
    expect(r.value.errors).toEqual([]);
    expect(r.value.pages).toBe(pages + 1);
    expect(r.overlapped).toBeGreaterThan(0);
    expect(r.slowestProbeMs).toBeLessThan(1000);
    expect(r.maxLoopDelayMs).toBeLessThan(1000);
    const listed = await core.ok('pages.list', { itemId: item.id }, core.adminToken);
    expect(listed).toHaveLength(pages + 1);
  });
});

describe('the page worker prepares pages as the calling thread does', () => {
  it('gives byte-identical pages for a PDF page and an image, and the same refusal', async () => {
    const pdf = await scannedPdf(1, 1240);
    const image = await scan(1240, 1.5);
    for (const [bytes, name] of [
      [pdf, '一页.pdf'],
      [image, '一页.png'],
    ] as const) {
      const here = await preparePages(bytes, name);
      const there = await preparePagesOffThread(bytes, name);
      expect(there).toHaveLength(1);
      expect(there).toEqual(here);
      const [a, b] = [here[0], there[0]];
      if (!a?.ok || !b?.ok) throw new Error(`${name} did not come through`);
      expect(Buffer.compare(b.page.png, a.page.png)).toBe(0);
      expect(Buffer.compare(b.page.thumbnail, a.page.thumbnail)).toBe(0);
    }
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { constructor: { name: string }; code: string; message: string }) => [
          e.constructor.name,
          e.code,
          e.message,
        ],
      );
    const notImage = Buffer.from('这不是图像文件');
    const local = await refusal(preparePages(notImage, '说明.txt'));
    expect(local?.[1]).toBe('IMAGE_UNREADABLE');
    expect(await refusal(preparePagesOffThread(notImage, '说明.txt'))).toEqual(local);
  });
});
