/**
 * The documents of one volume (GB/T 9705-2008, reference §4): 案卷封面, 卷内文件目录 and
 * 卷内备考表, each a function from records to a layout. Only the items the caller may see
 * reach these functions (the caller reads them with its clearance).
 */
import type { ItemRecord } from '../../../db/schema';
import { RETENTION_LABELS } from '../../contract/domain';
import type { VolumeView } from '../../contract/dto';
import type { DocSpec } from './layout-types';

export interface Archive {
  unitName: string;
  fondsCode: string;
}

/** The items of a volume as this document sees them. */
export type VolumeItem = Pick<
  ItemRecord,
  'itemNo' | 'docNumber' | 'author' | 'title' | 'date' | 'pageCount' | 'remarks'
>;

const PORTRAIT = { top: 18, right: 18, bottom: 15, left: 22 };

/** 密级 as printed: blank when there is none (reference §3, 归档文件目录). */
export const securityText = (level: number) => (level === 2 ? '秘密' : level === 1 ? '内部' : '');

export const dateRange = (from: string, to: string) => (from || to ? `${from}—${to}` : '');

export const pagesOf = (items: VolumeItem[]) => items.reduce((n, i) => n + (i.pageCount ?? 0), 0);

export function coverDoc(a: Archive, v: VolumeView, categoryName: string, items: VolumeItem[]): DocSpec {
  const L = (text: string) => ({ text, size: 14 });
  const V = (text: string, span = 1) => ({ text, size: 14, span });
  return {
    title: `案卷封面 ${v.archiveCode}`,
    page: 'A4',
    margin: PORTRAIT,
    pageNumbers: false,
    blocks: [
      { type: 'title', text: '案　　卷', size: 30, after: 14 },
      {
        type: 'form',
        columns: [0.2, 0.3, 0.2, 0.3],
        rows: [
          { height: 16, cells: [L('全宗名称'), V(a.unitName, 3)] },
          { height: 16, cells: [L('类目名称'), V(categoryName, 3)] },
          // The title's cell is fixed: a long 题名 wraps, then shrinks, never overflows.
          { height: 60, cells: [L('案卷题名'), { text: v.title, size: 18, span: 3 }] },
          { height: 16, cells: [L('起止日期'), V(dateRange(v.startDate, v.endDate), 3)] },
          {
            height: 16,
            cells: [L('保管期限'), V(RETENTION_LABELS[v.retention]), L('密　　级'), V(securityText(v.securityLevel))],
          },
          { height: 16, cells: [L('件　　数'), V(`${items.length} 件`), L('页　　数'), V(`${pagesOf(items)} 页`)] },
          { height: 16, cells: [L('全 宗 号'), V(v.fondsCode), L('案 卷 号'), V(String(v.volumeNo).padStart(3, '0'))] },
          { height: 16, cells: [L('档　　号'), V(v.archiveCode, 3)] },
        ],
      },
    ],
  };
}

export function contentsDoc(v: VolumeView, items: VolumeItem[]): DocSpec {
  // Pages run on through the volume (reference §4): each item's 起止页号.
  let page = 0;
  const rows = items.map((i, n) => {
    const count = i.pageCount ?? 0;
    const range = count > 0 ? (count === 1 ? `${page + 1}` : `${page + 1}-${page + count}`) : '';
    page += count;
    return [String(n + 1), i.docNumber, i.author, i.title, i.date, range, i.remarks];
  });
  return {
    title: `卷内文件目录 ${v.archiveCode}`,
    page: 'A4',
    margin: PORTRAIT,
    pageNumbers: true,
    blocks: [
      { type: 'title', text: '卷内文件目录', size: 20, after: 5 },
      { type: 'line', text: `档号：${v.archiveCode}　　案卷题名：${v.title}`, size: 10 },
      {
        type: 'table',
        size: 9,
        columns: [
          { header: '顺序号', width: 0.08, align: 'center' },
          { header: '文号', width: 0.14 },
          { header: '责任者', width: 0.14 },
          { header: '题名', width: 0.36 },
          { header: '日期', width: 0.1, align: 'center' },
          { header: '页号', width: 0.09, align: 'center' },
          { header: '备注', width: 0.09 },
        ],
        rows,
        empty: '（本卷暂无文件）',
      },
    ],
  };
}

export interface NotesInput {
  /** 立卷人 and 检查人: blank lines to sign by hand when not given. */
  compiler: string;
  checker: string;
  /** 立卷时间 (YYYYMMDD or as written). */
  date: string;
  /** 检查时间; blank to write by hand when not given. */
  checkDate?: string | undefined;
  /** 本卷情况说明; by default the counts and the volume's remarks. */
  statement?: string | undefined;
}

export function notesDoc(v: VolumeView, items: VolumeItem[], n: NotesInput): DocSpec {
  const statement =
    n.statement ?? [`本卷共 ${items.length} 件，${pagesOf(items)} 页。`, v.remarks].filter(Boolean).join('\n');
  const L = (text: string) => ({ text, size: 12 });
  return {
    title: `卷内备考表 ${v.archiveCode}`,
    page: 'A4',
    margin: PORTRAIT,
    pageNumbers: false,
    blocks: [
      { type: 'title', text: '卷内备考表', size: 20, after: 5 },
      { type: 'line', text: `档号：${v.archiveCode}`, size: 10 },
      {
        type: 'form',
        columns: [0.2, 0.3, 0.2, 0.3],
        rows: [
          { height: 12, cells: [{ text: '本卷情况说明', size: 12, span: 4, align: 'left' }] },
          { height: 130, cells: [{ text: statement, size: 12, span: 4, align: 'left', top: true }] },
          { height: 16, cells: [L('立 卷 人'), L(n.compiler), L('检 查 人'), L(n.checker)] },
          { height: 16, cells: [L('立卷时间'), L(n.date), L('检查时间'), L(n.checkDate ?? '')] },
        ],
      },
    ],
  };
}
