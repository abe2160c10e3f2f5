/**
 * Red seals (户口专用章, 公章) are stamped over the handler's name and the date, exactly
 * where fields are read. Black ink is dark in every channel and red ink only in green and
 * blue, so a colour scan's red channel keeps the writing and drops the seal to near paper.
 * Grey and black-and-white scans pass through unchanged (their seal is already mixed in).
 */
import sharp from 'sharp';

export async function dropRedSeal(image: Buffer): Promise<Buffer> {
  const meta = await sharp(image).metadata();
  if ((meta.channels ?? 1) < 3 || meta.space === 'b-w') return image;
  const pipeline = sharp(image).flatten({ background: '#ffffff' }).extractChannel('red').toColourspace('b-w');
  return (meta.density ? pipeline.withDensity(meta.density) : pipeline).png({ compressionLevel: 6 }).toBuffer();
}
