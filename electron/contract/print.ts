/**
 * Printing the standard documents (reference §3, §4): `print.document` lays a document out
 * in core and returns its PDF (the font embedded), like `catalogue.export` returns a workbook.
 */
import { z } from 'zod';
import { zId, zYear } from './schemas';

/**
 * 封面, 卷内文件目录, 卷内备考表 (one volume); 案卷目录, 归档文件目录 (a class, a volume, or
 * everything); 归档章 (DA/T 22: one stamp per item, of chosen items, a volume, a class or everything).
 */
export const PRINT_KINDS = [
  'cover',
  'contents',
  'notes',
  'volume-catalogue',
  'item-catalogue',
  'stamp',
  'box-spine',
  'box-back',
] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

export const PRINT_KIND_LABELS: Record<PrintKind, string> = {
  cover: '案卷封面',
  contents: '卷内文件目录',
  notes: '卷内备考表',
  'volume-catalogue': '案卷目录',
  'item-catalogue': '归档文件目录',
  stamp: '归档章',
  'box-spine': '盒脊',
  'box-back': '盒内备考表',
};

/** 盒脊 and 盒底备考表 (DA/T 22): of one box, or of the boxes of a class, or of every box. */
export const BOX_KINDS: readonly PrintKind[] = ['box-spine', 'box-back'];

/** 归档章 of chosen items: at most this many ids in one request. */
export const MAX_STAMP_IDS = 5000;

/** The catalogues also come as a workbook (.xlsx), with the same rows as their PDF. */
export const PRINT_FORMATS = ['pdf', 'xlsx'] as const;
export type PrintFormat = (typeof PRINT_FORMATS)[number];
export const XLSX_KINDS: readonly PrintKind[] = ['volume-catalogue', 'item-catalogue'];

/** The documents of one volume: they need its id. */
export const VOLUME_KINDS: readonly PrintKind[] = ['cover', 'contents', 'notes'];

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${what}过长（最多 ${max} 个字符）` })
    .default('');

export const zPrintDocument = z
  .object({
    kind: z.enum(PRINT_KINDS, {
      error: '文书种类应为 cover、contents、notes、volume-catalogue、item-catalogue、stamp、box-spine 或 box-back',
    }),
    volumeId: zId.optional(),
    /** 盒脊 or 盒底 of this box. */
    boxId: zId.optional(),
    format: z.enum(PRINT_FORMATS, { error: '文件格式应为 pdf 或 xlsx' }).default('pdf'),
    /** 归档章 or 归档文件目录 of these items (a selection in the grid), in this order. */
    itemIds: z
      .array(zId)
      .min(1, { error: '请至少选择一件文件' })
      .max(MAX_STAMP_IDS, { error: `一次最多打印所选的 ${MAX_STAMP_IDS} 件` })
      .optional(),
    /** A 门类 by its full code (WS, ZY·HJ …): the catalogues of that class and below. */
    categoryCode: z.string().trim().min(1).max(40).optional(),
    year: zYear.optional(),
    /** The 备考表's signatures and statement; blank lines to sign by hand when not given. */
    notes: z
      .object({
        compiler: text('立卷人', 50),
        checker: text('检查人', 50),
        date: text('立卷时间', 20),
        /** 检查时间 (filled from the arrangement batch's 自查 sign-off, arrangement.notes). */
        checkDate: text('检查时间', 20),
        statement: z.string().trim().max(2000, { error: '情况说明过长（最多 2000 个字符）' }).optional(),
      })
      .default({ compiler: '', checker: '', date: '', checkDate: '' }),
  })
  .superRefine((v, ctx) => {
    if (v.boxId && !BOX_KINDS.includes(v.kind))
      ctx.addIssue({ code: 'custom', path: ['boxId'], message: '只有盒脊、盒内备考表可以指定档案盒' });
    if (BOX_KINDS.includes(v.kind) && (v.volumeId || v.itemIds))
      ctx.addIssue({ code: 'custom', path: ['kind'], message: '盒脊、盒内备考表按档案盒打印，不能指定案卷或文件' });
    if (v.boxId && (v.categoryCode || v.year !== undefined))
      ctx.addIssue({ code: 'custom', path: ['boxId'], message: '指定档案盒时不能再指定门类或年度' });
    if (VOLUME_KINDS.includes(v.kind) && !v.volumeId)
      ctx.addIssue({ code: 'custom', path: ['volumeId'], message: `打印${PRINT_KIND_LABELS[v.kind]}须指定案卷` });
    if (v.volumeId && v.kind === 'volume-catalogue')
      ctx.addIssue({ code: 'custom', path: ['volumeId'], message: '案卷目录按门类、年度打印，不能指定案卷' });
    if (v.volumeId && (v.categoryCode || v.year !== undefined))
      ctx.addIssue({ code: 'custom', path: ['volumeId'], message: '指定案卷时不能再指定门类或年度' });
    if (v.itemIds && v.kind !== 'stamp' && v.kind !== 'item-catalogue')
      ctx.addIssue({ code: 'custom', path: ['itemIds'], message: '只有归档章和归档文件目录可以按所选文件打印' });
    if (v.format === 'xlsx' && !XLSX_KINDS.includes(v.kind))
      ctx.addIssue({ code: 'custom', path: ['format'], message: '只有案卷目录和归档文件目录可以保存为 Excel' });
    if (v.itemIds && (v.volumeId || v.categoryCode || v.year !== undefined))
      ctx.addIssue({ code: 'custom', path: ['itemIds'], message: '指定文件时不能再指定案卷、门类或年度' });
  });

export interface PrintResult {
  fileName: string;
  format: PrintFormat;
  /** The PDF, or the workbook. */
  base64: string;
  /** PDF pages (0 for a workbook). */
  pages: number;
  /** Rows of the table (items or volumes printed). */
  rows: number;
  /** Characters the font lacks, printed as 〓: to be written in by hand. */
  missingChars: string[];
}
