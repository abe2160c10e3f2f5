/** 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check digit. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export interface IdNumberInfo {
  normalized: string;
  birthDate: string;
  sex: '男' | '女';
}

/** Full-width digits and a lower-case x are accepted and normalised; anything else explains itself. */
export function parseIdNumber(raw: string): { ok: true; info: IdNumberInfo } | { ok: false; reason: string } {
  const s = raw
    .trim()
    .replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: '公民身份号码应为18位（前17位数字，末位为数字或X）' };
  if (!/^[1-8]/.test(s)) return { ok: false, reason: '公民身份号码的地区码无效' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, reason: '公民身份号码中的出生日期无效' };
  }
  if (checkDigit(s) !== s[17]) return { ok: false, reason: '公民身份号码校验位不正确' };
  return { ok: true, info: { normalized: s, birthDate: s.slice(6, 14), sex: Number(s[16]) % 2 === 1 ? '男' : '女' } };
}
