/**
 * The import template of a category: one column per field a clerk fills (built-in columns,
 * the person, then the category's extra fields), headed by the names the import maps by
 * itself, and one example row that imports as it is. 档号, 件号 and 机构代码 are left out:
 * the archive assigns them.
 */
import type { CategoryView, ExportFile } from '../../contract/dto';
import { ITEM_COLUMNS, RETENTION_LABELS, SECURITY_LABELS, type FieldDef } from '../../contract/domain';
import type { CoreContext } from '../kernel';
import { checkDigit } from '../persons';
import { PERSON_LABELS } from './headers';
import { textWorkbook, type TextColumn } from './workbook';

interface TemplateColumn extends TextColumn {
  /** The field the import maps this column to. */
  field: string;
  example: string;
}

const BUILT_IN = ['title', 'author', 'docNumber', 'date', 'year', 'retention', 'securityLevel', 'pageCount', 'remarks'];
const WIDTH: Record<string, number> = { title: 40, remarks: 24, date: 12, personIdNumber: 22 };

/** A made-up person with a valid 公民身份号码 (check digit computed, not hard-coded). */
const EXAMPLE_ID = ((first17: string) => first17 + checkDigit(first17))('11010519800101001');

export function templateColumns(category: CategoryView, today: Date): TemplateColumn[] {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${today.getFullYear()}-${p(today.getMonth() + 1)}-${p(today.getDate())}`;
  const examples: Record<string, string> = {
    title: `${category.name}档案示例题名（导入前请替换或删除本行）`,
    author: '城关派出所',
    docNumber: '城公〔示例〕1号',
    date: day,
    year: day.slice(0, 4),
    retention: RETENTION_LABELS[category.defaultRetention],
    securityLevel: SECURITY_LABELS[0],
    pageCount: '2',
    remarks: '示例',
  };
  const choices: Record<string, string[]> = {
    retention: Object.values(RETENTION_LABELS),
    securityLevel: Object.values(SECURITY_LABELS),
  };
  const cols: TemplateColumn[] = BUILT_IN.map((f) => ({
    field: f,
    header: ITEM_COLUMNS[f as keyof typeof ITEM_COLUMNS],
    example: examples[f]!,
    width: WIDTH[f],
    choices: choices[f],
  }));
  cols.push({ field: 'personName', header: PERSON_LABELS.personName, example: '张三', width: 12 });
  cols.push({
    field: 'personIdNumber',
    header: PERSON_LABELS.personIdNumber,
    example: EXAMPLE_ID,
    width: WIDTH.personIdNumber,
    note: '18位公民身份号码；多人时姓名和号码都用顿号“、”分隔，按顺序对应',
  });
  for (const f of category.effectiveFields) {
    cols.push({
      field: `extra.${f.key}`,
      header: f.label,
      example: extraExample(f, day),
      choices: f.type === 'enum' ? f.options : undefined,
      width: f.type === 'idNumber' ? WIDTH.personIdNumber : undefined,
      note: f.required ? '必填' : undefined,
    });
  }
  return cols;
}

function extraExample(f: FieldDef, day: string): string {
  switch (f.type) {
    case 'date':
      return day;
    case 'number':
      return '1';
    case 'enum':
      return f.options?.[0] ?? '';
    case 'idNumber':
      return EXAMPLE_ID;
    default:
      return /姓名|人$|者$/.test(f.label) ? '张三' : `${f.label}示例`;
  }
}

export async function importTemplate(ctx: CoreContext, category: CategoryView): Promise<ExportFile> {
  const cols = templateColumns(category, ctx.clock.now());
  const bytes = await textWorkbook('导入模板', cols, [cols.map((c) => c.example)]);
  const fileName = `导入模板-${category.fullCode}-${category.name}.xlsx`;
  return { fileName, base64: bytes.toString('base64'), rows: 1 };
}
