/**
 * 一键确认: which fields are sure enough to accept without a look, and the threshold that
 * says so. The threshold is this PC's clerk's choice, kept in localStorage like the last-used
 * 门类; the fields below it stay for the clerk.
 */
import type { FieldView } from '../../../../electron/contract';

export const DEFAULT_THRESHOLD = 90;
const KEY = 'dangan.verify.threshold';

export const clampThreshold = (n: number): number =>
  Number.isFinite(n) ? Math.min(100, Math.max(1, Math.round(n))) : DEFAULT_THRESHOLD;

export function readThreshold(): number {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw !== null && raw.trim() !== '') return clampThreshold(Number(raw));
  } catch {
    /* storage unavailable: the default */
  }
  return DEFAULT_THRESHOLD;
}

export function saveThreshold(n: number): void {
  try {
    localStorage.setItem(KEY, String(clampThreshold(n)));
  } catch {
    /* storage unavailable: kept for this session only */
  }
}

/**
 * The fields the one keystroke accepts: read (not 未识别, not an empty zone), passing their
 * check, at or above the threshold, and still showing what was read; plus those the clerk
 * has already confirmed on screen.
 */
export function sureKeys(
  fields: readonly FieldView[],
  values: Readonly<Record<string, string>>,
  confirmed: ReadonlySet<string>,
  threshold: number,
): string[] {
  return fields
    .filter(
      (f) =>
        confirmed.has(f.key) ||
        (f.confidence !== null &&
          f.confidence >= threshold &&
          f.valid &&
          !f.empty &&
          (values[f.key] ?? '') === (f.accepted ?? f.value)),
    )
    .map((f) => f.key);
}
