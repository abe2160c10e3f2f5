/**
 * The dry run: every row is turned into the exact input a manual create would get, and
 * every problem is collected with the clerk's row number, before anything is written.
 */
import type { CategoryView, ImportRowError } from '../../contract/dto';
import type { MethodParsed } from '../../contract/methods';
import { resolveClass, excelSerialDate, normalizeDate, validateExtra, type NewItem } from '../catalogue';
import { type CoreContext, type Session, AppError } from '../kernel';
import {
  halfWidth,
  itemNoFromCode,
  parseCount,
  parsePersons,
  parseRetention,
  parseSecurity,
  parseYear,
} from './convert';
import { targetLabels, type Mapping } from './mapping';
import { BatchNumbering } from './numbering';
import type { Table, TableRow } from './read-table';

export type Defaults = MethodParsed<'import.preview'>['defaults'];

export interface PreparedRow {
  rowNo: number;
  item: NewItem & { itemNo: number };
  archiveCode: string;
}

/** A row left out, with its original cells and every reason (for the error report). */
export interface RejectedRow {
  row: TableRow;
  reasons: ImportRowError[];
}

export interface Validation {
  rows: PreparedRow[];
  /** Every row with a problem, uncapped (the report lists them all). */
  rejected: RejectedRow[];
  errors: ImportRowError[];
  /** All problems found, including those left out of `errors`. */
  errorCount: number;
  validRows: number;
}

export interface ValidateInput {
  ctx: CoreContext;
  session: Session;
  category: CategoryView;
  table: Table;
  mapping: Mapping;
  defaults: Defaults;
  onProgress?: (done: number, total: number) => void;
}

/** Enough for a clerk to see the pattern; a sheet with 100 000 broken rows must not flood the UI. */
const MAX_ERRORS = 500;
const CHUNK = 500;
const MAX_LEN: Record<string, number> = { title: 500, author: 200, docNumber: 100, remarks: 2000 };

export async function validateRows(v: ValidateInput): Promise<Validation> {
  const labels = targetLabels(v.category);
  const col = new Map(Object.entries(v.mapping).map(([h, f]) => [f, v.table.headers.indexOf(h)]));
  const headerErrors = checkColumns(v, col, labels);
  // A missing column is reported once; the rows are still checked, so a bad 公民身份号码
  // shows up in the same preview, but none of them can be written.
  const missing = new Set(headerErrors.map((e) => e.field));
  const numbering = new BatchNumbering(v.ctx);
  const rows: PreparedRow[] = [];
  const rejected: RejectedRow[] = [];
  const errors: ImportRowError[] = [...headerErrors];
  let errorCount = headerErrors.length;
  const total = v.table.rows.length;
  for (const [i, row] of v.table.rows.entries()) {
    const r = prepareRow(v, row, col, labels, numbering, missing);
    if ('item' in r) {
      if (missing.size === 0) rows.push(r);
    } else if (r.length > 0) {
      rejected.push({ row, reasons: r });
      errorCount += r.length;
      errors.push(...r.slice(0, Math.max(0, MAX_ERRORS - errors.length)));
    }
    if ((i + 1) % CHUNK === 0 && i + 1 < total) {
      v.onProgress?.(i + 1, total);
      // Lets progress events reach the window while a large sheet is checked.
      await new Promise((res) => setImmediate(res));
    }
  }
  v.onProgress?.(total, total);
  if (errorCount > errors.length) {
    errors.push({ row: 0, field: '', message: `另有 ${errorCount - errors.length} 处错误未列出，请先改正以上错误` });
  }
  return { rows, rejected, errors, errorCount, validRows: rows.length };
}

/** Problems of the whole sheet, reported once against the header row instead of on every row. */
function checkColumns(v: ValidateInput, col: Map<string, number>, labels: Map<string, string>): ImportRowError[] {
  const row = v.table.headerRowNo;
  const out: ImportRowError[] = [];
  if (!col.has('title')) out.push({ row, field: '题名', message: '没有哪一列对应“题名”，请在列映射中指定' });
  if (!col.has('year') && !col.has('date') && v.defaults.year === undefined) {
    out.push({ row, field: '年度', message: '表格没有“年度”或“日期”列，请指定默认年度' });
  }
  for (const f of v.category.effectiveFields) {
    if (f.required && !col.has(`extra.${f.key}`)) {
      out.push({ row, field: labels.get(`extra.${f.key}`) ?? f.key, message: `“${f.label}”为必填，但没有对应的列` });
    }
  }
  return out;
}

type RowResult = PreparedRow | ImportRowError[];

function prepareRow(
  v: ValidateInput,
  row: TableRow,
  col: Map<string, number>,
  labels: Map<string, string>,
  numbering: BatchNumbering,
  missing: Set<string>,
): RowResult {
  const errors: ImportRowError[] = [];
  const label = (f: string) => labels.get(f) ?? f;
  let incomplete = false;
  const fail = (field: string, message: string) => {
    // Already reported against the header row: the row is not written, but not blamed either.
    if (missing.has(label(field))) incomplete = true;
    else errors.push({ row: row.rowNo, field: label(field), message });
  };
  const cell = (f: string): string => {
    const i = col.get(f);
    return i === undefined || i < 0 ? '' : (row.cells[i] ?? '');
  };
  const take = <T>(field: string, p: { ok: true; value: T } | { ok: false; message: string; field?: string }) => {
    if (p.ok) return p.value;
    if (p.field) errors.push({ row: row.rowNo, field: p.field, message: p.message });
    else fail(field, p.message);
    return undefined;
  };

  const text: Record<string, string> = {};
  for (const f of ['title', 'author', 'docNumber', 'remarks']) {
    text[f] = cell(f).trim();
    if (text[f]!.length > MAX_LEN[f]!) fail(f, `不能超过${MAX_LEN[f]}个字`);
  }
  if (!text.title) fail('title', '题名不能为空');
  const date = normalizeDate(excelSerialDate(halfWidth(cell('date'))));
  if (date === null) fail('date', `无法识别日期“${cell('date')}”，应为 YYYYMMDD 或 2011-03-05 等写法`);
  const year = resolveYear(v, take('year', parseYear(cell('year'))), date, fail);
  const retention = cell('retention') ? take('retention', parseRetention(cell('retention'))) : v.defaults.retention;
  const orgCode = halfWidth(cell('orgCode')).trim();
  if (!/^[^\s\-·]{0,20}$/.test(orgCode)) fail('orgCode', '机构代码不能超过20个字，且不能含空格、“-”或“·”');
  const pageCount = take('pageCount', parseCount(cell('pageCount'), '页数'));
  const level = take('securityLevel', parseSecurity(cell('securityLevel')));
  const securityLevel = level ?? v.defaults.securityLevel ?? 0;
  if (securityLevel > v.session.clearance) fail('securityLevel', '密级高于本人的密级权限，不能导入');
  const persons = take('personName', parsePersons(cell('personName'), cell('personIdNumber'))) ?? [];
  const extra = extraOf(v.category, cell, fail);
  const explicitNo = col.has('itemNo')
    ? take('itemNo', parseCount(cell('itemNo'), '件号'))
    : take('archiveCode', itemNoFromCode(cell('archiveCode')));
  if (explicitNo === 0) fail('itemNo', '件号应从1开始');
  if (errors.length || year === undefined || incomplete) return errors;

  const input: NewItem = {
    categoryId: v.category.id,
    year,
    retention,
    orgCode,
    volumeId: null,
    title: text.title!,
    author: text.author!,
    docNumber: text.docNumber!,
    date: date ?? '',
    pageCount: pageCount ?? null,
    securityLevel: securityLevel as NewItem['securityLevel'],
    remarks: text.remarks!,
    extra,
    persons,
  };
  const cls = resolveClass(v.ctx, input);
  const { itemNo, archiveCode } = numbering.assign(cls, explicitNo ?? null);
  const clash = numbering.clash(archiveCode, row.rowNo);
  if (clash) return [{ row: row.rowNo, field: label('archiveCode'), message: clash }];
  return { rowNo: row.rowNo, item: { ...input, itemNo }, archiveCode };
}

/** 年度: the sheet's own, else the date's year, else the default the clerk gave. */
function resolveYear(
  v: ValidateInput,
  own: number | null | undefined,
  date: string | null,
  fail: (field: string, message: string) => void,
): number | undefined {
  if (own === undefined) return undefined; // already reported
  if (own !== null) return own;
  if (date === null) return undefined; // the bad date is already reported
  if (date) return Number(date.slice(0, 4));
  if (v.defaults.year !== undefined) return v.defaults.year;
  fail('year', '缺少年度：年度和日期都为空，且没有指定默认年度');
  return undefined;
}

/**
 * The category's extra fields, each checked on its own by the same validateExtra a
 * manual create uses, so every bad cell of a row is reported, not only the first.
 */
function extraOf(
  category: CategoryView,
  cell: (f: string) => string,
  fail: (field: string, message: string) => void,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of category.effectiveFields) {
    let s = cell(`extra.${f.key}`).trim();
    // Legacy sheets spell dates every way; store them as YYYYMMDD like the item date.
    if (s && f.type === 'date') s = normalizeDate(excelSerialDate(halfWidth(s))) ?? s;
    try {
      Object.assign(out, validateExtra([f], s ? { [f.key]: s } : {}));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      fail(`extra.${f.key}`, e.message);
    }
  }
  return out;
}
