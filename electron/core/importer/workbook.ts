/**
 * A one-sheet .xlsx of text cells, as the template and the error report need: every
 * column is formatted as text (@) so Excel keeps an 18-digit 公民身份号码 whole and does
 * not turn 2011-03-05 or 0012 into numbers when the clerk types into it.
 */
import ExcelJS from 'exceljs';

export interface TextColumn {
  header: string;
  width?: number;
  /** Choices offered as a drop-down list in Excel (保管期限, 密级, enum fields). */
  choices?: string[];
  /** A note shown on the header cell. */
  note?: string;
}

/** Rows offered for typing into below the data: formats and drop-downs reach this far. */
const TYPING_ROWS = 500;

export async function textWorkbook(sheetName: string, columns: TextColumn[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(10, c.header.length * 2 + 4),
    style: { numFmt: '@' },
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  columns.forEach((c, i) => {
    if (c.note) head.getCell(i + 1).note = c.note;
  });
  for (const r of rows) ws.addRow(r);
  const last = rows.length + 1 + TYPING_ROWS;
  columns.forEach((c, i) => {
    if (!c.choices?.length) return;
    const list = `"${c.choices.join(',')}"`;
    // Excel caps a literal list at 255 characters; a longer one is left to the import's check.
    if (list.length > 255) return;
    const letter = ws.getColumn(i + 1).letter;
    for (let r = 2; r <= last; r++) {
      ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [list] };
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
