/**
 * The PP-OCR pipeline inside one inference worker: the three models loaded once, then
 * detect → (classify) → recognise for a page or a block, recognise only for line images.
 * A model that fails to load is reported by file, so the caller can name it and fall back.
 */
import fs from 'node:fs';
import type { InferenceSession } from 'onnxruntime-node';
import type { GreyImage } from '../../imaging';
import type { OcrBox } from '../pool';
import { uprightLines } from './cls';
import { DET_DEFAULTS, detect, type DetOptions } from './det';
import { loadDictionary, type ModelPaths } from './models';
import { recognize, type RecResult } from './rec';
import { cropLine, rotate90ccw } from './resample';

export interface PipelineOptions {
  models: ModelPaths;
  /** ONNX Runtime intra-op threads per model run. */
  threads: number;
  angle: boolean;
  det?: Partial<DetOptions>;
}

export interface LineOut extends RecResult {
  bbox: OcrBox;
}

/** Thrown when a model file does not load; carries the file for the message. */
export class ModelLoadError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`${file}: ${(cause as Error)?.message ?? cause}`);
  }
}

/** Lines below this confidence are noise (speckle, a stray rule) on a page (PaddleOCR's drop_score). */
const DROP_SCORE = 0.5;

export class Pipeline {
  private constructor(
    private readonly ort: typeof import('onnxruntime-node'),
    private readonly det: InferenceSession,
    private readonly rec: InferenceSession,
    private readonly cls: InferenceSession | null,
    private readonly dict: string[],
    private readonly detOpts: DetOptions,
  ) {}

  static async load(o: PipelineOptions): Promise<Pipeline> {
    const ort = await import('onnxruntime-node');
    const opts: InferenceSession.SessionOptions = {
      intraOpNumThreads: o.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // The arena keeps the largest page's buffers for good; without it memory returns after each page.
      enableCpuMemArena: false,
    };
    const open = async (file: string) => {
      try {
        // From bytes, so a file that vanished or is unreadable is told apart from one ONNX cannot parse.
        return await ort.InferenceSession.create(fs.readFileSync(file), opts);
      } catch (e) {
        throw new ModelLoadError(file, e);
      }
    };
    const det = await open(o.models.det);
    const rec = await open(o.models.rec);
    const cls = o.angle ? await open(o.models.cls) : null;
    let dict: string[];
    try {
      dict = loadDictionary(o.models.dict);
    } catch (e) {
      throw new ModelLoadError(o.models.dict, e);
    }
    const p = new Pipeline(ort, det, rec, cls, dict, { ...DET_DEFAULTS, ...o.det });
    // One tiny line through the recogniser: a dictionary that does not fit the model fails now, by name.
    try {
      await recognize(ort, rec, dict, [{ data: new Uint8Array(48 * 96).fill(255), width: 96, height: 48 }]);
    } catch (e) {
      throw new ModelLoadError(o.models.dict, e);
    }
    return p;
  }

  /** Every text line of a page (or a multi-line zone), in reading order. */
  async readBlock(img: GreyImage, dropNoise = true): Promise<LineOut[]> {
    const boxes = await detect(this.ort, this.det, img, this.detOpts);
    const crops = boxes.map((b) => {
      const c = cropLine(img, b);
      // PaddleOCR reads a crop at least 1.5× taller than wide as a vertical line.
      return c.height >= 1.5 * c.width ? rotate90ccw(c) : c;
    });
    const texts = await this.readLines(crops);
    return boxes
      .map((b, i) => ({ ...texts[i]!, bbox: { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 } }))
      .filter((l) => l.text.trim() && (!dropNoise || l.confidence >= DROP_SCORE));
  }

  /** Recognition only: each image is one line. */
  async readLines(lines: GreyImage[]): Promise<RecResult[]> {
    if (lines.length === 0) return [];
    const upright = this.cls ? await uprightLines(this.ort, this.cls, lines) : lines;
    return recognize(this.ort, this.rec, this.dict, upright);
  }

  async release(): Promise<void> {
    await Promise.all([this.det.release(), this.rec.release(), this.cls?.release()]);
  }
}
