/**
 * What a batch of scanned forms would become (批量生成档案): one record per verified form
 * page, in the category its template maps to (`template.record`), its columns, extra
 * fields and persons filled from the accepted values by each field's `target`, 年度 from
 * the form's own date. Pages that cannot become a record say why. The same plan is
 * shown to the clerk and, recomputed inside the write transaction, written.
 */
import { and, eq } from 'drizzle-orm';
import { persons } from '../../../db/schema/catalogue';
import { pageFields, pages, scanBatches } from '../../../db/schema/scan';
import type { BatchRecordPerson, BatchRecordRow } from '../../contract/batch-records';
import type { CategoryView } from '../../contract/dto';
import type { FormTemplate } from '../../contract/forms';
import { schemas } from '../../contract';
import { PAGE_ORDER, selectPages, visiblePages, type OwnedPage } from './pages';
import { normalizeDate, validateExtra, type NewItem } from '../catalogue';
import { type CoreContext, AppError } from '../kernel';
import { parseIdNumber } from '../persons';
import { loadScheme } from '../scheme';
import { findTemplate } from '../forms';

export interface PagePlan extends BatchRecordRow {
  /** The item to create; null when the page cannot become one. */
  input: NewItem | null;
}

const pageNameOf = (p: OwnedPage): string =>
  p.format === 'pdf' || p.format === 'tiff' ? `${p.originalName} 第 ${p.originalPage + 1} 页` : p.originalName;

/** The values the clerk accepted (or, before that, as read), by field key. */
function valuesOf(ctx: CoreContext, pageId: string): Map<string, string> {
  const rows = ctx.orm
    .select({ key: pageFields.key, value: pageFields.value, accepted: pageFields.accepted })
    .from(pageFields)
    .where(eq(pageFields.pageId, pageId))
    .all();
  return new Map(rows.map((r) => [r.key, (r.accepted ?? r.value).trim()]));
}

/** "姓名 关系 公民身份号码" lines of a person list (随迁人员). */
function listedPersons(value: string): { name: string; idNumber: string | null }[] {
  return value
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((parts) => parts[0])
    .map((parts) => ({ name: parts[0]!, idNumber: parts.length > 2 ? parts.at(-1)! : null }));
}

export function loadBatchPages(ctx: CoreContext, batchId: string, clearance: number): OwnedPage[] {
  const batch = ctx.orm.select({ id: scanBatches.id }).from(scanBatches).where(eq(scanBatches.id, batchId)).get();
  if (!batch) throw new AppError('NOT_FOUND', '扫描批次不存在');
  return selectPages(ctx)
    .where(visiblePages(clearance, and(eq(pages.batchId, batchId), eq(pages.skipped, 0))))
    .orderBy(...PAGE_ORDER)
    .all();
}

export function planBatch(ctx: CoreContext, batchId: string, clearance: number): PagePlan[] {
  const byCode = new Map(loadScheme(ctx).list.map((c) => [c.fullCode, c]));
  const isKnown = (idNumber: string) =>
    ctx.orm.select({ id: persons.id }).from(persons).where(eq(persons.idNumber, idNumber)).get() !== undefined;
  // A person met on an earlier page of the batch is created once, then reused.
  const planned = new Set<string>();
  return loadBatchPages(ctx, batchId, clearance).map((p) => {
    const plan = planPage(ctx, p, byCode);
    for (const person of plan.persons) {
      if (!person.idNumber) continue;
      person.existing = planned.has(person.idNumber) || isKnown(person.idNumber);
      if (plan.creatable) planned.add(person.idNumber);
    }
    return plan;
  });
}

function planPage(ctx: CoreContext, p: OwnedPage, byCode: Map<string, CategoryView>): PagePlan {
  const row: PagePlan = {
    pageId: p.id,
    seq: p.seq,
    pageName: pageNameOf(p),
    template: null,
    category: null,
    title: '',
    date: '',
    year: null,
    persons: [],
    warnings: [],
    blockers: [],
    creatable: false,
    input: null,
  };
  const block = (why: string): PagePlan => ({ ...row, blockers: [...row.blockers, why] });
  if (p.itemId || p.volumeId) return block(`已挂接到 ${p.ownerCode ?? '其他档案'}`);
  if (p.ocrStatus !== 'done') return block('尚未完成文字识别');
  if (!p.templateId) return block(p.templateNote ?? '未识别出表单，只有文字');
  let t: FormTemplate;
  try {
    t = findTemplate(ctx, p.templateId);
  } catch {
    return block(`表单模板“${p.templateId}”已删除`);
  }
  row.template = { id: t.id, name: t.name };
  const category = t.record ? byCode.get(t.record.category) : undefined;
  if (!t.record) return block(`表单“${t.name}”未设置对应门类`);
  if (!category) return block(`表单“${t.name}”对应的门类 ${t.record.category} 不存在`);
  row.category = { id: category.id, fullCode: category.fullCode, name: category.name };
  if (p.verifyStatus !== 'verified') row.blockers.push('字段尚未核对');
  if (category.arrangement === 'volume') row.blockers.push(`“${category.name}”按卷整理，请从案卷中挂接`);

  const values = valuesOf(ctx, p.id);
  const filled = fillFrom(t, category, values);
  // Stored YYYYMMDD (the catalogue's convention), shown YYYY-MM-DD; 年度 is the form's year.
  const ymd = filled.date ? normalizeDate(filled.date) : null;
  row.title = filled.title;
  row.warnings.push(...filled.warnings);
  row.blockers.push(...filled.blockers);
  if (ymd) {
    row.date = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
    row.year = Number(ymd.slice(0, 4));
  } else if (filled.date) row.blockers.push(`表单日期“${filled.date}”无效，无法确定年度`);
  else row.blockers.push('缺少表单日期，无法确定年度');
  row.persons = filled.persons.map((x): BatchRecordPerson => ({ ...x, existing: false }));
  if (row.blockers.length > 0 || row.year === null) return row;
  try {
    const extra = validateExtra(category.effectiveFields, filled.extra);
    row.input = schemas.zCreateItem.parse({
      categoryId: category.id,
      year: row.year,
      orgCode: '',
      title: filled.title,
      author: filled.author,
      docNumber: filled.docNumber,
      date: ymd,
      pageCount: 1,
      extra,
      persons: filled.persons,
    });
  } catch (e) {
    row.blockers.push(e instanceof AppError ? e.message : '表单内容不符合该门类的要求');
    return row;
  }
  row.creatable = true;
  return row;
}

interface Filled {
  title: string;
  date: string;
  author: string;
  docNumber: string;
  extra: Record<string, string>;
  persons: { name: string; idNumber: string | null }[];
  warnings: string[];
  blockers: string[];
}

/** The item's values from the form's, by each field's target. */
function fillFrom(t: FormTemplate, category: CategoryView, values: Map<string, string>): Filled {
  const known = new Set(category.effectiveFields.map((f) => f.key));
  const out: Filled = {
    title: '',
    date: '',
    author: '',
    docNumber: '',
    extra: {},
    persons: [],
    warnings: [],
    blockers: [],
  };
  for (const [k, v] of Object.entries(t.record?.extra ?? {})) if (known.has(k)) out.extra[k] = v;
  const person = { name: '', idNumber: null as string | null };
  for (const f of t.fields) {
    const v = values.get(f.key) ?? '';
    if (!v) {
      if (f.required) out.warnings.push(`必填项“${f.label}”为空`);
      continue;
    }
    if (f.kind === 'personList') out.persons.push(...listedPersons(v));
    if (f.target === 'item.title') out.title = v;
    else if (f.target === 'item.date') out.date = v;
    else if (f.target === 'item.docNumber') out.docNumber = v;
    else if (f.target === 'item.author') out.author = v;
    else if (f.target === 'person.name') person.name = v;
    else if (f.target === 'person.idNumber') person.idNumber = v;
    else if (f.target?.startsWith('extra.') && known.has(f.target.slice(6))) out.extra[f.target.slice(6)] = v;
  }
  if (person.idNumber) {
    const id = parseIdNumber(person.idNumber);
    if (id.ok) person.idNumber = id.info.normalized;
    else out.blockers.push(`公民身份号码无效：${id.reason}`);
  }
  if (person.name) out.persons.unshift(person);
  else out.warnings.push('未识别到人员姓名');
  // 一人一档 by number: a listed person whose number does not check out is linked by name only.
  out.persons = out.persons.map((x, i) => {
    if ((i === 0 && person.name) || !x.idNumber) return x;
    const id = parseIdNumber(x.idNumber);
    if (id.ok) return { name: x.name, idNumber: id.info.normalized };
    out.warnings.push(`${x.name} 的公民身份号码无效，仅按姓名关联`);
    return { name: x.name, idNumber: null };
  });
  // The category's own 公民身份号码 field takes the person's, when the form has no other.
  if (known.has('idNumber') && !out.extra.idNumber && person.idNumber && out.blockers.length === 0)
    out.extra.idNumber = person.idNumber;
  if (!out.title && t.itemTitle) out.title = t.itemTitle.replace(/\{(\w+)\}/g, (_, k: string) => values.get(k) ?? '');
  if (!out.title) out.title = t.name;
  return out;
}
