/**
 * 归档文件目录 as .xlsx: the columns of the printed catalogue (DA/T 22-2015 order),
 * then the extra columns a station sorts and filters by. Written with exceljs's
 * streaming writer so 200 000 rows stay strings, not millions of cell objects.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { RETENTION_LABELS, SECURITY_LABELS } from '../../contract/domain';
import type { ItemRecord } from '../../../db/schema';
import { securityLevelOf } from '../catalogue';

export const CATALOGUE_TITLE = '归档文件目录';

const COLUMNS: { header: string; width: number }[] = [
  { header: '序号', width: 7 },
  { header: '档号', width: 26 },
  { header: '文号', width: 16 },
  { header: '责任者', width: 16 },
  { header: '题名', width: 48 },
  { header: '日期', width: 11 },
  { header: '密级', width: 7 },
  { header: '页数', width: 7 },
  { header: '备注', width: 20 },
  { header: '门类', width: 12 },
  { header: '年度', width: 7 },
  { header: '保管期限', width: 10 },
  { header: '人员', width: 20 },
];

/** What a row of the workbook is made from (an item here, or a station's at the bureau). */
export type ExportRecord = Pick<
  ItemRecord,
  | 'archiveCode'
  | 'docNumber'
  | 'author'
  | 'title'
  | 'date'
  | 'securityLevel'
  | 'pageCount'
  | 'remarks'
  | 'year'
  | 'retention'
  | 'personNames'
  | 'categoryId'
  | 'categoryCode'
>;

export interface CatalogueSheet {
  /** Adds one item as the next row; synchronous, so the caller's SQLite iterator stays valid. */
  add(r: ExportRecord, categoryName: string): void;
  /** Finishes the file and returns its bytes. */
  finish(): Promise<Buffer>;
  readonly rows: number;
}

export function catalogueSheet(unitName: string): CatalogueSheet {
  const sheet = tableSheet(CATALOGUE_TITLE, unitName, COLUMNS);
  return {
    add(r, categoryName) {
      sheet.add([
        sheet.rows + 1,
        r.archiveCode,
        r.docNumber,
        r.author,
        r.title,
        r.date,
        r.securityLevel === 0 ? '' : SECURITY_LABELS[securityLevelOf(r.securityLevel)],
        r.pageCount ?? '',
        r.remarks,
        categoryName,
        r.year,
        RETENTION_LABELS[r.retention],
        r.personNames,
      ]);
    },
    finish: () => sheet.finish(),
    get rows() {
      return sheet.rows;
    },
  };
}

export interface TableSheet {
  /** Adds the next row; synchronous, so the caller's SQLite iterator stays valid. */
  add(values: (string | number)[]): void;
  finish(): Promise<Buffer>;
  readonly rows: number;
}

/**
 * One titled table as a workbook, set up to print like the catalogue (A4 landscape, the
 * header row repeated, page numbers): the 归档文件目录 above and the 案卷目录 of the print dialog.
 */
export function tableSheet(title: string, unitName: string, columns: { header: string; width: number }[]): TableSheet {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = unitName;
  wb.title = title;
  const ws = wb.addWorksheet(title, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&C&"宋体,Bold"&14${title}`,
      oddFooter: '&C第 &P 页，共 &N 页',
    },
  });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  head.commit();
  let n = 0;
  return {
    add(values) {
      n++;
      ws.addRow(values).commit();
    },
    async finish() {
      ws.commit();
      await wb.commit();
      return Buffer.concat(chunks);
    },
    get rows() {
      return n;
    },
  };
}
