/**
 * Grey-image resizing and the float tensors the PP-OCR models take, in plain
 * TypeScript: it runs inside the inference worker, where pulling in sharp's libvips for
 * every line crop would cost more than the arithmetic.
 */
import type { GreyImage } from '../../imaging';

/**
 * One axis of a separable resize: a tent filter whose support grows with the shrink
 * factor, so shrinking averages (thin strokes stay as grey instead of vanishing) and
 * enlarging interpolates linearly.
 */
function weights(src: number, dst: number): { start: Int32Array; len: Int32Array; w: Float32Array; taps: number } {
  const scale = src / dst;
  const support = Math.max(1, scale);
  const taps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(dst);
  const len = new Int32Array(dst);
  const w = new Float32Array(dst * taps);
  for (let i = 0; i < dst; i++) {
    const centre = (i + 0.5) * scale - 0.5;
    const lo = Math.max(0, Math.floor(centre - support + 1));
    const hi = Math.min(src - 1, Math.ceil(centre + support - 1));
    let sum = 0;
    let n = 0;
    for (let j = lo; j <= hi && n < taps; j++, n++) {
      const v = Math.max(0, 1 - Math.abs(j - centre) / support);
      w[i * taps + n] = v;
      sum += v;
    }
    if (sum === 0) {
      // Footprint fell between samples (tiny sizes): take the nearest pixel.
      w[i * taps] = 1;
      start[i] = Math.min(src - 1, Math.max(0, Math.round(centre)));
      len[i] = 1;
      continue;
    }
    for (let k = 0; k < n; k++) w[i * taps + k]! /= sum;
    start[i] = lo;
    len[i] = n;
  }
  return { start, len, w, taps };
}

export function resizeGrey(img: GreyImage, width: number, height: number): GreyImage {
  if (width === img.width && height === img.height) return img;
  const wx = weights(img.width, width);
  const wy = weights(img.height, height);
  // Horizontal pass into floats, then vertical pass into bytes.
  const mid = new Float32Array(width * img.height);
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width;
    for (let x = 0; x < width; x++) {
      let s = 0;
      const base = x * wx.taps;
      for (let k = 0, j = wx.start[x]!; k < wx.len[x]!; k++, j++) s += img.data[row + j]! * wx.w[base + k]!;
      mid[y * width + x] = s;
    }
  }
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const base = y * wy.taps;
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let k = 0, j = wy.start[y]!; k < wy.len[y]!; k++, j++) s += mid[j * width + x]! * wy.w[base + k]!;
      data[y * width + x] = s < 0 ? 0 : s > 255 ? 255 : Math.round(s);
    }
  }
  return { data, width, height };
}

/** A copy of one box of the image (the worker's own: imaging/raw would load sharp into the thread). */
export function cropLine(img: GreyImage, b: { x0: number; y0: number; x1: number; y1: number }): GreyImage {
  const width = Math.max(1, b.x1 - b.x0);
  const height = Math.max(1, b.y1 - b.y0);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (b.y0 + y) * img.width + b.x0;
    data.set(img.data.subarray(from, from + width), y * width);
  }
  return { data, width, height };
}

/** Turns an image a quarter counter-clockwise (a tall crop is a vertical line of text). */
export function rotate90ccw(img: GreyImage): GreyImage {
  const { width: w, height: h } = img;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[(w - 1 - x) * h + y] = img.data[y * w + x]!;
  return { data, width: h, height: w };
}

export function rotate180(img: GreyImage): GreyImage {
  const data = new Uint8Array(img.data.length);
  for (let i = 0, n = data.length; i < n; i++) data[i] = img.data[n - 1 - i]!;
  return { data, width: img.width, height: img.height };
}

/**
 * Writes a grey image into three identical channels of a CHW float tensor at
 * `offset`, as (v/255 − mean) / std per channel; the tensor row stride is `stride`.
 */
export function writeChannels(
  img: GreyImage,
  out: Float32Array,
  offset: number,
  plane: number,
  stride: number,
  mean: readonly number[],
  std: readonly number[],
): void {
  for (let c = 0; c < 3; c++) {
    const m = mean[c]!;
    const s = std[c]!;
    const base = offset + c * plane;
    for (let y = 0; y < img.height; y++)
      for (let x = 0; x < img.width; x++) out[base + y * stride + x] = (img.data[y * img.width + x]! / 255 - m) / s;
  }
}
