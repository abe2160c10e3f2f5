/**
 * Reading the printed annual report back: the PDF's text through pdftotext (content-stream order,
 * so a label wrapped in its cell stays next to its value), and the workbook through exceljs, its
 * rows found by the figure key column. The checks loop over the report's own figures and gaps.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { AnnualReport } from '../../electron/contract/statistics';

/** Text without any whitespace: pdftotext breaks wrapped cells and spaces columns its own way. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The PDF's text (pages `first`..`last` when given), written to `dir` first. */
export function pdfText(base64: string, file: string, pages?: [number, number]): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  const range = pages ? ['-f', String(pages[0]), '-l', String(pages[1])] : [];
  return execFileSync('pdftotext', ['-raw', ...range, file, '-'], { encoding: 'utf8' });
}

/** Every figure printed as label, value, unit side by side; every gap as label, its note, "—". */
export function expectPrintedFigures(text: string, r: AnnualReport): void {
  const t = squeeze(text);
  for (const f of r.figures) {
    const cell = squeeze(`${f.label}${f.value}${f.unit}`);
    expect({ key: f.key, printed: t.includes(cell) }).toEqual({ key: f.key, printed: true });
  }
  r.gaps.forEach((g) => {
    expect({ key: g.key, printed: new RegExp(`${squeeze(g.label)}（注\\d+）—`).test(t) }).toEqual({
      key: g.key,
      printed: true,
    });
    expect(t).toContain(squeeze(g.reason));
  });
}

/** The workbook's rows by the figure key (column 5), each as [label, value, unit, note]. */
export async function sheetByKey(base64: string): Promise<{ byKey: Map<string, unknown[]>; cells: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  const ws = wb.worksheets[0]!;
  const byKey = new Map<string, unknown[]>();
  const cells: string[] = [];
  ws.eachRow((row) => {
    // An empty string is written as an empty cell: read back as ''.
    const v = [1, 2, 3, 4, 5].map((c) => row.getCell(c).value ?? '');
    cells.push(...v.filter((x) => x !== '').map(String));
    if (typeof v[4] === 'string' && v[4] !== '统计项代码' && !byKey.has(v[4])) byKey.set(v[4], v.slice(0, 4));
  });
  return { byKey, cells };
}
