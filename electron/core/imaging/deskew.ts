/**
 * Skew: how far a page was turned on the scanner glass or in the feeder. The angle is
 * found from projection profiles: project the page's dark edges onto a line at each
 * candidate angle and keep the angle where text lines and rules stack up into the
 * sharpest peaks (largest sum of squared bin counts). Only the top and bottom edges of
 * ink are projected, not whole strokes, so a large dark area (a scanner-lid border,
 * which lies square to the image, not to the paper) counts only by its outline.
 *
 * Convention: a positive angle means the content is turned counter-clockwise as seen
 * on screen; straightening it is a clockwise turn by the same angle, which is what
 * sharp's `rotate(angle)` does for a positive angle.
 */
import sharp from 'sharp';
import { type GreyImage, greySharp, loadGrey, shrink } from './raw';
import { histogram, otsu, paperLevel } from './threshold';

/** The search range in degrees; feeders and careful hand placement stay within it. */
export const MAX_SKEW = 6;
/** Below this the page is left untouched: resampling would blur it for no visible gain. */
export const MIN_CORRECTION = 0.05;

/** Ink edges (x from the centre, y) of a shrunken copy. */
function edgePoints(grey: GreyImage): { xs: Float64Array; ys: Float64Array; n: number } {
  // About 1000 px on the short side: enough to resolve 0.05° over the page width.
  const small = shrink(grey, Math.max(1, Math.floor(Math.min(grey.width, grey.height) / 1000)));
  const hist = histogram(small);
  // Otsu splits plain paper noise on a blank page; demanding 50 levels of contrast stops that.
  const t = Math.min(otsu(hist), paperLevel(hist) - 50);
  const { width: w, height: h, data } = small;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (data[i]! >= t) continue;
      if (data[i - w]! >= t || data[i + w]! >= t) {
        xs.push(x - w / 2);
        ys.push(y);
      }
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys), n: xs.length };
}

/** Estimates the skew in degrees (positive = counter-clockwise), 0 when there is too little ink. */
export function estimateSkew(grey: GreyImage): number {
  const { xs, ys, n } = edgePoints(grey);
  if (n < 200) return 0;
  let maxY = 0;
  let maxX = 0;
  for (let i = 0; i < n; i++) {
    maxY = Math.max(maxY, ys[i]!);
    maxX = Math.max(maxX, Math.abs(xs[i]!));
  }
  const reach = Math.ceil(maxX * Math.tan(((MAX_SKEW + 1) * Math.PI) / 180)) + 2;
  const bins = new Float64Array(Math.ceil(maxY) + 2 * reach + 1);
  const score = (deg: number): number => {
    const tan = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    // Under the right angle, y + x·tan θ is constant along a text line.
    for (let i = 0; i < n; i++) bins[Math.round(ys[i]! + xs[i]! * tan) + reach]!++;
    let s = 0;
    for (let b = 0; b < bins.length; b++) s += bins[b]! * bins[b]!;
    return s;
  };
  const search = (from: number, to: number, step: number): { angle: number; scores: Map<number, number> } => {
    let best = from;
    let bestScore = -1;
    const scores = new Map<number, number>();
    for (let k = 0; from + k * step <= to + 1e-9; k++) {
      const a = from + k * step;
      const s = score(a);
      scores.set(k, s);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
    return { angle: best, scores };
  };
  const coarse = search(-MAX_SKEW, MAX_SKEW, 0.5).angle;
  const step = 0.05;
  const from = Math.max(-MAX_SKEW, coarse - 0.5);
  const fine = search(from, Math.min(MAX_SKEW, coarse + 0.5), step);
  // A parabola through the best fine step and its neighbours places the peak between steps.
  const k = Math.round((fine.angle - from) / step);
  const [l, c, r] = [fine.scores.get(k - 1), fine.scores.get(k), fine.scores.get(k + 1)];
  let angle = fine.angle;
  if (l !== undefined && c !== undefined && r !== undefined && l + r - 2 * c < 0) {
    angle += (step * 0.5 * (l - r)) / (l + r - 2 * c);
  }
  return Math.round(angle * 100) / 100;
}

/**
 * Turns a grey page by the skew angle (clockwise for positive) about its centre and
 * keeps the original size, filling the uncovered corners with `background`.
 */
export async function rotateGrey(img: GreyImage, angle: number, background = 255): Promise<GreyImage> {
  const bg = { r: background, g: background, b: background };
  const { data, info } = await greySharp(img)
    .rotate(angle, { background: bg })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const left = Math.floor((info.width - img.width) / 2);
  const top = Math.floor((info.height - img.height) / 2);
  const out = new Uint8Array(img.width * img.height);
  for (let y = 0; y < img.height; y++) {
    const from = (top + y) * info.width + left;
    out.set(data.subarray(from, from + img.width), y * img.width);
  }
  return { data: out, width: img.width, height: img.height };
}

/** Straightens a page image (any format sharp reads), keeping its size and colours. */
export async function deskew(png: Buffer): Promise<{ png: Buffer; angle: number }> {
  const grey = await loadGrey(png);
  const angle = estimateSkew(grey);
  if (Math.abs(angle) < MIN_CORRECTION) return { png, angle };
  const { channels } = await sharp(png).metadata();
  const { data, info } = await sharp(png)
    .rotate(angle, { background: { r: 255, g: 255, b: 255, alpha: 1 } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  let out = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).extract({
    left: Math.floor((info.width - grey.width) / 2),
    top: Math.floor((info.height - grey.height) / 2),
    width: grey.width,
    height: grey.height,
  });
  // Rotating with a background colour makes a grey page three-channel; keep it grey.
  if (channels === 1) out = out.toColourspace('b-w');
  return { png: await out.png().toBuffer(), angle };
}
