/**
 * Red seals (户口专用章, 公章) are stamped over the handler's name and the date, exactly
 * where fields are read. A stamp is a translucent layer of one colour: where it covers
 * bare paper a scan shows the stamp's red, where it covers a printed or written stroke
 * it shows the same red made darker by the same grey amount in every channel (red over
 * ink, not black: dropping every clearly red pixel to paper cuts the strokes under the
 * stamp away, which turned 2023 into 2022 and 沙河派出所 into 派出所).
 *
 * So each clearly red pixel is graded by its brightness among the page's red pixels:
 * the commonest brightness is the stamp over paper and becomes paper; the darkest is
 * the stamp over ink and becomes the page's ink level; in between is linear, as the
 * layer is. Pixels that are not clearly red keep their red channel (black writing stays
 * black, red-tinged paper turns paper-white). Grey and black-and-white scans pass through.
 */
import sharp from 'sharp';
import { encodeGreyPng, TRANSIENT_PNG_LEVEL } from './raw';

/** How much redder than green/blue a pixel must be to count as seal ink. */
const REDNESS = 50;
/**
 * Below this brightness spread between the stamp over paper and the darkest red pixels,
 * nothing is written under the stamp (the spread is scan noise): the stamp goes whole.
 */
const MIN_SPREAD = 30;

export interface SealLevels {
  /** Brightness (mean of the channels) of the stamp over bare paper: the commonest red. */
  overPaper: number;
  /** Brightness of the stamp over the darkest writing (a low percentile of the red pixels). */
  overInk: number;
  /** The page's paper and ink levels in the red channel, where the stamp is not. */
  paper: number;
  ink: number;
}

/** The levels the grading needs, from one page's pixels; null when the page has no stamp. */
export function sealLevels(rgb: Uint8Array, channels: number, n: number): SealLevels | null {
  const red = new Uint32Array(256);
  const rest = new Uint32Array(256);
  let reds = 0;
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    const r = rgb[j]!;
    const g = rgb[j + 1]!;
    const b = rgb[j + 2]!;
    if (r - Math.max(g, b) > REDNESS) {
      red[Math.round((r + g + b) / 3)]!++;
      reds++;
    } else rest[r]!++;
  }
  // A few hundred red pixels are a red pen tick or JPEG fringes, not a stamp.
  if (reds < 500) return null;
  let overPaper = 0;
  for (let v = 1; v < 256; v++) if (red[v]! > red[overPaper]!) overPaper = v;
  return {
    overPaper,
    overInk: percentileOf(red, reds, 0.01),
    paper: percentileOf(rest, n - reds, 0.5),
    // The darkest few per cent of the rest are the page's writing.
    ink: percentileOf(rest, n - reds, 0.01),
  };
}

function percentileOf(hist: Uint32Array, total: number, q: number): number {
  const want = q * total;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen > want) return v;
  }
  return 255;
}

/** One red pixel's grey value, from its brightness (mean of the channels). */
export function gradeRed(brightness: number, l: SealLevels): number {
  const spread = l.overPaper - l.overInk;
  if (spread < MIN_SPREAD) return 255;
  const t = (brightness - l.overInk) / spread;
  return Math.max(0, Math.min(255, Math.round(l.ink + t * (l.paper - l.ink))));
}

/** The page in grey, its red seal turned to paper and the writing under the seal kept. */
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
  const levels = sealLevels(data, info.channels, n);
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += info.channels) {
    const r = data[j]!;
    const g = data[j + 1]!;
    const b = data[j + 2]!;
    const isRed = r - Math.max(g, b) > REDNESS;
    out[i] = !isRed ? r : levels ? gradeRed((r + g + b) / 3, levels) : 255;
  }
  return encodeGreyPng(
    { data: out, width: info.width, height: info.height },
    meta.density ?? null,
    TRANSIENT_PNG_LEVEL,
  );
}
