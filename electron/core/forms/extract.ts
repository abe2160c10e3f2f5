/**
 * Reads a form's fields: each zone is cut from the page (rules removed) and read by the
 * page's engine, Tesseract with each kind's settings (digits only for ID numbers and
 * numbers, digits and 年月日 for dates), PP-OCR line by line (extract-engine.ts); every
 * value is then validated with the rest of the form as context (an ID number must agree
 * with the sex and birth date).
 */
import type { FormTemplate, TemplateField } from '../../contract/forms';
import { type OcrEngine, OcrPool, type OcrLine, TesseractEngine } from '../ocr';
import { encodeGreyPng, TRANSIENT_PNG_LEVEL } from '../imaging';
import { readWithEngine, type RawZone, type ZoneCrop } from './extract-engine';
import type { DictKind } from './dictionary';
import { crossCheck, fieldConfidence, type ScoreOptions } from './field-confidence';
import { checkField, type Checked } from './validate';
import { crop, inset, placer, stack, writingBox, type GreyImage, type PixelBox } from './zones';

export interface ZoneRead extends Checked {
  key: string;
  label: string;
  kind: TemplateField['kind'];
  raw: string;
  confidence: number;
  required: boolean;
  bbox: PixelBox;
}

type Group = 'numeric' | 'date' | 'code' | 'closed' | 'text';
const GROUP_OF = (f: TemplateField): Group =>
  f.kind === 'idNumber' || f.kind === 'digits'
    ? 'numeric'
    : f.kind === 'date'
      ? 'date'
      : f.kind === 'archiveCode'
        ? 'code'
        : f.kind === 'sex' || f.kind === 'enum'
          ? 'closed'
          : 'text';
/**
 * Digits are read with a whitelist. Closed vocabularies are read as their own strip
 * but without one: chi_sim's recogniser returns nothing under a CJK whitelist; their
 * values are snapped to the list afterwards instead.
 */
const WHITELIST: Record<Group, string | undefined> = {
  numeric: '0123456789X',
  date: '0123456789年月日.-/',
  // 档号: capitals, digits and separators (the middle dot is read as one of these).
  code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.',
  closed: undefined,
  text: undefined,
};

export async function extractFields(
  reader: OcrPool | OcrEngine,
  page: GreyImage & { dpi: number | null },
  template: FormTemplate,
  frame: PixelBox | null,
  score: ScoreOptions = {},
): Promise<ZoneRead[]> {
  const place = placer(template, page, frame);
  const pxPerMm = (page.dpi ?? 300) / 25.4;
  const margin = Math.max(2, Math.round(0.7 * pxPerMm));
  const boxes = new Map(template.fields.map((f) => [f.key, place(f.box)]));
  const raws = new Map<string, RawZone>();
  const crops: ZoneCrop[] = [];
  for (const f of template.fields) {
    const zone = crop(page, inset(boxes.get(f.key)!, margin));
    const ink = writingBox(
      zone,
      140,
      Math.round(pxPerMm * pxPerMm * 0.6),
      Math.round(1.2 * pxPerMm),
      Math.round(pxPerMm),
    );
    // A zone with no ink was not read at all: nothing is known about it, so no confidence.
    if (!ink) {
      raws.set(f.key, { raw: '', confidence: 0 });
      continue;
    }
    // Keep a little white around the ink: Tesseract reads a tight line poorly.
    const pad = Math.round(pxPerMm);
    const [x0, y0] = [Math.max(0, ink.x - pad), Math.max(0, ink.y - pad)];
    const tight = crop(zone, { x: x0, y: y0, w: ink.x + ink.w + pad - x0, h: ink.y + ink.h + pad - y0 });
    crops.push({ key: f.key, field: f, image: tight, ink: { ...ink, x: ink.x - x0, y: ink.y - y0 } });
  }
  const pool = reader instanceof OcrPool ? reader : reader instanceof TesseractEngine ? reader.pool : null;
  const read = pool
    ? await readWithTesseract(pool, crops, page.dpi, pxPerMm)
    : await readWithEngine(reader as OcrEngine, crops, page.dpi ?? 300, pxPerMm);
  for (const [k, v] of read) raws.set(k, v);
  return scoreZones(template, raws, boxes, score);
}

/**
 * Tesseract: zones of one kind are stacked and recognised together with that kind's
 * settings (one call per kind instead of one per zone); closed words one by one.
 */
async function readWithTesseract(
  pool: OcrPool,
  crops: ZoneCrop[],
  dpi: number | null,
  pxPerMm: number,
): Promise<Map<string, RawZone>> {
  const raws = new Map<string, RawZone>();
  const groups = new Map<Group, ZoneCrop[]>();
  for (const c of crops) {
    const g = GROUP_OF(c.field);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(c);
  }
  await Promise.all(
    [...groups].map(async ([g, list]) => {
      if (g === 'closed') {
        await Promise.all(list.map(async (c) => raws.set(c.key, await readClosed(pool, c.image, c.field, dpi))));
        return;
      }
      const strip = stack(list, Math.round(4 * pxPerMm));
      const out = await pool.recognize(await encodeGreyPng(strip.image, null, TRANSIENT_PNG_LEVEL), {
        psm: 'column',
        whitelist: WHITELIST[g],
        dpi: dpi ?? 300,
      });
      for (const span of strip.spans) raws.set(span.key, joinLines(out.lines, span, Math.round(2 * pxPerMm)));
    }),
  );
  return raws;
}

/**
 * Short closed words (男, 户主, 汉族) stacked into a strip get lost by the layout
 * analysis, so each is read as one line on its own. One-character words (子, 妻, 女) are
 * often dropped even then; when the line does not give a listed value, the zone is read
 * again as one word and then as one character, and the first listed value wins.
 */
async function readClosed(pool: OcrPool, image: GreyImage, f: TemplateField, dpi: number | null): Promise<RawZone> {
  const png = await encodeGreyPng(image, null, TRANSIENT_PNG_LEVEL);
  const listed = (r: RawZone) => r.raw !== '' && checkField(f.kind, r.raw, { enumOf: f.enumOf }).valid;
  const first = lineOf(await pool.recognize(png, { psm: 'line', dpi: dpi ?? 300 }));
  if (listed(first)) return first;
  for (const psm of ['word', 'char'] as const) {
    const again = lineOf(await pool.recognize(png, { psm, dpi: dpi ?? 300 }));
    if (listed(again)) return again;
  }
  return first;
}

const lineOf = (o: { text: string; confidence: number }): RawZone => ({
  raw: o.text.trim(),
  confidence: o.text.trim() ? o.confidence : 0,
});

/** The lines whose middle falls in a zone's span, in reading order. */
function joinLines(lines: OcrLine[], span: { y0: number; y1: number }, slack: number): RawZone {
  const mine = lines
    .filter((l) => {
      const mid = (l.bbox.y0 + l.bbox.y1) / 2;
      return mid >= span.y0 - slack && mid <= span.y1 + slack && l.text.trim();
    })
    .sort((a, b) => a.bbox.y0 - b.bbox.y0);
  if (mine.length === 0) return { raw: '', confidence: 0 };
  const chars = mine.reduce((s, l) => s + l.text.length, 0);
  return {
    raw: mine.map((l) => l.text.trim()).join('\n'),
    confidence: mine.reduce((s, l) => s + l.confidence * l.text.length, 0) / Math.max(1, chars),
  };
}

/**
 * Checks and scores every zone of a template read (exported for its unit test). Dates and
 * sex first: the ID number is checked against them, and sex against the number.
 */
export function scoreZones(
  template: FormTemplate,
  raws: Map<string, RawZone>,
  boxes: Map<string, PixelBox>,
  o: ScoreOptions = {},
): ZoneRead[] {
  const byKind = (k: TemplateField['kind']) => template.fields.find((f) => f.kind === k);
  const birth = template.fields.find((f) => f.key === 'birthDate');
  const sexField = byKind('sex');
  const ctx: { birthDate?: string; sex?: string; idNumber?: string } = {};
  // Only a date that checks out may veto an ID number repair; a misread one says nothing.
  const birthChecked = birth ? checkField('date', raws.get(birth.key)?.raw ?? '', {}) : null;
  if (birthChecked?.valid) ctx.birthDate = birthChecked.value;
  if (sexField) ctx.sex = checkField('sex', raws.get(sexField.key)?.raw ?? '', {}).value;
  const idField = byKind('idNumber');
  if (idField) {
    const id = checkField('idNumber', raws.get(idField.key)?.raw ?? '', ctx);
    if (id.valid) ctx.idNumber = id.value;
  }
  const out = template.fields.map((f): ZoneRead => {
    const r = raws.get(f.key) ?? { raw: '', confidence: 0 };
    const checked = checkField(f.kind, r.raw, { enumOf: f.enumOf, required: f.required, ...ctx });
    // The same scoring as fields read by their labels (a zone's label is where the template
    // says: it matched fully): a value that fails its check is never sure, a repaired one less so.
    const scored = fieldConfidence(r.confidence, 1, checked, { kind: DOUBT_KIND[f.kind], checkedOnly: o.checkedOnly });
    return {
      key: f.key,
      label: f.label,
      kind: f.kind,
      raw: r.raw,
      // Whatever an engine claims, a value read as empty was not recognised: confidence 0.
      confidence: scored ?? 0,
      required: f.required === true,
      bbox: boxes.get(f.key)!,
      ...checked,
    };
  });
  crossCheck(out);
  return out;
}

/** The doubts (field-confidence.ts) a template field's kind is open to. */
const DOUBT_KIND: Record<TemplateField['kind'], DictKind> = {
  text: 'text',
  block: 'address',
  name: 'name',
  idNumber: 'idNumber',
  date: 'date',
  sex: 'sex',
  enum: 'enum',
  digits: 'digits',
  archiveCode: 'digits',
  personList: 'personList',
};
