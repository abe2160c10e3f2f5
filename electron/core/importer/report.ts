/**
 * The error report of a valid-rows-only import: the rows that were left out, with the
 * sheet's own header and cells, and a last column of reasons. The clerk fixes the cells
 * and imports the file again; the reasons column is not mapped and is ignored then.
 */
import type { ExportFile } from '../../contract/dto';
import type { Table } from './read-table';
import type { RejectedRow } from './validate-rows';
import { textWorkbook } from './workbook';

export const REASON_HEADER = '错误原因';

export async function errorReport(fileName: string, table: Table, rejected: RejectedRow[]): Promise<ExportFile> {
  const columns = [
    ...table.headers.map((header) => ({ header })),
    { header: REASON_HEADER, width: 60, note: '改正本行后可删除此列，重新导入本表' },
  ];
  const rows = rejected.map(({ row, reasons }) => [
    ...table.headers.map((_, i) => row.cells[i] ?? ''),
    `原第${row.rowNo}行：` + reasons.map((r) => (r.field ? `${r.field}：${r.message}` : r.message)).join('；'),
  ]);
  const bytes = await textWorkbook('错误行', columns, rows);
  const base = fileName.replace(/\.[^.]*$/, '');
  return { fileName: `${base}-错误行.xlsx`, base64: bytes.toString('base64'), rows: rows.length };
}
