import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { deskew, estimateSkew } from '../../electron/core/imaging/deskew';
import { processPage } from '../../electron/core/imaging/process';
import { loadGrey } from '../../electron/core/imaging/raw';
import { A4, formPage, turned } from './imaging-fixtures';

let form: Buffer;
beforeAll(async () => {
  form = await formPage();
});

/** Share of pixels darker than 128 in a rectangle of a grey image. */
async function darkShare(png: Buffer, r: { left: number; top: number; width: number; height: number }) {
  const data = await sharp(png).extract(r).greyscale().raw().toBuffer();
  let n = 0;
  for (const v of data) if (v < 128) n++;
  return n / data.length;
}

describe('skew', () => {
  // sharp turns clockwise for positive angles; the estimate calls counter-clockwise positive.
  it.each([-3, -1.5, 2, 3])('finds a page turned %s° to within 0.2°', async (deg) => {
    const grey = await loadGrey(await turned(form, deg));
    expect(Math.abs(estimateSkew(grey) - -deg)).toBeLessThanOrEqual(0.2);
  });

  it('reports no skew for a straight page and for a page without ink', async () => {
    expect(Math.abs(estimateSkew(await loadGrey(form)))).toBeLessThanOrEqual(0.1);
    const blank = { data: new Uint8Array(1000 * 1400).fill(235), width: 1000, height: 1400 };
    expect(estimateSkew(blank)).toBe(0);
  });

  it('deskew straightens a colour page and keeps its size and colours', async () => {
    const colour = await sharp(await turned(form, 2.5))
      .toColourspace('srgb')
      .tint('#203080')
      .png()
      .toBuffer();
    const { png, angle } = await deskew(colour);
    expect(angle).toBeCloseTo(-2.5, 0);
    expect(await sharp(png).metadata()).toMatchObject({ width: A4.width, height: A4.height, channels: 3 });
    expect(Math.abs(estimateSkew(await loadGrey(png)))).toBeLessThanOrEqual(0.3);
  });
});

describe('processPage', () => {
  it.each([-3, 3])('straightens a page turned %s° to a residual of at most 0.3°', async (deg) => {
    const page = await processPage(await turned(form, deg), { binarize: true });
    expect(page.skewAngle).toBeCloseTo(-deg, 0);
    expect(Math.abs(estimateSkew(await loadGrey(page.png)))).toBeLessThanOrEqual(0.3);
    expect(page).toMatchObject({ width: A4.width, height: A4.height, blank: false, dpi: 300 });
    expect(page.inkRatio).toBeGreaterThan(0.01);
    // The binary page is one channel, only black and white, and black where the title is.
    const bin = await sharp(page.binary!).metadata();
    expect(bin).toMatchObject({ channels: 1, width: A4.width, height: A4.height });
    const values = new Set(await sharp(page.binary!).greyscale().raw().toBuffer());
    expect([...values].sort((a, b) => a - b)).toEqual([0, 255]);
    expect(await darkShare(page.binary!, { left: 900, top: 270, width: 680, height: 110 })).toBeGreaterThan(0.05);
    const thumb = await sharp(page.thumbnail).metadata();
    expect(thumb).toMatchObject({ format: 'jpeg', height: 320 });
    expect(thumb.width).toBe(Math.round((320 * A4.width) / A4.height));
  });

  it('crops dark scanner-lid borders and keeps the paper with its white margin', async () => {
    // The paper lies at (60, 100) on a dark bed 160 px wider and 220 px taller, turned 2°.
    const flat = await sharp({
      create: { width: A4.width + 160, height: A4.height + 220, channels: 3, background: '#1c1c1c' },
    })
      .composite([{ input: form, left: 60, top: 100 }])
      .png()
      .toBuffer();
    const bed = await sharp(flat)
      .rotate(-2, { background: '#1c1c1c' })
      .greyscale()
      .toColourspace('b-w')
      .png()
      .toBuffer();
    const page = await processPage(bed);
    expect(page.skewAngle).toBeCloseTo(2, 0);
    // The paper is found to within 1 % of its size, and nothing dark is left along the edges.
    expect(Math.abs(page.width - A4.width)).toBeLessThan(A4.width * 0.01);
    expect(Math.abs(page.height - A4.height)).toBeLessThan(A4.height * 0.01);
    const { width, height } = page;
    for (const edge of [
      { left: 0, top: 0, width, height: 4 },
      { left: 0, top: height - 4, width, height: 4 },
      { left: 0, top: 0, width: 4, height },
      { left: width - 4, top: 0, width: 4, height },
    ]) {
      expect(await darkShare(page.png, edge)).toBeLessThan(0.002);
    }
    // The content is all there: the title and the footer line.
    expect(await darkShare(page.png, { left: 900, top: 250, width: 680, height: 140 })).toBeGreaterThan(0.05);
    expect(await darkShare(page.png, { left: 200, top: 2930, width: 1500, height: 110 })).toBeGreaterThan(0.02);
  });

  it('removes isolated specks but not the strokes and dots of Chinese text', async () => {
    const specks: [number, number][] = [];
    let svg = '';
    for (let i = 0; i < 30; i++) {
      const x = 260 + i * 65;
      const y = 1000 + (i % 5) * 80; // the empty band between the paragraph and the table
      specks.push([x, y]);
      svg += `<rect x="${x}" y="${y}" width="${1 + (i % 2)}" height="2" fill="#000"/>`;
    }
    const dirty = await sharp(form)
      .composite([
        {
          input: Buffer.from(
            `<svg xmlns="http://www.w3.org/2000/svg" width="${A4.width}" height="${A4.height}">${svg}</svg>`,
          ),
        },
      ])
      .greyscale()
      .toColourspace('b-w')
      .png()
      .toBuffer();
    const page = await processPage(dirty);
    // Too little skew to turn the page for, so every pixel stays where it was drawn.
    expect(Math.abs(page.skewAngle)).toBeLessThan(0.05);
    const out = await loadGrey(page.png);
    const before = await loadGrey(dirty);
    for (const [x, y] of specks) expect(out.data[y * out.width + x]).toBeGreaterThan(200);
    expect(before.data[specks[0]![1] * before.width + specks[0]![0]]).toBeLessThan(100);
    // The paragraph (with its 、，。 and dot strokes) keeps its ink.
    const paragraph = { left: 230, top: 490, width: 2020, height: 330 };
    const kept = (await darkShare(page.png, paragraph)) / (await darkShare(form, paragraph));
    expect(kept).toBeGreaterThan(0.995);
  });
});
