/**
 * Cell text → catalogue values. Each parser returns the value or a Chinese message the
 * clerk can act on; legacy spellings found in station ledgers are accepted here.
 */
import type { Retention, SecurityLevel } from '../../contract/domain';
import { parseIdNumber } from '../persons';

/** A failure may name the field it belongs to when the parser reads more than one column. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; field?: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string, field?: string): Parsed<never> =>
  field ? { ok: false, message, field } : { ok: false, message };

/** Full-width digits and letters (common when typed with a Chinese IME) become half-width. */
export const halfWidth = (s: string): string =>
  s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

const RETENTION_WORDS: Record<string, Retention> = {
  Y: 'Y',
  D30: 'D30',
  D10: 'D10',
  永久: 'Y',
  永: 'Y',
  定期30年: 'D30',
  '30年': 'D30',
  定期10年: 'D10',
  '10年': 'D10',
  // Before DA/T 22-2015 the periods were 永久/长期/短期; 长期 became 30 years, 短期 10 years.
  长期: 'D30',
  长: 'D30',
  短期: 'D10',
  短: 'D10',
};

export function parseRetention(raw: string): Parsed<Retention> {
  const s = halfWidth(raw).replace(/\s+/g, '').toUpperCase();
  const r = RETENTION_WORDS[s];
  return r ? ok(r) : bad(`无法识别“${raw}”，应为 永久、定期30年、定期10年（或 Y、D30、D10，旧称 长期、短期）`);
}

const SECURITY_WORDS: Record<string, SecurityLevel> = { 公开: 0, 无: 0, 内部: 1, 秘密: 2 };

export function parseSecurity(raw: string): Parsed<SecurityLevel | null> {
  const s = raw.replace(/\s+/g, '');
  if (!s) return ok(null);
  if (/^(机密|绝密)/.test(s)) return bad(`本系统不登记${s.slice(0, 2)}档案，请按保密规定另行管理`);
  const v = SECURITY_WORDS[s.replace(/★.*$/, '')];
  return v === undefined ? bad(`无法识别“${raw}”，应为 公开、内部 或 秘密`) : ok(v);
}

export function parseYear(raw: string): Parsed<number | null> {
  const s = halfWidth(raw).trim().replace(/年$/, '');
  if (!s) return ok(null);
  if (!/^\d{4}$/.test(s)) return bad(`“${raw}”不是四位年度`);
  const y = Number(s);
  return y < 1900 || y > 2100 ? bad('年度应在1900至2100之间') : ok(y);
}

export function parseCount(raw: string, label: string): Parsed<number | null> {
  const s = halfWidth(raw).trim();
  if (!s) return ok(null);
  if (!/^\d+$/.test(s) || Number(s) > 100000) return bad(`${label}应为0至100000的整数`);
  return ok(Number(s));
}

/** 件号 from a legacy 档号: its trailing digits (J001-WS·2011-Y-BGS-0012 → 12). */
export function itemNoFromCode(code: string): Parsed<number | null> {
  const s = halfWidth(code).trim();
  if (!s) return ok(null);
  const m = /(\d+)\D*$/.exec(s);
  if (!m || Number(m[1]) === 0) return bad(`无法从档号“${code}”末尾取得件号`);
  return ok(Number(m[1]));
}

export const splitList = (raw: string): string[] =>
  raw
    .split(/[、，,;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export interface PersonCell {
  name: string;
  idNumber: string | null;
}

/**
 * Excel keeps only 15 significant digits of a number: an ID typed into a numeric cell
 * comes back with its last three digits zeroed. Say so, since the fix is in the sheet;
 * a number with another wrong digit gets no such hint.
 */
const excelHint = (id: string): string =>
  /^\d{15}000$/.test(id) ? '；若该列在 Excel 中是“数字”格式，号码末几位已丢失，请改为“文本”格式后重新录入' : '';

/** Several persons in one cell, names and ID numbers paired by position. */
export function parsePersons(namesRaw: string, idsRaw: string): Parsed<PersonCell[]> {
  const names = splitList(namesRaw);
  const ids = splitList(halfWidth(idsRaw).replace(/\s+/g, ','));
  if (ids.length > names.length) {
    // A wrong number is the more useful thing to hear, even when the name is missing too.
    const wrong = ids.map((id) => [id, parseIdNumber(id)] as const).find(([, r]) => !r.ok);
    if (wrong && !wrong[1].ok) return bad(`${wrong[1].reason}（${wrong[0]}）${excelHint(wrong[0])}`, '公民身份号码');
    const why =
      names.length === 0 ? '有公民身份号码但没有姓名' : `姓名${names.length}个，公民身份号码却有${ids.length}个`;
    return bad(why, '姓名');
  }
  const out: PersonCell[] = [];
  for (const [i, name] of names.entries()) {
    if (name.length > 50) return bad(`姓名“${name.slice(0, 10)}…”超过50个字`, '姓名');
    const id = ids[i];
    if (!id) {
      out.push({ name, idNumber: null });
      continue;
    }
    const r = parseIdNumber(id);
    if (!r.ok) return bad(`${name}：${r.reason}（${id}）${excelHint(id)}`, '公民身份号码');
    out.push({ name, idNumber: r.info.normalized });
  }
  return ok(out);
}
