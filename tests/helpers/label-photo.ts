/**
 * A phone-like picture of a barcode label for the photo-decoding tests: the label drawn with
 * bwip-js, turned a few degrees, set on seeded grey noise and saved as JPEG.
 */
import bwipjs from 'bwip-js/node';
import sharp from 'sharp';

/** A seeded grey noise (no Math.random: the same picture every run). */
function noise(w: number, h: number): Buffer {
  const b = Buffer.alloc(w * h * 3);
  let x = 12345;
  for (let i = 0; i < b.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = 190 + (x % 60);
  }
  return b;
}

export async function labelPhoto(text: string, degrees = 4): Promise<Buffer> {
  const png = await bwipjs.toBuffer({
    bcid: 'code128',
    text,
    scale: 3,
    height: 12,
    backgroundcolor: 'FFFFFF',
    includetext: true,
  });
  const turned = await sharp(png).rotate(degrees, { background: '#fff' }).png().toBuffer();
  const m = await sharp(turned).metadata();
  const [w, h] = [m.width! + 160, m.height! + 160];
  return sharp(noise(w, h), { raw: { width: w, height: h, channels: 3 } })
    .composite([{ input: turned, top: 80, left: 80 }])
    .jpeg({ quality: 80 })
    .toBuffer();
}
