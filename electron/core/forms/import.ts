/**
 * A template file as a clerk brings it: parsed and checked by the same schema that guards
 * `forms.templates.save`, with zod's Chinese messages for the generic checks (the schema's
 * own messages are Chinese already) and the place of the first problem named in words.
 */
import { zhCN } from 'zod/locales';
import { zFormTemplate, type FormTemplate } from '../../contract/forms';
import { AppError } from '../kernel';

const PARTS: Record<string, string> = {
  id: '模板标识',
  name: '模板名称',
  version: '版本',
  titles: '打印标题',
  page: '页面尺寸',
  frame: '表格外框',
  labels: '印刷标签',
  fields: '字段',
  itemTitle: '档案题名格式',
  key: '字段键',
  label: '中文名称',
  box: '位置',
  kind: '类型',
  enumOf: '取值表',
  required: '必填',
  target: '填入位置',
};

/** `['fields', 2, 'key']` → `字段 3 · 字段键`. */
export function describePath(path: readonly PropertyKey[]): string {
  const words: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') {
      const last = words.pop() ?? '';
      words.push(`${last} ${p + 1}`.trim());
    } else words.push(PARTS[String(p)] ?? String(p));
  }
  return words.join(' · ');
}

export function parseTemplateFile(text: string): FormTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, '')); // Notepad saves UTF-8 with a BOM
  } catch {
    throw new AppError('TEMPLATE_INVALID', '模板文件不是有效的 JSON 文件');
  }
  const r = zFormTemplate.safeParse(raw, { error: zhCN().localeError });
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
  const first = r.error.issues[0]!;
  const where = describePath(first.path);
  throw new AppError('TEMPLATE_INVALID', `模板文件无效：${where ? `${where}：` : ''}${first.message}`, issues);
}
