import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CategoryView } from '../../electron/contract/dto';
import { MAX_EXPORT_ROWS } from '../../electron/core/exporter/handlers';
import { IDS, must, readXlsx, setUpCore, type TestCore } from '../helpers/import-fixtures';

let t: TestCore;
let admin: { sessionToken: string };
let ws: CategoryView;

const create = (input: Record<string, unknown>, call = admin) =>
  t.core.dispatch('catalogue.create', { categoryId: ws.id, year: 2011, orgCode: 'BGS', ...input }, call).then(must);

beforeEach(async () => {
  t = await setUpCore();
  admin = await t.login();
  ws = await t.category('WS', admin);
  await create({
    title: '关于开展户口整顿的通知',
    date: '20110305',
    docNumber: '城公〔2011〕1号',
    author: '城关所',
    pageCount: 4,
  });
  await create({
    title: '值班制度',
    securityLevel: 1,
    remarks: '复印件',
    persons: [{ name: '王芳', idNumber: IDS.wangFang }],
  });
  await create({ title: '专项行动方案', securityLevel: 2 });
  await create({ title: '另一年度的通知', year: 2012 });
});
afterEach(() => t.cleanup());

describe('catalogue.export', () => {
  it('writes the query’s rows as an 归档文件目录 workbook', async () => {
    const f = must(
      await t.core.dispatch('catalogue.export', { scope: { categoryId: ws.id, year: 2011 }, limit: 1 }, admin),
    );
    expect(f.rows).toBe(3);
    expect(f.fileName).toMatch(/^归档文件目录-J001-\d{12}\.xlsx$/);
    const rows = await readXlsx(f.base64);
    expect(rows[0]).toEqual([
      '序号',
      '档号',
      '文号',
      '责任者',
      '题名',
      '日期',
      '密级',
      '页数',
      '备注',
      '门类',
      '年度',
      '保管期限',
      '人员',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        '1',
        'J001-WS·2011-Y-BGS-0001',
        '城公〔2011〕1号',
        '城关所',
        '关于开展户口整顿的通知',
        '20110305',
        '',
        '4',
        '',
        '文书',
        '2011',
        '永久',
        '',
      ],
      ['2', 'J001-WS·2011-Y-BGS-0002', '', '', '值班制度', '', '内部', '', '复印件', '文书', '2011', '永久', '王芳'],
      ['3', 'J001-WS·2011-Y-BGS-0003', '', '', '专项行动方案', '', '秘密', '', '', '文书', '2011', '永久', ''],
    ]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('归档文件目录');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });

    const audit = must(await t.core.dispatch('audit.list', { action: 'catalogue.export' }, admin));
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.details).toMatchObject({
      count: 3,
      fileName: f.fileName,
      scope: { categoryId: ws.id, year: 2011 },
    });
    expect(must(await t.core.dispatch('audit.verify', {}, admin)).ok).toBe(true);
  });

  it('applies filters and never exports records above the user’s clearance', async () => {
    must(
      await t.core.dispatch(
        'users.create',
        { username: 'clerk0', displayName: '内勤', role: 'clerk', clearance: 0, password: 'Initial-pass1' },
        admin,
      ),
    );
    const clerk = await t.firstLogin('clerk0', 'Initial-pass1', 'Clerk-pass1');
    const all = must(await t.core.dispatch('catalogue.export', {}, clerk));
    expect(all.rows).toBe(2);
    const titles = (await readXlsx(all.base64)).slice(1).map((r) => r[4]);
    expect(titles.sort()).toEqual(['关于开展户口整顿的通知', '另一年度的通知'].sort());

    const filtered = must(
      await t.core.dispatch(
        'catalogue.export',
        { filters: { title: '通知' }, sort: { column: 'year', dir: 'desc' } },
        admin,
      ),
    );
    expect((await readXlsx(filtered.base64)).slice(1).map((r) => r[4])).toEqual([
      '另一年度的通知',
      '关于开展户口整顿的通知',
    ]);
  });

  it('refuses an export above the row cap with a clear message', async () => {
    // Raw rows are enough here: only the count matters.
    t.core.ctx.sqlite.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MAX_EXPORT_ROWS})
      INSERT INTO items (id, node_id, fonds_code, category_id, category_code, year, retention, item_no, archive_code,
        title, extra, person_names, created_at, updated_at)
      SELECT 'bulk-' || i, 'n', 'J001', '${ws.id}', 'WS', 1999, 'Y', i, 'BULK-' || i, 't', '{}', '', 'x', 'x' FROM n`);
    t.core.ctx.dataVersion++;
    const r = await t.core.dispatch('catalogue.export', {}, admin);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION_FAILED');
      expect(r.error.message).toContain('200000');
    }
  });
});
