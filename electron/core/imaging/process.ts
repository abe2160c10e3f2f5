/**
 * The clean-up every scanned page goes through before it is stored and read by OCR:
 * grey, straightened, cropped to the paper, despeckled, judged blank or not, and
 * optionally binarised. Each step lives in its own file; this one only orders them.
 */
import { judgeBlank } from './blank';
import { findComponents } from './components';
import { type Rect, borderThreshold, findPaper, whitenBorderResidue } from './crop';
import { despeckle } from './despeckle';
import { estimateSkew, MIN_CORRECTION, rotateGrey } from './deskew';
import { cropGrey, encodeGreyPng, type GreyImage, loadGrey } from './raw';
import { binarize, histogram, inkToGrey, paperLevel, percentile } from './threshold';
import { makeThumbnail } from './thumb';

export interface ProcessOptions {
  /** Also return a black-and-white version of the page. */
  binarize?: boolean;
  /** The scan's resolution, when the caller knows it better than the PNG does. */
  dpi?: number;
}

export interface ProcessedPage {
  /** The processed page, one-channel PNG. */
  png: Buffer;
  width: number;
  height: number;
  /** Skew found and corrected, in degrees; positive = the scan was turned counter-clockwise. */
  skewAngle: number;
  /** The part of the straightened scan that was kept, in its pixels. */
  crop: Rect;
  /** One-channel PNG, 0 = ink, 255 = paper (only when asked for). */
  binary?: Buffer;
  /** JPEG, longer side 320 px. */
  thumbnail: Buffer;
  blank: boolean;
  /** Share of the page inside the blank-check margins covered by marks, 0…1. */
  inkRatio: number;
  dpi: number;
}

/**
 * The resolution to size the thresholds by: the caller's, else the file's when it is a
 * plausible scanning resolution (cameras and some software write 72 whatever the truth),
 * else a guess that the page is A4 (the common size of the archive's papers).
 */
export function pageDpi(given: number | undefined, density: number | null, width: number, height: number): number {
  if (given && given > 0) return given;
  if (density && density >= 100 && density <= 1200) return density;
  return Math.min(1200, Math.max(100, Math.round(Math.max(width, height) / 11.69)));
}

/** The colour around the image's edge: the scanner lid when there is one, else paper. */
function frameColour(img: GreyImage): number {
  const { width: w, height: h, data } = img;
  const hist = new Uint32Array(256);
  const band = Math.max(1, Math.round(Math.min(w, h) * 0.01));
  const count = (y: number, x0: number, x1: number) => {
    for (let x = x0; x < x1; x++) hist[data[y * w + x]!]!++;
  };
  for (let y = 0; y < h; y++) {
    if (y < band || y >= h - band) count(y, 0, w);
    else {
      count(y, 0, band);
      count(y, w - band, w);
    }
  }
  return percentile(hist, 0.5);
}

export async function processPage(png: Buffer, opts: ProcessOptions = {}): Promise<ProcessedPage> {
  const source = await loadGrey(png);
  const dpi = pageDpi(opts.dpi, source.density, source.width, source.height);
  const skewAngle = estimateSkew(source);
  // The corners the turn uncovers take the frame's colour, so they are cropped with the
  // border when there is one and read as paper when there is not.
  const straight =
    Math.abs(skewAngle) >= MIN_CORRECTION ? await rotateGrey(source, skewAngle, frameColour(source)) : source;
  const crop = findPaper(straight);
  const cropped = crop.width !== straight.width || crop.height !== straight.height;
  const page = cropped ? cropGrey(straight, crop) : straight;
  const paper = paperLevel(histogram(page));
  if (cropped) whitenBorderResidue(page, borderThreshold(paper), paper);
  const ink = binarize(page, { dpi });
  const comps = findComponents(page, ink);
  despeckle(page, ink, comps, { dpi, paper });
  const verdict = judgeBlank(page, comps, { dpi, paper });
  const [out, binary, thumbnail] = await Promise.all([
    encodeGreyPng(page, dpi),
    opts.binarize ? encodeGreyPng(inkToGrey(ink, page.width, page.height), dpi) : undefined,
    makeThumbnail(page),
  ]);
  return {
    png: out,
    width: page.width,
    height: page.height,
    skewAngle,
    crop,
    ...(binary ? { binary } : {}),
    thumbnail,
    blank: verdict.blank,
    inkRatio: verdict.inkRatio,
    dpi,
  };
}
