/**
 * One page from processed image to text and fields. Ruled forms have their table rules
 * removed first: over a whole ruled page Tesseract's layout analysis breaks on the lines
 * and reads little; without them it reads the labels and values as text. The page head
 * names the form; its zones are then read with each kind's settings. Text and fields
 * come from tesseract.js or, when the caller passes one, another engine (PP-OCR).
 */
import type { FormTemplate } from '../../contract/forms';
import { extractFields, type ZoneRead } from './extract';
import { detectTemplate } from './detect';
import { templateMismatch } from './label-match';
import { BUILTIN_TEMPLATES } from './builtin';
import { dictionaryFor, type FieldDictionary } from './dictionary';
import { detectFormType, layoutAgrees } from './form-type';
import { fieldsByLabels, type LabelRead, type ScoreOptions } from './label-fields';
import { personBands } from './label-bands';
import { formFrame } from './zones';
import { readsUpsideDown } from './orientation';
import { findPairs, type LabelPair } from './label-pairs';
import sharp from 'sharp';
import { encodeGreyPng, loadGrey, TRANSIENT_PNG_LEVEL, findRules, unruleGrey } from '../imaging';
import { AppError } from '../kernel';
import {
  type OcrEngine,
  type OcrLine,
  type OcrOutput,
  type OcrPool,
  textLayerPdf,
  readCells,
  rowMajorText,
  TesseractEngine,
} from '../ocr';

/** A field as read: from a template's zone, or beside its printed label (confidence null: 未识别). */
export type FieldRead = ZoneRead | LabelRead;

export interface PageReading {
  text: string;
  confidence: number;
  lines: OcrLine[];
  pdf: Buffer | null;
  template: FormTemplate | null;
  /** Why no template was applied although one was detected or asked for (zh-CN). */
  templateMiss: string | null;
  fields: FieldRead[];
  /** Where the fields came from: a template's zones, the printed labels (no template fits), or none. */
  fieldSource?: 'template' | 'labels' | null;
  ms: number;
  /** Of `ms`, the time taken to find the form and its fields after the page's OCR (a template's zones are read again). */
  fieldsMs?: number;
  /** The engine that read the page (its label). */
  engine: string;
  /** Why the chosen engine did not read the page (its models would not load), when it fell back. */
  fallback: string | null;
  /**
   * A page no template or dictionary describes: its label/value pairs (label-pairs.ts), the
   * fields a new template could have (forms.templates.proposeFromPage offers them).
   */
  pairs?: LabelPair[];
  /** The page was fed upside down: it was read turned 180° (its lines are on the turned page). */
  turned?: boolean;
  /**
   * A page holding more than one person's form (label-bands.ts): `fields` are the first
   * person's, these the following persons' in page order, each read by its printed labels.
   * One record per page stays the model: these are shown to the clerk, not stored as fields.
   */
  otherPersons?: LabelRead[][];
}

export interface ReadOptions {
  dpi: number | null;
  /** 'auto', 'none' or a template id. */
  template: string;
  templates: readonly FormTemplate[];
  /** Also write the searchable PDF (pdf-text-layer.ts): the processed page under its lines. */
  pdf: boolean;
  /**
   * Another engine for text and fields (PP-OCR); tesseract.js when absent. The pool reads
   * the page when this engine cannot load.
   * This engine reads form pages: a named template, or a ruled page when it is 'auto'.
   */
  engine?: OcrEngine | null;
  /**
   * The engine for plain-text pages (no template, or 'auto' on a page without table
   * rules), when the administrator chose another one for them; `engine` when absent.
   */
  textEngine?: OcrEngine | null;
}

/** Which engine reads this page: forms and plain text may each have their own. */
export function engineForPage(opts: ReadOptions, ruled: boolean): OcrEngine | null {
  const form = opts.template === 'auto' ? ruled : opts.template !== 'none';
  const chosen = form ? opts.engine : opts.textEngine === undefined ? opts.engine : opts.textEngine;
  return chosen ?? null;
}

/** Errors that mean the engine cannot run here at all, as opposed to this page failing. */
const UNAVAILABLE = new Set(['OCR_MODEL_MISSING', 'OCR_MODEL_CORRUPT', 'OCR_ENGINE_UNAVAILABLE']);

export async function readPage(pool: OcrPool, png: Buffer, opts: ReadOptions): Promise<PageReading> {
  const started = performance.now();
  const { reading, dpi } = await readUpright(pool, png, opts);
  // A page that reads as nonsense may be upside down (orientation.ts): then it is read turned.
  if (!(await readsUpsideDown(pool, png, { ...reading, dpi }))) return reading;
  const turned = (await readUpright(pool, await sharp(png).rotate(180).png().toBuffer(), opts)).reading;
  if (turned.confidence <= reading.confidence) return reading;
  return { ...turned, turned: true, ms: performance.now() - started };
}

async function readUpright(
  pool: OcrPool,
  png: Buffer,
  opts: ReadOptions,
): Promise<{ reading: PageReading; dpi: number }> {
  const started = performance.now();
  const grey = await loadGrey(png);
  const dpi = opts.dpi ?? grey.density ?? 300;
  const rules = findRules(grey);
  const ruled = rules.horizontal.length >= 3 && rules.vertical.length >= 2;
  const clean = ruled ? unruleGrey(grey, rules) : grey;
  // Encoded only when Tesseract reads the whole page: PP-OCR and cell reading take the pixels.
  const tesseract = async () =>
    pool.recognize(ruled ? await encodeGreyPng(clean, dpi, TRANSIENT_PNG_LEVEL) : png, { psm: 'auto', dpi });
  // A ruled page is read cell by cell (cells.ts); the whole page when no cells are found.
  const byTesseract = async () =>
    (ruled ? await readCells(pool, { grey, clean, rules, dpi }) : null) ?? (await tesseract());
  let engine: OcrEngine = engineForPage(opts, ruled) ?? new TesseractEngine(pool);
  let fallback: string | null = null;
  let page: OcrOutput;
  if (engine.id === 'tesseract') page = await byTesseract();
  else {
    try {
      page = await engine.readPage(clean, dpi);
    } catch (e) {
      if (!(e instanceof AppError && UNAVAILABLE.has(e.code))) throw e;
      fallback = e.message;
      engine = new TesseractEngine(pool);
      page = await byTesseract();
    }
  }
  // Everything after the page's OCR: template detection, then fields by labels or by zones.
  const fieldsStarted = performance.now();
  let template: FormTemplate | null = null;
  if (opts.template === 'auto') template = detectTemplate(page.lines, opts.templates, grey.height);
  else if (opts.template !== 'none') {
    template = opts.templates.find((t) => t.id === opts.template) ?? null;
    if (!template) throw new AppError('NOT_FOUND', `没有表单模板“${opts.template}”`);
  }
  // A detected or forced template whose printed labels are not on the page is not applied:
  // the page stays plain text and the clerk is told why.
  let templateMiss = template ? templateMismatch(page.lines, template, opts.templates) : null;
  if (templateMiss) template = null;
  // Left to itself ('auto'), a page no template describes is read by its printed labels:
  // a built-in template is only a hint of the form type when its cells are not the page's.
  const dict =
    opts.template === 'auto' ? labelDictionary(page.lines, template, { dpi, ruled, height: grey.height }) : null;
  // tesseract.js's character confidences do not vouch for a name or an address (field-confidence.ts).
  const score = { checkedOnly: engine.id === 'tesseract' };
  const byLabels = dict ? readByLabels(page.lines, dict, opts.templates, score) : null;
  let fields: FieldRead[];
  if (byLabels) {
    ({ template, fields } = byLabels);
    templateMiss = null;
  } else {
    // The frame from the table's long rules only: a title stroke touching it is not a rule.
    const frame = template && ruled ? formFrame(rules, template, { width: clean.width, dpi }) : null;
    fields = template ? await extractFields(engine, { ...clean, dpi }, template, frame, score) : [];
  }
  const reading: PageReading = {
    text: ruled && !page.byCells ? rowMajorText(page.lines) : page.text,
    confidence: page.confidence,
    lines: page.lines,
    // Whichever engine read the page, the searchable PDF is ours: the processed page (rules
    // included) under its lines as invisible text, so Chinese extracts without the spaces
    // Tesseract's own PDF puts between characters, and nothing is read twice.
    pdf: opts.pdf ? textLayerPdf({ image: grey, png, dpi, lines: page.lines }) : null,
    template,
    templateMiss,
    fields,
    fieldSource: byLabels ? 'labels' : template ? 'template' : null,
    fieldsMs: performance.now() - fieldsStarted,
    ms: performance.now() - started,
    engine: engine.label,
    fallback,
  };
  if (byLabels?.otherPersons) reading.otherPersons = byLabels.otherPersons;
  if (!fields.length) reading.pairs = findPairs(page.lines).pairs;
  return { reading, dpi };
}

/** A built-in template as shipped (not a station's saved copy of it, which is the clerk's own drawing). */
const isBuiltin = (t: FormTemplate): boolean => {
  const b = BUILTIN_TEMPLATES.find((x) => x.id === t.id);
  return b !== undefined && (b === t || JSON.stringify(b) === JSON.stringify(t));
};

/**
 * The dictionary to read the page by, when no template fits it: a station's own template
 * that matched wins; a built-in one wins only where its labels stand where it draws them.
 */
export function labelDictionary(
  lines: readonly OcrLine[],
  template: FormTemplate | null,
  page: { dpi: number; ruled: boolean; height: number },
): FieldDictionary | null {
  if (template && !isBuiltin(template)) return null;
  if (template && layoutAgrees(lines, template, page.dpi, page.ruled)) return null;
  return (template ? dictionaryFor(template.id) : null) ?? detectFormType(lines, page.height);
}

/**
 * At least this many of a form's labels, and this share of its fields, must be found,
 * else nothing is offered as fields: a letter that names a form in its head is not that form.
 */
const MIN_FOUND = 4;
const MIN_FOUND_SHARE = 0.25;

function readByLabels(
  lines: readonly OcrLine[],
  dict: FieldDictionary,
  templates: readonly FormTemplate[],
  score: ScoreOptions,
): { template: FormTemplate | null; fields: LabelRead[]; otherPersons?: LabelRead[][] } | null {
  const enough = (fields: LabelRead[]) => {
    const found = fields.filter((f) => f.printedLabel !== null).length;
    return found >= MIN_FOUND && found / fields.length >= MIN_FOUND_SHARE;
  };
  const template = templates.find((t) => t.id === dict.formType) ?? null;
  // Two persons' forms on one page: each band by itself, else the first would take labels of both.
  const bands = personBands(lines, dict);
  if (bands) {
    const [first, ...rest] = bands.map((b) => fieldsByLabels(b, dict, score));
    const others = rest.filter(enough);
    if (first && enough(first) && others.length) return { template, fields: first, otherPersons: others };
  }
  const fields = fieldsByLabels(lines, dict, score);
  return enough(fields) ? { template, fields } : null;
}
