/**
 * Reads a clerk's legacy spreadsheet (.xlsx or .csv) into plain text cells. Every
 * cell becomes the text the clerk saw in Excel, so validation messages can quote it.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../kernel';
import { type Grid, readGridOffThread } from './grid-thread';
import { checkXlsxBounds, declaredInflatedBytes } from './zip-bounds';

export interface TableRow {
  /** The row number the clerk sees: the Excel row, or the CSV line record. */
  rowNo: number;
  cells: string[];
}

export interface Table {
  sheets: string[];
  sheet: string;
  headerRowNo: number;
  headers: string[];
  rows: TableRow[];
}

/** Large enough for any station's catalogue sheet; stops a mistaken upload from eating memory. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const malformed = (message: string) => new AppError('IMPORT_MALFORMED', message);

/** Tells the header row apart from a ledger's title rows above it. */
export type HeaderTest = (cells: string[]) => boolean;

/**
 * Sheets from this much text on (an .xlsx's parts inflated, a CSV's bytes) are decoded in
 * a worker thread (grid-thread.ts): exceljs held the thread for 1.7 s on a 30,000-row
 * sheet (a 435 KB file) and every other caller waited. Smaller ones decode here in tens
 * of milliseconds, sparing the worker's start-up.
 */
export const OFF_THREAD_FROM = 1024 * 1024;

export async function readTable(
  fileName: string,
  base64: string,
  sheet: string | undefined,
  isHeader: HeaderTest = () => true,
): Promise<Table> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw malformed('文件内容为空');
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new AppError('IMPORT_FILE_TOO_LARGE', '文件过大：超过64MB，请拆分后分批导入');
  const text = isZip(bytes) ? declaredInflatedBytes(bytes) : bytes.length;
  const g =
    text >= OFF_THREAD_FROM ? await readGridOffThread(fileName, bytes, sheet) : await readGrid(fileName, bytes, sheet);
  return toTable(g.sheets, g.sheet, g.grid, isHeader);
}

/** Decodes the file's bytes into rows of cell text: the heavy part (inflating, parsing XML or CSV). */
export async function readGrid(fileName: string, bytes: Buffer, sheet: string | undefined): Promise<Grid> {
  const lower = fileName.toLowerCase();
  if (isZip(bytes)) return readXlsx(bytes, sheet);
  if (lower.endsWith('.xls') || isOle(bytes)) {
    throw malformed('不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 或 CSV 后再导入');
  }
  if (lower.endsWith('.xlsx')) throw malformed('文件不是有效的 .xlsx 表格（可能已损坏）');
  return readCsv(bytes);
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

async function readXlsx(bytes: Buffer, sheetName: string | undefined): Promise<Grid> {
  checkXlsxBounds(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw malformed('无法读取 .xlsx 文件（文件可能已损坏或不是 Excel 表格）');
  }
  const sheets = wb.worksheets.map((w) => w.name);
  if (sheets.length === 0) throw malformed('工作簿中没有工作表');
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) throw malformed(`工作簿中没有名为“${sheetName}”的工作表（现有：${sheets.join('、')}）`);
  const grid: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell.value)));
    grid.push({ rowNo, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { sheets, sheet: ws.name, grid };
}

/** The displayed text of an exceljs cell value; dates become YYYYMMDD (the catalogue convention). */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : ymd(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if ('richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result);
  if ('hyperlink' in v) return String((v as { text?: unknown }).text ?? '').trim();
  if ('error' in v) return String(v.error);
  return '';
}

// exceljs hands back Excel's serial dates as UTC midnight, so read UTC parts.
const ymd = (d: Date) =>
  `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;

function readCsv(bytes: Buffer): Grid {
  if (bytes.includes(0)) throw malformed('文件不是表格文本（CSV），也不是 .xlsx 表格');
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Some registry exports are tab-separated while still called .csv.
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    throw malformed(`CSV 文件格式错误：${(e as Error).message}`);
  }
  const grid = records.map((cells, i) => ({ rowNo: i + 1, cells: cells.map((c) => c.trim()) }));
  return { sheets: [], sheet: '', grid };
}

/** UTF-8 when the bytes are valid UTF-8, otherwise GB18030 (a superset of GBK, what Chinese Excel saves). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Ledgers often carry a title row or two above the header; look a few rows down for it. */
const HEADER_SEARCH_ROWS = 10;

function toTable(sheets: string[], sheet: string, grid: TableRow[], isHeader: HeaderTest): Table {
  const nonEmpty = grid.filter((r) => r.cells.some((c) => c !== ''));
  if (nonEmpty.length === 0) throw malformed(sheet ? `工作表“${sheet}”是空的` : '表格是空的，没有任何数据');
  const found = nonEmpty.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => isHeader(r.cells));
  const at = Math.max(found, 0);
  const head = nonEmpty[at]!;
  const headers = uniqueHeaders(head.cells);
  const rows = nonEmpty.slice(at + 1).map((r) => ({ rowNo: r.rowNo, cells: headers.map((_, i) => r.cells[i] ?? '') }));
  if (rows.length === 0) throw malformed('表格只有表头，没有数据行');
  return { sheets, sheet, headerRowNo: head.rowNo, headers, rows };
}

/** Blank or repeated headers still need distinct names so the mapping can address every column. */
function uniqueHeaders(cells: string[]): string[] {
  let last = cells.length;
  while (last > 0 && cells[last - 1] === '') last--;
  const seen = new Map<string, number>();
  return cells.slice(0, last).map((c, i) => {
    const base = c.replace(/\s+/g, ' ').trim() || `第${i + 1}列`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}(${n})`;
  });
}
