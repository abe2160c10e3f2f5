/**
 * A 档号 read from a form (the lending register's 档号 column). Its shape is fixed by
 * DA/T 22: 全宗号-门类代码·年度-保管期限[-机构]-件号, e.g. Z129-ZY·HJ·1995-Y-052. OCR
 * confuses the separators (· read as . - 「 or lost) and look-alike characters (Z/2,
 * O/0, S/5); both are repaired from the position a character stands in: the class code
 * is letters, the year and the serial are digits. The 全宗号 mixes letters and digits,
 * so it is left as read (the clerk sees it flagged when it is not the station's).
 */
import { halfWidth } from '../importer';

export interface CodeCheck {
  value: string;
  valid: boolean;
  issue: string | null;
}

const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '7': 'Z', '8': 'B', '6': 'G' };
const TO_DIGIT: Record<string, string> = { O: '0', D: '0', Q: '0', I: '1', L: '1', Z: '2', S: '5', B: '8', G: '6' };
const RETENTIONS = ['Y', 'D30', 'D10', 'C', 'D'];

const letters = (s: string) => [...s].map((c) => TO_LETTER[c] ?? c).join('');
const digits = (s: string) => [...s].map((c) => TO_DIGIT[c] ?? c).join('');

export function checkArchiveCode(raw: string): CodeCheck {
  const runs = halfWidth(raw)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean)
    // A lost dot before the year (ZYHJ1998): the year splits off the class code.
    .flatMap((r, i) => {
      const m = i > 0 ? /^([A-Z0-9]*[A-Z])((?:19|20)\d\d)$/.exec(r) : null;
      return m ? [m[1]!, m[2]!] : [r];
    });
  if (runs.length === 0) return { value: '', valid: true, issue: null };
  const asRead = raw.replace(/\s+/g, '');
  // The year is the first run after the 全宗号 that reads as four digits from 1900 to 2099.
  const yearAt = runs.findIndex((r, i) => i >= 2 && /^(19|20)\d\d$/.test(digits(r)));
  if (yearAt < 0 || runs.length < yearAt + 3)
    return { value: asRead, valid: false, issue: '档号格式应为 全宗号-门类代码·年度-保管期限-件号' };
  const fonds = runs[0]!;
  // Class codes are two letters a level (ZY·HJ·QR); a run of four letters lost its dot.
  const classes = runs
    .slice(1, yearAt)
    .map(letters)
    .flatMap((r) => (r.length > 2 && r.length % 2 === 0 ? (r.match(/../g) ?? [r]) : [r]));
  const year = digits(runs[yearAt]!);
  // 保管期限: a letter, then the years as digits (Y, D30, D10).
  const period = runs[yearAt + 1]!;
  const retention = letters(period[0]!.replace('0', 'D')) + digits(period.slice(1));
  const middle = runs.slice(yearAt + 2, -1);
  const serial = digits(runs.at(-1)!);
  const value = [fonds, `${classes.join('·')}·${year}`, retention, ...middle, serial].join('-');
  if (!classes.every((c) => /^[A-Z]{1,4}$/.test(c)) || !/^\d{1,6}$/.test(serial))
    return { value, valid: false, issue: '档号中的门类代码或件号无法识别' };
  if (!RETENTIONS.some((r) => retention === r || /^D\d{2}$/.test(retention)))
    return { value, valid: false, issue: `保管期限“${retention}”不是 Y、D30、D10 之一` };
  return { value, valid: true, issue: value === asRead ? null : `已按档号格式更正（原识别为“${asRead}”）` };
}
