/**
 * Checks and normalises a value read from a form zone. OCR confuses a few shapes (O/0,
 * l/1, S/5, B/8 …); those are mapped back before checking. A 公民身份号码 whose check
 * digit fails is corrected only when exactly one single-digit change makes it pass and
 * agrees with the rest of the form: two candidates mean the clerk decides.
 */
import type { EnumList, FieldKind } from '../../contract/forms';
import { isValidYmd } from '../catalogue';
import { editDistance } from '../ocr';
import { checkDigit, parseIdNumber } from '../persons';
import { halfWidth } from '../importer';
import { checkArchiveCode } from './archive-code-check';
import { plausibleDate } from './date-plausible';
import { checkPersonList } from './person-list-check';
import { expandShortForm, VOCAB } from './vocab';

export interface Checked {
  value: string;
  valid: boolean;
  /** Shown to the clerk: why it failed, or what was changed. */
  issue: string | null;
  /** True when validation changed more than the formatting (a corrected digit, a snapped word). */
  corrected: boolean;
}

const DIGIT_LOOKALIKES: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  I: '1',
  l: '1',
  '|': '1',
  i: '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  B: '8',
  g: '9',
  q: '9',
  b: '6',
  G: '6',
};

/** Digits with look-alike letters mapped back and separators dropped. */
export function digitsOf(raw: string, keepX = false): string {
  let out = '';
  for (const c of halfWidth(raw)) {
    if (c >= '0' && c <= '9') out += c;
    else if (keepX && (c === 'X' || c === 'x' || c === '×')) out += 'X';
    else if (DIGIT_LOOKALIKES[c]) out += DIGIT_LOOKALIKES[c];
  }
  return out;
}

const ok = (value: string, corrected = false, issue: string | null = null): Checked => ({
  value,
  valid: true,
  issue,
  corrected,
});
const bad = (value: string, issue: string): Checked => ({ value, valid: false, issue, corrected: false });

export interface FieldContext {
  /** The form's sex and birth date as read, to cross-check an ID number. */
  sex?: string;
  birthDate?: string;
}

export function checkIdNumber(raw: string, ctx: FieldContext = {}): Checked {
  const s = digitsOf(raw, true);
  if (!s) return bad('', '未识别到公民身份号码');
  if (s.length === 17) {
    // One digit lost (a recogniser drops one of two alike, or a faint one): put back only
    // when exactly one number fits the check digit and the form's own birth date and sex.
    const found = droppedDigitRepairs(s).filter((c) => agrees(c, ctx));
    if (ctx.birthDate && /^\d{8}$/.test(ctx.birthDate) && found.length === 1)
      return ok(found[0]!, true, `已按出生日期和校验位补回漏识的一位数字（原识别为 ${s}）`);
  }
  if (s.length !== 18) return bad(s, `公民身份号码应为18位，识别到${s.length}位`);
  const parsed = parseIdNumber(s);
  if (parsed.ok) return ok(parsed.info.normalized);
  const candidates = singleDigitRepairs(s).filter((c) => agrees(c, ctx));
  if (candidates.length === 1) return ok(candidates[0]!, true, `已按校验位更正一位数字（原识别为 ${s}）`);
  if (candidates.length > 1)
    return bad(s, `${parsed.reason}；有${candidates.length}种单位更正均可通过校验，请人工核对`);
  return bad(s, parsed.reason);
}

/** Every number one character away from `s` that passes GB 11643 (date and check digit). */
function singleDigitRepairs(s: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < 18; i++) {
    const options = i === 17 ? '0123456789X' : '0123456789';
    for (const c of options) {
      if (c === s[i]) continue;
      const cand = s.slice(0, i) + c + s.slice(i + 1);
      if (i < 17 && checkDigit(cand) !== cand[17]) continue;
      if (parseIdNumber(cand).ok) found.push(cand);
    }
  }
  return found;
}

/** Every 18-digit number that passes GB 11643 and reads as `s` with one character left out. */
function droppedDigitRepairs(s: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i <= 17; i++)
    for (const c of i === 17 ? '0123456789X' : '0123456789') {
      const cand = s.slice(0, i) + c + s.slice(i);
      if (parseIdNumber(cand).ok) found.add(cand);
    }
  return [...found];
}

const agrees = (id: string, ctx: FieldContext): boolean => {
  const p = parseIdNumber(id);
  if (!p.ok) return false;
  if (ctx.birthDate && /^\d{8}$/.test(ctx.birthDate) && p.info.birthDate !== ctx.birthDate) return false;
  if ((ctx.sex === '男' || ctx.sex === '女') && p.info.sex !== ctx.sex) return false;
  return true;
};

/** `1985年3月12日`, `1985.03.12`, `1985-3-12`, `19850312` → `19850312`, when it is a real date. */
export function checkDate(raw: string): Checked {
  const s = halfWidth(raw).replace(/\s+/g, '');
  if (!s) return ok('');
  const parts = s.match(/(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})/);
  let ymd = '';
  if (parts) ymd = parts[1]! + parts[2]!.padStart(2, '0') + parts[3]!.padStart(2, '0');
  else {
    const d = digitsOf(s);
    if (d.length === 8) ymd = d;
  }
  if (!ymd) return bad(s, '日期无法识别，应为“年月日”');
  if (!isValidYmd(ymd)) return bad(ymd, `不是有效日期：${ymd}`);
  return ok(ymd);
}

export function checkSex(raw: string, ctx: FieldContext & { idNumber?: string }): Checked {
  const s = raw.replace(/\s+/g, '');
  if (!s) return ok('');
  const value = s.includes('女') ? '女' : s.includes('男') ? '男' : '';
  const id = ctx.idNumber ? parseIdNumber(ctx.idNumber) : null;
  // An unreadable 男/女 is taken from a valid ID number (its 17th digit), and says so.
  if (!value && id?.ok) return ok(id.info.sex, true, `按公民身份号码推定为“${id.info.sex}”（原识别为“${s}”）`);
  if (!value) return bad(s, '性别只能是“男”或“女”');
  if (id?.ok && id.info.sex !== value) return bad(value, `性别与公民身份号码不符（号码显示为${id.info.sex}）`);
  return ok(value, value !== s);
}

/**
 * Characters OCR mistakes for one another in these forms' words: chi_sim's look-alikes,
 * and digits read for the Latin capitals of a blood type (0型 for O型, A8型 for AB型).
 */
const LOOKALIKES = ['木本', '未末', '己已', '士土', '入人', '主生', '曰日', '大太', '0O', '8B'];
const LOOKALIKE_SET = new Set(LOOKALIKES.flatMap(([a, b]) => [a! + b!, b! + a!]));

/** Same length, and every differing character is a known look-alike of the other. */
function onlyLookalikes(read: string, word: string): boolean {
  if (read.length !== word.length) return false;
  return [...read].every((c, i) => c === word[i] || LOOKALIKE_SET.has(c + word[i]));
}

/**
 * Punctuation and ruling fragments at either end of a cell's value (未婚:, 公司职员,):
 * the cell's neighbours and dust, never part of a name, word or address.
 */
export const stripStray = (s: string): string =>
  s.replace(/^[|丨_\-—.。,，:：;；、'"`]+|[|丨_\-—.。,，:：;；、'"`]+$/g, '');

/** Snaps to the list entry within a small edit distance; anything further is left for the clerk. */
export function checkEnum(raw: string, list: EnumList): Checked {
  const s = expandShortForm(list, stripStray(halfWidth(raw).replace(/\s+/g, '')));
  if (!s) return ok('');
  const vocab = VOCAB[list];
  if (vocab.includes(s)) return ok(s, s !== raw.replace(/\s+/g, ''));
  let bestD = Infinity;
  let tied: string[] = [];
  for (const v of vocab) {
    const d = editDistance(s, v);
    if (d < bestD) [bestD, tied] = [d, [v]];
    else if (d === bestD) tied.push(v);
  }
  // Equally near words are told apart only by a known look-alike (大学木科 → 大学本科, not 专科).
  const lookalike = tied.length > 1 ? tied.filter((v) => onlyLookalikes(s, v)) : tied;
  const best = lookalike.length === 1 ? lookalike[0]! : tied[0]!;
  const ties = lookalike.length === 1 ? 1 : tied.length;
  // One-character words (子, 妻) are only taken when read exactly; a two-character word
  // (户生 → 户主) only when no other listed word is as near (畹族 could be any X族).
  const allowed =
    best.length === 1 ? 0 : best.length === 2 ? (ties === 1 ? 1 : 0) : Math.max(1, Math.floor(best.length / 3));
  if (bestD <= allowed && ties === 1) return ok(best, true, `已按标准取值更正（原识别为“${s}”）`);
  return bad(s, `不在标准取值表中：${vocab.slice(0, 8).join('、')}${vocab.length > 8 ? '…' : ''}`);
}

/** Names: CJK only (a misread ruling fragment like `|` or `一` at either end is dropped). */
function checkName(raw: string): Checked {
  const s = raw.replace(/\s+/g, '').replace(/^[|丨一_\-—.。,，:：]+|[|丨一_\-—.。,，:：]+$/g, '');
  if (!s) return ok('');
  if (!/^[\u3400-\u9fff·]{2,6}$/.test(s)) return bad(s, '姓名应为2至6个汉字');
  return ok(s);
}

/** Dispatches on the field's kind; `ctx` carries the other fields for cross-checks. */
export function checkField(
  kind: FieldKind,
  raw: string,
  opts: { enumOf?: EnumList; required?: boolean; thisYear?: number } & FieldContext & { idNumber?: string },
): Checked {
  let r: Checked;
  switch (kind) {
    case 'idNumber':
      r = checkIdNumber(raw, opts);
      if (!raw.trim()) r = ok('');
      break;
    case 'date': {
      r = checkDate(raw);
      const p = r.valid && r.value ? plausibleDate(r.value, opts.thisYear ?? new Date().getFullYear()) : null;
      if (p && !p.ok) r = bad(r.value, p.issue);
      else if (p?.fixedFrom) r = ok(p.value, true, `已更正年份中的一位数字（原识别为 ${p.fixedFrom}）`);
      break;
    }
    case 'sex':
      r = checkSex(raw, opts);
      break;
    case 'enum':
      r = opts.enumOf ? checkEnum(raw, opts.enumOf) : ok(raw.trim());
      break;
    case 'digits': {
      const d = digitsOf(raw);
      r = d.length || !raw.trim() ? ok(d) : bad(raw.trim(), '应为数字');
      break;
    }
    case 'name':
      r = checkName(raw);
      break;
    case 'block':
      r = ok(raw.trim());
      break;
    case 'personList': {
      const c = checkPersonList(raw, (id) => checkIdNumber(id));
      r = c.valid ? ok(c.value) : bad(c.value, c.issue ?? '人员名单无法识别');
      break;
    }
    case 'archiveCode': {
      const c = checkArchiveCode(raw);
      r = c.valid ? ok(c.value, c.issue !== null, c.issue) : bad(c.value, c.issue ?? '档号无法识别');
      break;
    }
    default:
      r = ok(stripStray(raw.replace(/\s+/g, '')));
  }
  if (opts.required && !r.value) return bad('', '必填项为空');
  return r;
}
