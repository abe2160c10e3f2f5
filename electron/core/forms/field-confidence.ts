/**
 * How sure a read field is, whichever way it was read (a template's zone or beside its
 * printed label): the OCR's confidence in its characters, how well its label matched, its
 * own checks, and what the ID number, birth date and sex say of one another.
 */
import { parseIdNumber } from '../persons';
import type { DictKind } from './dictionary';

/** What the scoring reads and writes of a field (LabelRead and ZoneRead both have it). */
export interface Scored {
  key: string;
  kind: string;
  raw: string;
  value: string;
  valid: boolean;
  corrected: boolean;
  issue: string | null;
  confidence: number | null;
}

/** How much a failed check or a repair leaves of the OCR's confidence. */
const INVALID_CAP = 40;
const CORRECTED_FACTOR = 0.85;
/** An ID number whose birth date and sex agree with the form's: each vouches for the others. */
const AGREE_BONUS = 8;
const DISAGREE_FACTOR = 0.5;

export const round1 = (v: number) => Math.round(Math.max(0, Math.min(100, v)) * 10) / 10;

/**
 * Calibration (bench:ocr, layout-variation TUNING seeds only; held-out seeds never looked at
 * while choosing these): a confidence ≥ 90 must be exactly right ≥ 99% of the time. Values
 * no check can catch (names, addresses, free text, bare digits) were wrong at 92–94 when a
 * single character was misread, and the mean hid it; their weakest character tells. Below
 * these floors such a value stays under 90 (the clerk looks at it).
 */
const UNCHECKED_FLOOR: Partial<Record<DictKind, number>> = { name: 93, address: 86, text: 86, digits: 86 };
const DOUBT_CAP = 89;
const STRAY_LATIN = /\p{Script=Han}[A-Za-z|]\p{Script=Han}/u;
const STRAY_LATIN_KINDS: ReadonlySet<DictKind> = new Set(['name', 'address', 'text']);
/** Plausible lengths of a name (a few minority names run longer: only doubted, not failed). */
const NAME_LENGTH = { min: 2, max: 4 };
const ODD_LENGTH_CAP = 80;

/** How a page's fields are scored: `checkedOnly` when its engine's character confidences do not vouch for a value. */
export interface ScoreOptions {
  checkedOnly?: boolean;
}

/** OCR × label quality, then the checks: a value that fails its check is never sure. */
export function fieldConfidence(
  ocr: number | null,
  labelQuality: number,
  check: { valid: boolean; corrected: boolean; value: string },
  doubt?: {
    kind: DictKind;
    low?: number | null;
    joined?: boolean;
    /**
     * The engine's character confidences do not tell right from wrong: only a value a check
     * vouches for may be sure. tesseract.js (tuning seeds, 48 pages): names and addresses with
     * one character wrong (浙汪湖州, 宋余, 冰河镇) at 94–95, their weakest character as sure.
     */
    checkedOnly?: boolean;
  },
): number | null {
  if (ocr === null || !check.value.trim()) return null;
  let c = ocr * (0.7 + 0.3 * labelQuality);
  if (!check.valid) c = Math.min(c, INVALID_CAP);
  else if (check.corrected) c *= CORRECTED_FACTOR;
  if (doubt) {
    const floor = UNCHECKED_FLOOR[doubt.kind];
    if (floor !== undefined && doubt.low != null && doubt.low < floor) c = Math.min(c, DOUBT_CAP);
    if (floor !== undefined && doubt.checkedOnly) c = Math.min(c, DOUBT_CAP);
    // A block joined from several lines may have run into the next row's values (PP-OCR,
    // tuning seeds: addresses at 99 that had swallowed the rows below them).
    if (doubt.joined && (doubt.kind === 'address' || doubt.kind === 'text')) c = Math.min(c, DOUBT_CAP);
    // A lone Latin letter amid Chinese (阜阳市I临泉县) is a rule's end or a speck read as a
    // letter (PP-OCR, tuning seeds: at 97); the line's confidence cannot tell it.
    if (STRAY_LATIN_KINDS.has(doubt.kind) && STRAY_LATIN.test(check.value)) c = Math.min(c, DOUBT_CAP);
    // A label read with slips stands where the page is hard to read: its value is not sure either.
    if (labelQuality < 1) c = Math.min(c, DOUBT_CAP);
    const n = [...check.value].length;
    if (doubt.kind === 'name' && (n < NAME_LENGTH.min || n > NAME_LENGTH.max)) c = Math.min(c, ODD_LENGTH_CAP);
  }
  return round1(c);
}

/**
 * Cross-field checks: 出生日期 must equal the ID number's birth date and 性别 its sex digit.
 * Agreement raises all three a little (capped below 100: agreement is not proof of every
 * character); disagreement halves the weaker side's confidence and says why.
 */
export function crossCheck(fields: Scored[]): void {
  const get = (k: string) => fields.find((f) => f.key === k && f.confidence !== null && f.valid);
  const id = fields.find((f) => f.kind === 'idNumber' && f.confidence !== null && f.valid);
  if (!id) return;
  const parsed = parseIdNumber(id.value);
  if (!parsed.ok) return;
  const pairs: [Scored | undefined, string, string][] = [
    [get('birthDate'), parsed.info.birthDate, '出生日期与公民身份号码不符'],
    [
      fields.find((f) => f.kind === 'sex' && f.confidence !== null && f.valid),
      parsed.info.sex,
      '性别与公民身份号码不符',
    ],
  ];
  for (const [f, expected, why] of pairs) {
    if (!f || f.confidence === null) continue;
    if (f.value === expected) {
      f.confidence = round1(Math.min(99, f.confidence + AGREE_BONUS));
      id.confidence = round1(Math.min(99, (id.confidence ?? 0) + AGREE_BONUS / 2));
    } else {
      const weaker = f.confidence <= (id.confidence ?? 0) ? f : id;
      weaker.confidence = round1((weaker.confidence ?? 0) * DISAGREE_FACTOR);
      f.valid = false;
      f.issue = why;
    }
  }
  // After the agreements: a date taken from the ID number is no second witness to it.
  birthDateFromId(fields, parsed.info.birthDate, id.confidence ?? 0);
}

/** A date taken from the ID number is offered, never sure: the clerk looks at it. */
const FROM_ID_CAP = 80;

/**
 * A birth date read but not readable as a date (a digit or a separator lost: 1979.06 2) is
 * taken from a valid ID number when every digit that was read agrees with it, in order
 * from its start — like 性别 from its sex digit. Anything else read there stays a failure.
 */
function birthDateFromId(fields: Scored[], fromId: string, idConfidence: number): void {
  const f = fields.find((x) => x.key === 'birthDate' && x.confidence !== null && !x.valid);
  if (!f) return;
  const digits = f.raw.replace(/\D/gu, '');
  if (digits.length < 6 || !fromId.startsWith(digits)) return;
  f.issue = `按公民身份号码推定为“${fromId}”（原识别为“${f.raw}”）`;
  f.value = fromId;
  f.valid = true;
  f.corrected = true;
  f.confidence = round1(Math.min(FROM_ID_CAP, idConfidence));
}
