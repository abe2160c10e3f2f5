import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintResult } from '../../electron/contract/print';
import { categoryId, makeTestCore, type TestCore, userToken } from '../helpers/test-core';

// The catalogues of the print dialog as .xlsx: the same rows as their PDF (read with the
// caller's clearance), opened back with exceljs and checked field by field.

let t: TestCore;
let ids: { notice: string; secret: string; duty: string };
let volumeCode: string;

const print = (input: Record<string, unknown>, token = t.adminToken) =>
  t.ok('print.document', { format: 'xlsx', ...input }, token);

/** The sheet's rows as plain values (row 1 the headers); an empty cell reads as ''. */
async function rowsOf(r: PrintResult): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const width = ws.getRow(1).cellCount;
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push(Array.from({ length: width }, (_, k) => row.getCell(k + 1).value ?? '')));
  return out;
}

beforeAll(async () => {
  t = await makeTestCore();
  const ws = await categoryId(t, 'WS');
  const jt = await categoryId(t, 'ZY·JT');
  const create = (more: Record<string, unknown>) =>
    t.ok('catalogue.create', { categoryId: ws, year: 2015, ...more }, t.adminToken);
  const notice = await create({
    title: '关于加强社区警务工作的通知',
    docNumber: '北公〔2015〕3号',
    author: '北港派出所',
    date: '20150110',
    pageCount: 2,
  });
  const secret = await create({ title: '内部情况通报', date: '20150111', pageCount: 1, securityLevel: 2 });
  const duty = await create({ title: '值班安排', date: '20150112', pageCount: 12, securityLevel: 1 });
  ids = { notice: notice.id, secret: secret.id, duty: duty.id };
  const volume = (title: string, securityLevel = 0) =>
    t.ok(
      'volumes.create',
      { categoryId: jt, year: 2015, title, startDate: '20150301', endDate: '20150420', securityLevel },
      t.adminToken,
    );
  const main = await volume('北港路两车相撞事故卷');
  volumeCode = main.archiveCode;
  await t.ok(
    'catalogue.create',
    {
      categoryId: jt,
      year: 2015,
      volumeId: main.id,
      title: '道路交通事故认定书',
      pageCount: 3,
      extra: { accidentNo: '2015-001' },
    },
    t.adminToken,
  );
  await volume('涉密案件卷', 2);
});

afterAll(async () => {
  await t?.close();
});

describe('print.document as .xlsx', () => {
  it('writes the 归档文件目录 of a class and year with the PDF columns, without rows above the clearance', async () => {
    const r = await print({ kind: 'item-catalogue', categoryCode: 'WS', year: 2015 });
    expect(r.format).toBe('xlsx');
    expect(r.fileName).toMatch(/^归档文件目录-WS-2015-\d{12}\.xlsx$/);
    expect(r.rows).toBe(3);
    const rows = await rowsOf(r);
    expect(rows[0]!.slice(0, 9)).toEqual(['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注']);
    expect(rows[1]!.slice(0, 9)).toEqual([
      1,
      'J001-WS·2015-Y-0001',
      '北公〔2015〕3号',
      '北港派出所',
      '关于加强社区警务工作的通知',
      '20150110',
      '',
      2,
      '',
    ]);
    expect(rows.map((x) => x[4])).toContain('内部情况通报');

    const clerk = await userToken(t, 'clerk-xlsx', 'clerk', 1);
    const seen = await rowsOf(await print({ kind: 'item-catalogue', categoryCode: 'WS', year: 2015 }, clerk));
    expect(seen).toHaveLength(3); // headers and the two rows up to 内部
    expect(seen.map((x) => x[4])).not.toContain('内部情况通报');
    expect(seen[2]!.slice(4, 8)).toEqual(['值班安排', '20150112', '内部', 12]);
  });

  it('writes the 归档文件目录 of chosen items, in the order chosen', async () => {
    const r = await print({ kind: 'item-catalogue', itemIds: [ids.duty, ids.notice] });
    const rows = await rowsOf(r);
    expect(rows.slice(1).map((x) => [x[0], x[4]])).toEqual([
      [1, '值班安排'],
      [2, '关于加强社区警务工作的通知'],
    ]);
    // A chosen item above the caller's clearance is refused by dispatch, not silently left out.
    const low = await userToken(t, 'clerk-xlsx-low', 'clerk', 0);
    const refused = await t.call(
      'print.document',
      { kind: 'item-catalogue', format: 'xlsx', itemIds: [ids.secret] },
      low,
    );
    expect(refused.ok).toBe(false);
  });

  it('writes the 案卷目录 field by field and leaves out a classified volume the caller may not see', async () => {
    const admin = await rowsOf(await print({ kind: 'volume-catalogue', categoryCode: 'ZY·JT', year: 2015 }));
    expect(admin).toHaveLength(3);
    const clerk = await userToken(t, 'clerk-xlsx-vol', 'clerk', 0);
    const rows = await rowsOf(await print({ kind: 'volume-catalogue', categoryCode: 'ZY·JT', year: 2015 }, clerk));
    expect(rows).toEqual([
      ['案卷号', '档号', '案卷题名', '起止日期', '件数', '总页数', '保管期限', '备注'],
      ['001', volumeCode, '北港路两车相撞事故卷', '20150301—20150420', 1, 3, '定期30年', ''],
    ]);
  });

  it('refuses a workbook of a document that is not a catalogue, in Chinese, with a stable code', async () => {
    const r = await t.call('print.document', { kind: 'stamp', format: 'xlsx', categoryCode: 'WS' }, t.adminToken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.message).toContain('只有案卷目录和归档文件目录可以保存为 Excel');
  });
});
