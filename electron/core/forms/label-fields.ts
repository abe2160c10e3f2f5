/**
 * Form fields read from the page's own text, with no template: the dictionary's labels
 * are found (label-find.ts), each value taken beside or under its label (label-values.ts),
 * then checked like a template's zones (validate.ts). Each field's confidence combines the
 * OCR confidence of its characters, how well its label matched and its checks; the ID
 * number, birth date and sex vouch for one another or cast doubt on one another. A field
 * whose label or value was not found has no confidence at all: it is 未识别, not 0 and not 100.
 */
import type { OcrLine } from '../ocr';
import { type DictField, type FieldDictionary, fieldKindOf } from './dictionary';
import { crossCheck, fieldConfidence, type ScoreOptions } from './field-confidence';
import type { ZoneRead } from './extract';
import { findLabels, type LabelHit } from './label-find';
import { takeValues, type TakenValue } from './label-values';
import { checkField } from './validate';

export { fieldConfidence, type ScoreOptions } from './field-confidence';

export const NOT_FOUND = '未识别';

export interface LabelRead extends Omit<ZoneRead, 'confidence'> {
  /** 0–100, or null when the field was not found on the page. */
  confidence: number | null;
  status: '已识别' | '未识别';
  /** The label as read on the page (null when it was not found). */
  printedLabel: string | null;
}

const NO_BOX = { x: 0, y: 0, w: 0, h: 0 };

function readOne(
  f: DictField,
  hit: LabelHit | undefined,
  taken: TakenValue | undefined,
  ctx: object,
  o: ScoreOptions,
): LabelRead {
  const kind = fieldKindOf(f.kind);
  const base = { key: f.key, label: f.labels[0]!, kind, required: f.required === true };
  if (!hit || !taken || !taken.raw.trim()) {
    // Nothing located: no place on the page (a zero box) and no number.
    const at = taken ? { ...taken.bbox, w: 0, h: 0 } : NO_BOX;
    return {
      ...base,
      raw: '',
      value: '',
      valid: !f.required,
      issue: hit ? `找到标签“${hit.read}”，未找到其值` : `未找到“${f.labels[0]}”`,
      corrected: false,
      confidence: null,
      status: NOT_FOUND,
      printedLabel: hit?.read ?? null,
      bbox: at,
    };
  }
  const checked = checkField(kind, taken.raw, { enumOf: f.enumOf, required: f.required, ...ctx });
  const confidence = fieldConfidence(taken.ocr, hit.quality, checked, {
    kind: f.kind,
    low: taken.low,
    joined: taken.raw.includes('\n'),
    checkedOnly: o.checkedOnly,
  });
  return {
    ...base,
    raw: taken.raw,
    ...checked,
    confidence,
    status: confidence === null ? NOT_FOUND : '已识别',
    printedLabel: hit.read,
    bbox: confidence === null ? { ...taken.bbox, w: 0, h: 0 } : taken.bbox,
  };
}

/** Every field of the dictionary, found or not, in the dictionary's order. */
export function fieldsByLabels(lines: readonly OcrLine[], dict: FieldDictionary, o: ScoreOptions = {}): LabelRead[] {
  const hits = findLabels(lines, dict);
  const values = takeValues(lines, hits);
  const hitOf = (k: string) => hits.find((h) => h.field.key === k);
  // Dates and sex first: the ID number's one-digit repair must agree with them.
  const ctx: { birthDate?: string; sex?: string; idNumber?: string } = {};
  const pre = (kind: 'date' | 'sex', key: (f: DictField) => boolean) => {
    const f = dict.fields.find(key);
    const raw = f ? values.get(f.key)?.raw : undefined;
    if (!raw) return;
    const c = checkField(kind, raw, {});
    if (c.valid && c.value) ctx[kind === 'date' ? 'birthDate' : 'sex'] = c.value;
  };
  pre('date', (f) => f.key === 'birthDate');
  pre('sex', (f) => f.kind === 'sex');
  const idField = dict.fields.find((f) => f.kind === 'idNumber');
  const idRaw = idField ? values.get(idField.key)?.raw : undefined;
  if (idRaw) {
    const id = checkField('idNumber', idRaw, ctx);
    if (id.valid && id.value) ctx.idNumber = id.value;
  }
  const out = dict.fields.map((f) => readOne(f, hitOf(f.key), values.get(f.key), ctx, o));
  crossCheck(out);
  return out;
}
