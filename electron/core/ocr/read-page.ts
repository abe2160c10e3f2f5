/**
 * One page from processed image to text and fields. Ruled forms have their table rules
 * removed first: over a whole ruled page Tesseract's layout analysis breaks on the lines
 * and reads little; without them it reads the labels and values as text. The page head
 * names the form; its zones are then read with each kind's settings.
 */
import type { FormTemplate } from '../../contract/forms';
import { extractFields, type ZoneRead } from '../forms/extract';
import { detectTemplate } from '../forms/detect';
import { encodeGreyPng, loadGrey, TRANSIENT_PNG_LEVEL } from '../imaging/raw';
import { findRules } from '../imaging/rules';
import { tableFrame } from '../imaging/table';
import { unruleGrey } from '../imaging/unrule';
import { AppError } from '../kernel/errors';
import type { OcrLine, OcrPool } from './pool';
import { swapPdfImage } from './pdf-image-swap';
import { rowMajorText } from './reading-order';

export const ENGINE_NAME = 'tesseract.js 7 (chi_sim+eng)';

export interface PageReading {
  text: string;
  confidence: number;
  lines: OcrLine[];
  pdf: Buffer | null;
  template: FormTemplate | null;
  fields: ZoneRead[];
  ms: number;
}

export interface ReadOptions {
  dpi: number | null;
  /** 'auto', 'none' or a template id. */
  template: string;
  templates: readonly FormTemplate[];
  pdf: boolean;
}

export async function readPage(pool: OcrPool, png: Buffer, opts: ReadOptions): Promise<PageReading> {
  const started = performance.now();
  const grey = await loadGrey(png);
  const dpi = opts.dpi ?? grey.density ?? 300;
  const rules = findRules(grey);
  const ruled = rules.horizontal.length >= 3 && rules.vertical.length >= 2;
  const clean = ruled ? unruleGrey(grey, rules) : grey;
  const cleanPng = ruled ? await encodeGreyPng(clean, dpi, TRANSIENT_PNG_LEVEL) : png;
  const page = await pool.recognize(cleanPng, { psm: 'auto', dpi, pdf: opts.pdf });
  let template: FormTemplate | null = null;
  if (opts.template === 'auto') template = detectTemplate(page.lines, opts.templates, grey.height);
  else if (opts.template !== 'none') {
    template = opts.templates.find((t) => t.id === opts.template) ?? null;
    if (!template) throw new AppError('NOT_FOUND', `没有表单模板“${opts.template}”`);
  }
  const fields = template
    ? await extractFields(pool, { ...clean, dpi }, template, ruled ? tableFrame(rules) : null)
    : [];
  return {
    text: ruled ? rowMajorText(page.lines) : page.text,
    confidence: page.confidence,
    lines: page.lines,
    pdf: page.pdf && ruled ? swapPdfImage(page.pdf, grey) : page.pdf,
    template,
    fields,
    ms: performance.now() - started,
  };
}
