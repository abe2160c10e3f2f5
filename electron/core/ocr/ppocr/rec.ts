/**
 * PP-OCR text recognition (SVTR-LCNet in PP-OCRv4): a line image 48 px high in, a
 * probability over the dictionary for each time step out, read by CTC greedy decoding
 * (best class per step, repeats merged, blanks dropped). Lines of similar width are
 * batched so padding wastes little work.
 */
import type { InferenceSession } from 'onnxruntime-node';
import type { GreyImage } from '../../imaging';
import { resizeGrey, writeChannels } from './resample';

export const REC_HEIGHT = 48;
/** PaddleOCR pads every batch to at least this width (ratio 320/48). */
const MIN_WIDTH = 320;
/** Lines per batch (PaddleOCR: 6). */
export const REC_BATCH = 6;
/**
 * Widest line fed to the model, in model pixels; wider crops are squeezed. Bounds the
 * memory of one batch (6 × 3 × 48 × 3,200 floats ≈ 11 MB in, plus activations).
 */
const MAX_WIDTH = 3200;

const HALF = [0.5, 0.5, 0.5];

export interface RecResult {
  text: string;
  /** Mean probability of the characters kept, 0–1. */
  confidence: number;
}

const widthOf = (img: GreyImage) => Math.min(MAX_WIDTH, Math.max(1, Math.ceil((REC_HEIGHT * img.width) / img.height)));

/** Recognises line images, in the order given. */
export async function recognize(
  ort: typeof import('onnxruntime-node'),
  session: InferenceSession,
  dict: readonly string[],
  lines: readonly GreyImage[],
): Promise<RecResult[]> {
  const order = lines.map((_, i) => i).sort((a, b) => widthOf(lines[a]!) - widthOf(lines[b]!));
  const results: RecResult[] = new Array<RecResult>(lines.length);
  for (let at = 0; at < order.length; at += REC_BATCH) {
    const batch = order.slice(at, at + REC_BATCH);
    const width = Math.max(MIN_WIDTH, ...batch.map((i) => widthOf(lines[i]!)));
    const plane = REC_HEIGHT * width;
    // Zero after normalisation is mid grey: PaddleOCR pads the same way.
    const input = new Float32Array(batch.length * 3 * plane);
    batch.forEach((i, b) => {
      const img = resizeGrey(lines[i]!, widthOf(lines[i]!), REC_HEIGHT);
      writeChannels(img, input, b * 3 * plane, plane, width, HALF, HALF);
    });
    const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', input, [batch.length, 3, REC_HEIGHT, width]) };
    const out = await session.run(feeds);
    const probs = out[session.outputNames[0]!]!;
    const [, steps, classes] = probs.dims as [number, number, number];
    if (classes !== dict.length)
      throw new Error(`dictionary has ${dict.length - 2} characters, the model expects ${classes - 2}`);
    const data = probs.data as Float32Array;
    batch.forEach(
      (i, b) =>
        (results[i] = ctcGreedy(data.subarray(b * steps * classes, (b + 1) * steps * classes), steps, classes, dict)),
    );
    probs.dispose();
  }
  return results;
}

/** Best class per step; a class repeated on consecutive steps is one character; class 0 is the blank. */
export function ctcGreedy(probs: Float32Array, steps: number, classes: number, dict: readonly string[]): RecResult {
  let text = '';
  let sum = 0;
  let n = 0;
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let p = probs[t * classes]!;
    for (let c = 1; c < classes; c++) {
      const v = probs[t * classes + c]!;
      if (v > p) [best, p] = [c, v];
    }
    if (best !== 0 && best !== prev) {
      text += dict[best] ?? '';
      sum += p;
      n++;
    }
    prev = best;
  }
  return { text, confidence: n ? sum / n : 0 };
}
