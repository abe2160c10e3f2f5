import type { FieldDef } from '../../contract/domain';
import { AppError } from '../kernel';
import { parseIdNumber } from '../persons';
import { isValidYmd } from './dates';

/** Checks a category's extra-field values against their definitions; returns the cleaned map. */
export function validateExtra(defs: FieldDef[], extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const known = new Map(defs.map((d) => [d.key, d]));
  for (const key of Object.keys(extra)) {
    if (!known.has(key))
      throw new AppError('VALIDATION_FAILED', `该门类没有字段“${key}”`, [
        { path: ['extra', key], message: '未定义的字段' },
      ]);
  }
  for (const d of defs) {
    const v = (extra[d.key] ?? '').trim();
    const err = (message: string) =>
      new AppError('VALIDATION_FAILED', `${d.label}：${message}`, [{ path: ['extra', d.key], message }]);
    if (!v) {
      if (d.required) throw err('必填');
      continue;
    }
    if (d.type === 'date' && !isValidYmd(v)) throw err('日期格式应为 YYYYMMDD 且为真实日期');
    if (d.type === 'number' && !/^-?\d+(\.\d+)?$/.test(v)) throw err('应为数字');
    if (d.type === 'enum' && !(d.options ?? []).includes(v)) throw err(`只能是：${(d.options ?? []).join('、')}`);
    if (d.type === 'idNumber') {
      const r = parseIdNumber(v);
      if (!r.ok)
        throw new AppError('INVALID_ID_NUMBER', `${d.label}：${r.reason}`, [
          { path: ['extra', d.key], message: r.reason },
        ]);
      out[d.key] = r.info.normalized;
      continue;
    }
    out[d.key] = v;
  }
  return out;
}
