/**
 * Red seals (户口专用章, 公章) are stamped over the handler's name and the date, exactly
 * where fields are read. On a colour scan, a pixel that is clearly red (red well above
 * green and blue) is seal ink and becomes paper; every other pixel keeps its red channel,
 * in which black writing stays black even where the seal overlaps it. Grey and
 * black-and-white scans pass through unchanged (their seal is already mixed in).
 */
import sharp from 'sharp';
import { encodeGreyPng, TRANSIENT_PNG_LEVEL } from './raw';

/** How much redder than green/blue a pixel must be to count as seal ink. */
const REDNESS = 50;

export async function dropRedSeal(image: Buffer): Promise<Buffer> {
  const meta = await sharp(image).metadata();
  if ((meta.channels ?? 1) < 3 || meta.space === 'b-w') return image;
  const { data, info } = await sharp(image)
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const n = info.width * info.height;
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += info.channels) {
    const r = data[j]!;
    const g = data[j + 1]!;
    const b = data[j + 2]!;
    out[i] = r - Math.max(g, b) > REDNESS ? 255 : r;
  }
  return encodeGreyPng(
    { data: out, width: info.width, height: info.height },
    meta.density ?? null,
    TRANSIENT_PNG_LEVEL,
  );
}
