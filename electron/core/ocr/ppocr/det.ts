/**
 * PP-OCR text detection (DB, "differentiable binarization"): the model gives every
 * pixel a probability of being inside a text line; lines are the connected regions of
 * the thresholded map, scored by their mean probability and grown back ("unclip") by
 * the margin DB training shrank them by. Pages reach here deskewed, so a line's box is
 * axis-aligned; PaddleOCR's rotated minimum-area rectangles are not needed.
 */
import type { InferenceSession } from 'onnxruntime-node';
import type { GreyImage } from '../../imaging';
import type { OcrBox } from '../pool';
import { resizeGrey, writeChannels } from './resample';

export interface DetOptions {
  /**
   * Long side of the image the detector sees. PaddleOCR's default is 960; a 300 dpi A4
   * page (3508 px) read at full size took 4.6 GB and was less accurate than at 1,600.
   */
  maxSide: number;
  /** Probability above which a pixel is text (PaddleOCR: 0.3). */
  threshold: number;
  /** Mean probability a region needs to count as a line (PaddleOCR: 0.6). */
  boxThreshold: number;
  /** How far a region is grown back, as area × ratio / perimeter (PaddleOCR: 1.5). */
  unclipRatio: number;
}

export const DET_DEFAULTS: DetOptions = { maxSide: 1600, threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5 };

// ImageNet normalisation, as PaddleOCR's det preprocessing.
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

export interface DetBox extends OcrBox {
  score: number;
}

/** Runs detection on one image; boxes are in the image's own pixels, in reading order. */
export async function detect(
  ort: typeof import('onnxruntime-node'),
  session: InferenceSession,
  img: GreyImage,
  o: DetOptions,
): Promise<DetBox[]> {
  const scale = Math.min(1, o.maxSide / Math.max(img.width, img.height));
  // The network downsamples by 32: both sides must be multiples of it.
  const w = Math.max(32, Math.round((img.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((img.height * scale) / 32) * 32);
  const small = resizeGrey(img, w, h);
  const input = new Float32Array(3 * w * h);
  writeChannels(small, input, 0, w * h, w, MEAN, STD);
  const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, h, w]) };
  const out = await session.run(feeds);
  const prob = out[session.outputNames[0]!]!;
  const map = prob.data as Float32Array;
  const boxes = boxesFromMap(map, w, h, o);
  prob.dispose();
  const sx = img.width / w;
  const sy = img.height / h;
  return sortReading(
    boxes.map((b) => ({
      x0: clamp(Math.floor(b.x0 * sx), 0, img.width - 1),
      y0: clamp(Math.floor(b.y0 * sy), 0, img.height - 1),
      x1: clamp(Math.ceil(b.x1 * sx), 1, img.width),
      y1: clamp(Math.ceil(b.y1 * sy), 1, img.height),
      score: b.score,
    })),
  );
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/**
 * Connected regions (8-neighbour) of the thresholded probability map, each scored by the
 * mean probability over its bounding box (PaddleOCR's "fast" box score), then unclipped.
 * Exported for tests: a synthetic map gives known boxes.
 */
export function boxesFromMap(map: Float32Array, w: number, h: number, o: DetOptions): DetBox[] {
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  const boxes: DetBox[] = [];
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || map[start]! <= o.threshold) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    let x0 = w;
    let y0 = h;
    let x1 = -1;
    let y1 = -1;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % w;
      const y = (p - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= w) continue;
          const q = ny * w + nx;
          if (seen[q] || map[q]! <= o.threshold) continue;
          seen[q] = 1;
          stack[top++] = q;
        }
      }
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    if (Math.min(bw, bh) < 3) continue;
    let sum = 0;
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) sum += map[y * w + x]!;
    const score = sum / (bw * bh);
    if (score < o.boxThreshold) continue;
    const d = (bw * bh * o.unclipRatio) / (2 * (bw + bh));
    const box = { x0: x0 - d, y0: y0 - d, x1: x1 + 1 + d, y1: y1 + 1 + d, score };
    if (Math.min(box.x1 - box.x0, box.y1 - box.y0) < 5) continue;
    boxes.push({
      x0: Math.max(0, box.x0),
      y0: Math.max(0, box.y0),
      x1: Math.min(w, box.x1),
      y1: Math.min(h, box.y1),
      score,
    });
  }
  return boxes;
}

/** Top to bottom; boxes whose tops are within half a line of each other left to right. */
export function sortReading<T extends OcrBox>(boxes: T[]): T[] {
  const byTop = [...boxes].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  for (let i = 1; i < byTop.length; i++) {
    for (let j = i; j > 0; j--) {
      const a = byTop[j - 1]!;
      const b = byTop[j]!;
      const tol = Math.min(a.y1 - a.y0, b.y1 - b.y0) / 2;
      if (Math.abs(b.y0 - a.y0) < tol && b.x0 < a.x0) [byTop[j - 1], byTop[j]] = [b, a];
      else break;
    }
  }
  return byTop;
}
