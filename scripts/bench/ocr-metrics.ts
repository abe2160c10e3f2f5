/**
 * Accuracy measures for OCR benchmarks: character error rate against a page's ground
 * truth, exact-match counts for form fields, and summary statistics. Pure functions, no I/O.
 */

import { levenshtein } from '../../electron/core/ocr';

const squeeze = (s: string) => [...s.replace(/\s+/g, '')];

/**
 * Character error rate: edits to turn the truth into the hypothesis over the truth's
 * length, both with all whitespace removed (line breaks and Tesseract's spaces between
 * CJK characters are layout, not content). Can exceed 1 when the hypothesis is much longer.
 */
export function cer(truth: string, hyp: string): number {
  const t = squeeze(truth);
  const h = squeeze(hyp);
  if (t.length === 0) return h.length === 0 ? 0 : 1;
  return levenshtein(t, h) / t.length;
}

export interface FieldInfo {
  key: string;
  kind: string;
  required?: boolean;
}

export interface FieldScore {
  /** Fields scored: non-empty truth, plus required fields left blank on the form. */
  total: number;
  exact: number;
  byKind?: Record<string, { total: number; exact: number }>;
  /** Keys that did not match, for a benchmark's detail output. */
  misses: string[];
}

/** Trims each line and joins multi-line values with '\n', so a block's layout whitespace does not count. */
const norm = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join('\n');

/**
 * Exact matches of a reader's field values against the truth. Blank optional fields are
 * not scored (there is nothing to read); a blank required field is, and it matches only
 * when the reader also returns it blank (so a missing 承办人 is flagged, not invented).
 * Pass the template's fields to know which are required and to split by kind.
 */
export function fieldExactMatch(
  truth: Record<string, string>,
  got: Record<string, string>,
  fields?: readonly FieldInfo[],
): FieldScore {
  const info = new Map(fields?.map((f) => [f.key, f]));
  const byKind: Record<string, { total: number; exact: number }> = {};
  const score: FieldScore = { total: 0, exact: 0, misses: [] };
  for (const [key, value] of Object.entries(truth)) {
    const f = info.get(key);
    const want = norm(value);
    if (!want && !f?.required) continue;
    const hit = norm(got[key]) === want;
    score.total++;
    if (hit) score.exact++;
    else score.misses.push(key);
    if (f) {
      const k = (byKind[f.kind] ??= { total: 0, exact: 0 });
      k.total++;
      if (hit) k.exact++;
    }
  }
  if (fields) score.byKind = byKind;
  return score;
}

export const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** The q-quantile (0–1) by linear interpolation between order statistics. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const p50 = (xs: readonly number[]): number => quantile(xs, 0.5);
export const p95 = (xs: readonly number[]): number => quantile(xs, 0.95);

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

export const summarize = (xs: readonly number[]): Summary => ({
  n: xs.length,
  mean: mean(xs),
  p50: p50(xs),
  p95: p95(xs),
  max: xs.length ? Math.max(...xs) : NaN,
});

/** A field as scored for calibration: its confidence (null = 未识别) and whether its value is exactly right. */
export interface Judged {
  confidence: number | null;
  exact: boolean;
}

/** Confidence bands of the calibration table: [label, lowest included, highest excluded]. */
export const CALIBRATION_BANDS: readonly [string, number, number][] = [
  ['<50', -Infinity, 50],
  ['50–70', 50, 70],
  ['70–90', 70, 90],
  ['90–95', 90, 95],
  ['≥95', 95, Infinity],
];

export interface BandRow {
  band: string;
  fields: number;
  exact: number;
  /** exact / fields; null for an empty band. */
  share: number | null;
}

const row = (band: string, xs: readonly Judged[]): BandRow => {
  const exact = xs.filter((x) => x.exact).length;
  return { band, fields: xs.length, exact, share: xs.length ? exact / xs.length : null };
};

/**
 * Confidence band → share exactly right, with a `null` row for fields reported 未识别 and a
 * `≥90` row, the one the target is judged on (at least 99% exactly right).
 */
export function calibrationTable(xs: readonly Judged[]): BandRow[] {
  const scored = xs.filter((x) => x.confidence !== null) as { confidence: number; exact: boolean }[];
  return [
    row(
      'null',
      xs.filter((x) => x.confidence === null),
    ),
    ...CALIBRATION_BANDS.map(([band, lo, hi]) =>
      row(
        band,
        scored.filter((x) => x.confidence >= lo && x.confidence < hi),
      ),
    ),
    row(
      '≥90',
      scored.filter((x) => x.confidence >= 90),
    ),
  ];
}
