/**
 * The pure parts of the PP-OCR engine: DB box finding on a synthetic probability map,
 * reading order, CTC greedy decoding, resampling. No model needed.
 */
import { describe, expect, it } from 'vitest';
import { boxesFromMap, DET_DEFAULTS, sortReading } from '../../electron/core/ocr/ppocr/det';
import { ctcGreedy } from '../../electron/core/ocr/ppocr/rec';
import { resizeGrey, rotate90ccw } from '../../electron/core/ocr/ppocr/resample';

function mapWith(w: number, h: number, rects: [number, number, number, number, number][]): Float32Array {
  const m = new Float32Array(w * h);
  for (const [x0, y0, x1, y1, p] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) m[y * w + x] = p;
  return m;
}

describe('DB post-processing', () => {
  it('finds each text region, grows it back by the unclip margin, and drops faint ones', () => {
    const map = mapWith(200, 100, [
      [10, 10, 110, 20, 0.9], // a line
      [120, 60, 180, 70, 0.9], // another
      [10, 60, 60, 70, 0.4], // above the pixel threshold, below the box threshold
      [150, 10, 151, 11, 0.99], // a speck
    ]);
    const boxes = boxesFromMap(map, 200, 100, DET_DEFAULTS);
    expect(boxes).toHaveLength(2);
    const [a] = boxes;
    // 100×10 region: unclip distance = 1000 × 1.5 / 220 ≈ 6.8 px on every side.
    expect(a!.x0).toBeCloseTo(10 - 6.82, 1);
    expect(a!.y0).toBeCloseTo(10 - 6.82, 1);
    expect(a!.x1).toBeCloseTo(110 + 6.82, 1);
    expect(a!.score).toBeCloseTo(0.9, 5);
  });

  it('orders boxes top to bottom, and left to right within a line', () => {
    const b = (x0: number, y0: number) => ({ x0, y0, x1: x0 + 50, y1: y0 + 20 });
    const sorted = sortReading([b(300, 102), b(10, 100), b(10, 200), b(150, 98)]);
    expect(sorted.map((x) => x.x0)).toEqual([10, 150, 300, 10]);
  });
});

describe('CTC greedy decoding', () => {
  const dict = ['', '公', '安', ' '];
  const steps = (...best: number[]) => {
    const p = new Float32Array(best.length * dict.length);
    best.forEach((c, t) => {
      for (let k = 0; k < dict.length; k++) p[t * dict.length + k] = k === c ? 0.9 : 0.1 / 3;
    });
    return p;
  };
  it('merges repeats, drops blanks, keeps a character repeated across a blank', () => {
    const r = ctcGreedy(steps(0, 1, 1, 0, 2, 2, 0, 2, 0), 9, dict.length, dict);
    expect(r.text).toBe('公安安');
    expect(r.confidence).toBeCloseTo(0.9, 5);
  });
  it('reads nothing from all blanks, with zero confidence', () => {
    expect(ctcGreedy(steps(0, 0, 0), 3, dict.length, dict)).toEqual({ text: '', confidence: 0 });
  });
});

describe('resampling', () => {
  it('keeps a flat image flat and a thin dark stroke as grey when shrinking', () => {
    const flat = { data: new Uint8Array(40 * 20).fill(200), width: 40, height: 20 };
    expect([...resizeGrey(flat, 13, 7).data].every((v) => v === 200)).toBe(true);
    const stroke = { data: new Uint8Array(40 * 20).fill(255), width: 40, height: 20 };
    for (let y = 0; y < 20; y++) stroke.data[y * 40 + 20] = 0;
    const small = resizeGrey(stroke, 10, 5);
    expect(Math.min(...small.data)).toBeLessThan(230);
  });
  it('turns a wide image a quarter counter-clockwise', () => {
    const img = { data: Uint8Array.from([1, 2, 3, 4, 5, 6]), width: 3, height: 2 };
    expect(rotate90ccw(img)).toEqual({ data: Uint8Array.from([3, 6, 2, 5, 1, 4]), width: 2, height: 3 });
  });
});
