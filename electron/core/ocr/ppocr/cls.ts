/**
 * PP-OCR's optional angle classifier: tells a line printed upside down (a sheet fed the
 * wrong way round) from an upright one, and turns it before recognition. Off by default:
 * pages reach OCR deskewed and upright, and it costs a model run per line batch.
 */
import type { InferenceSession } from 'onnxruntime-node';
import type { GreyImage } from '../../imaging';
import { resizeGrey, rotate180, writeChannels } from './resample';

const H = 48;
const W = 192;
const BATCH = 6;
/** PaddleOCR's cls_thresh: only a confident "180" turns a line. */
const THRESH = 0.9;
const HALF = [0.5, 0.5, 0.5];

export async function uprightLines(
  ort: typeof import('onnxruntime-node'),
  session: InferenceSession,
  lines: GreyImage[],
): Promise<GreyImage[]> {
  const out = [...lines];
  for (let at = 0; at < lines.length; at += BATCH) {
    const batch = lines.slice(at, at + BATCH);
    const input = new Float32Array(batch.length * 3 * H * W);
    batch.forEach((img, b) => {
      const w = Math.min(W, Math.max(1, Math.ceil((H * img.width) / img.height)));
      writeChannels(resizeGrey(img, w, H), input, b * 3 * H * W, H * W, W, HALF, HALF);
    });
    const r = await session.run({
      [session.inputNames[0]!]: new ort.Tensor('float32', input, [batch.length, 3, H, W]),
    });
    const probs = r[session.outputNames[0]!]!;
    const p = probs.data as Float32Array;
    batch.forEach((img, b) => {
      if (p[b * 2 + 1]! > p[b * 2]! && p[b * 2 + 1]! > THRESH) out[at + b] = rotate180(img);
    });
    probs.dispose();
  }
  return out;
}
