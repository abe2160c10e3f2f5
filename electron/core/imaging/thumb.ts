/**
 * Thumbnails for page lists and the viewer's filmstrip. JPEG, because thumbnails are
 * many and only looked at; the page itself stays lossless PNG.
 */
import sharp from 'sharp';
import { type GreyImage, greySharp } from './raw';

export const THUMB_SIDE = 320;
const THUMB_QUALITY = 80;

/** A JPEG whose longer side is `side` pixels (smaller images are not enlarged). */
export async function makeThumbnail(image: Buffer | GreyImage, side = THUMB_SIDE): Promise<Buffer> {
  // A grey page gets a grey thumbnail (sharp would otherwise write sRGB, three times the data).
  const pipeline = Buffer.isBuffer(image)
    ? sharp(image).flatten({ background: '#ffffff' })
    : greySharp(image).toColourspace('b-w');
  return pipeline
    .resize(side, side, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: THUMB_QUALITY })
    .toBuffer();
}
