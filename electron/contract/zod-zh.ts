/**
 * One Chinese error map for every zod schema of the contract, installed globally on import.
 * A schema's own `{ error: '…' }` still wins (zod asks it first); this map only replaces
 * zod's English defaults ("Invalid input: expected string, received number", "Too big",
 * "Unrecognized key"), naming the field from the issue's path through FIELD_LABELS.
 * index.ts and methods.ts import this file first, so it is in place before any parse in
 * the core (dispatch) and in the renderer. zod's own zh-CN locale is not used: its
 * messages read as "无效输入：期望 string，实际接收 number" and never name the field.
 */
import { z } from 'zod';
import { FIELD_LABELS } from './field-labels';

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否（true/false）',
  object: '一组字段（对象）',
  record: '一组字段（对象）',
  array: '列表',
  tuple: '列表',
  set: '列表',
  map: '一组字段（对象）',
  date: '日期',
  null: '空值',
  file: '文件',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '电子邮件地址',
  url: '网址',
  uuid: 'UUID',
  datetime: 'ISO 日期时间',
  date: 'ISO 日期',
  time: 'ISO 时间',
  base64: 'base64 编码',
  base64url: 'base64url 编码',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  json_string: 'JSON 文字',
};

/** `['persons', 0, 'name']` → `当事人第1项 · 名称`; `[]` → `` (the whole input). */
export function fieldName(path: readonly PropertyKey[]): string {
  const words: string[] = [];
  let prev = '';
  for (const p of path) {
    if (typeof p === 'number') {
      words.push(`${words.pop() ?? ''}第${p + 1}项`);
      continue;
    }
    const key = String(p);
    words.push(FIELD_LABELS[`${prev}.${key}`] ?? FIELD_LABELS[key] ?? key);
    prev = key;
  }
  return words.join(' · ');
}

const show = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const list = (vs: readonly unknown[]): string => vs.map(show).join('、');

/** The values an `invalid_union` of literals would accept, or null when the branches are not all plain values. */
function unionValues(iss: Issue): unknown[] | null {
  if (iss.code !== 'invalid_union' || !('errors' in iss) || !iss.errors.length) return null;
  const values: unknown[] = [];
  for (const branch of iss.errors) {
    const only = branch.length === 1 ? branch[0] : undefined;
    if (only?.code !== 'invalid_value') return null;
    values.push(...only.values);
  }
  return values;
}

function sizeUnit(origin: string | undefined): string {
  if (origin === 'string') return '个字符';
  if (origin === 'array' || origin === 'set' || origin === 'map') return '项';
  if (origin === 'file') return '字节';
  return '';
}

/** The Chinese text of one issue; `who` is `「字段」` or empty at the top level. */
function describe(iss: Issue, who: string): string {
  const subject = who || '输入内容';
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined && who) return `请填写${who}`;
      return `${subject}应为${TYPE_NAMES[iss.expected] ?? iss.expected}`;
    }
    case 'too_big': {
      const unit = sizeUnit(iss.origin);
      const max = String(iss.maximum);
      if (unit) return `${subject}不能超过 ${max} ${unit}`;
      return iss.inclusive ? `${subject}不能大于 ${max}` : `${subject}应小于 ${max}`;
    }
    case 'too_small': {
      const unit = sizeUnit(iss.origin);
      const min = String(iss.minimum);
      if (unit === '个字符' && min === '1') return who ? `请填写${who}` : '内容不能为空';
      if (unit) return `${subject}至少需要 ${min} ${unit}`;
      return iss.inclusive ? `${subject}不能小于 ${min}` : `${subject}应大于 ${min}`;
    }
    case 'invalid_value':
      return iss.values.length === 1
        ? `${subject}只能是 ${show(iss.values[0])}`
        : `${subject}只能是以下之一：${list(iss.values)}`;
    case 'invalid_format': {
      if (iss.format === 'regex') return `${subject}格式不正确`;
      const name = FORMAT_NAMES[iss.format];
      return name ? `${subject}应为${name}` : `${subject}格式不正确`;
    }
    case 'not_multiple_of':
      return `${subject}应为 ${String(iss.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `${who}含有未知的字段：${iss.keys.join('、')}`;
    case 'invalid_key':
      return `${subject}中有无效的键`;
    case 'invalid_element':
      return `${subject}中有无效的值`;
    case 'invalid_union': {
      const values = unionValues(iss);
      return values ? `${subject}只能是以下之一：${list(values)}` : `${subject}的内容不符合要求`;
    }
    default:
      return `${subject}的内容不符合要求`;
  }
}

/** The map itself, exported for tests; installed below for every schema in this process. */
export const zhErrorMap = (iss: Issue): string => {
  const name = fieldName(iss.path ?? []);
  return describe(iss, name ? `「${name}」` : '');
};

z.config({ customError: zhErrorMap });
