/**
 * Clean-up of OCR text. Tesseract's Chinese models put a space between every pair of
 * recognised characters ("常 住 人 口"); Chinese has no word spaces, so those are noise
 * that breaks phrase search and field parsing. Spaces between Latin words are real and
 * stay; line breaks stay too.
 */

/**
 * Han ideographs, CJK symbols and punctuation (、。「」…), full-width forms (，：（）０-９),
 * the curly quotes, dashes and ellipsis Chinese text uses, and the middle dot of names
 * and 档号.
 */
const CJK = '\\p{Script=Han}\\u2014-\\u2026\\u00b7\\u3000-\\u303f\\uff00-\\uffef';

/**
 * Runs of horizontal whitespace between two CJK characters, or between a CJK character
 * and an ASCII digit (Tesseract writes "2021 年 5 月"; printed Chinese never does).
 */
const BETWEEN = new RegExp(
  `(?<=[${CJK}])[^\\S\\r\\n]+(?=[${CJK}])|(?<=[${CJK}])[^\\S\\r\\n]+(?=[0-9])|(?<=[0-9])[^\\S\\r\\n]+(?=[${CJK}])`,
  'gu',
);

/** Deletes the spaces Tesseract puts between CJK characters; keeps them between Latin words and numbers. */
export function stripCjkSpaces(text: string): string {
  return text.replace(BETWEEN, '');
}

/**
 * Levenshtein distance over code points, two rows of a Uint32Array: pages are at most a
 * few thousand characters, so O(n·m) time is fine and memory stays O(m).
 */
export function levenshtein(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ca === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Edit distance between two strings, by code point (a CJK character counts once). */
export const editDistance = (a: string, b: string): number => levenshtein([...a], [...b]);
