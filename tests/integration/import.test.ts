import { describe, expect, it } from 'vitest';
import type { CategoryView } from '../../electron/contract/dto';
import type { JobProgressEvent } from '../../electron/contract/events';
import { GBK_CSV_HEX, IDS, csvBase64, must, useWsImport, xlsxBase64, type TestCore } from '../helpers/import-fixtures';

const HEADER = [
  '档号',
  '题 名',
  '责任者',
  '文号',
  '日期',
  '保管期限',
  '机构（问题）',
  '姓名',
  '身份证号',
  '密级',
  '页数',
];
const CLEAN_ROWS = [
  ['', '关于开展户口整顿的通知', '城关所', '城公〔2011〕1号', new Date(Date.UTC(2011, 2, 5)), '永久', 'BGS'],
  ['', '关于加强值班的通知', '城关所', '城公〔2011〕2号', '2011-04-01', '长期', 'BGS', '王芳、李四'],
  ['', '户口迁移审批表', '户籍室', '', '2011年5月6日', '永久', 'BGS', '张三', IDS.zhangSan, '内部', 3],
];

let t: TestCore;
let call: { sessionToken: string };
let ws: CategoryView;
useWsImport((f) => ({ t, call, ws } = f));

const source = (base64: string, extra: Record<string, unknown> = {}) => ({
  fileName: '文书目录2011.xlsx',
  base64,
  categoryId: ws.id,
  ...extra,
});

describe('import.preview', () => {
  it('maps Chinese headers by themselves, below a title row', async () => {
    const p = must(
      await t.core.dispatch('import.preview', source(await xlsxBase64([HEADER, ...CLEAN_ROWS], { skipRows: 2 })), call),
    );
    expect(p.mapping).toEqual({
      档号: 'archiveCode',
      '题 名': 'title',
      责任者: 'author',
      文号: 'docNumber',
      日期: 'date',
      保管期限: 'retention',
      '机构（问题）': 'orgCode',
      姓名: 'personName',
      身份证号: 'personIdNumber',
      密级: 'securityLevel',
      页数: 'pageCount',
    });
    expect(p.mappingRemembered).toBe(false);
    expect(p.totalRows).toBe(3);
    expect(p.errors).toEqual([]);
    expect(p.validRows).toBe(3);
    expect(p.sampleRows[0]!['日期']).toBe('20110305');
    expect(p.sheets).toEqual(['目录']);
  });

  it('reports bad rows with their Excel row numbers and writes nothing', async () => {
    const rows = [
      HEADER,
      CLEAN_ROWS[0]!,
      ['', '', '城关所', '', '2011-03-05'],
      ['', '户口迁移审批表', '', '', '2011-02-30', '永久', 'BGS'],
      ['', '迁入审批', '', '', '20110601', '永久', 'BGS', '王芳', '110105194912310021'],
      ['', '会议纪要', '', '', '20110701', '临时', 'BGS', '', '', '机密'],
    ];
    const before = t.count();
    const p = must(await t.core.dispatch('import.preview', source(await xlsxBase64(rows, { skipRows: 2 })), call));
    // Title row at 1, blank row 2, header at 3: data rows are Excel rows 4..8.
    expect(p.errors).toEqual([
      { row: 5, field: '题名', message: '题名不能为空' },
      { row: 6, field: '日期', message: expect.stringContaining('2011-02-30') },
      { row: 7, field: '公民身份号码', message: expect.stringContaining('校验位') },
      { row: 8, field: '保管期限', message: expect.stringContaining('临时') },
      { row: 8, field: '密级', message: expect.stringContaining('机密') },
    ]);
    expect(p.validRows).toBe(1);
    expect(t.count()).toBe(before);
  });

  it('reads UTF-8 CSV with a BOM and GB18030 CSV', async () => {
    const utf8 = must(
      await t.core.dispatch(
        'import.preview',
        { ...source(csvBase64('题名,年度\n通知,2012\n', true)), fileName: 'a.csv' },
        call,
      ),
    );
    expect(utf8.headers).toEqual(['题名', '年度']);
    expect(utf8.errors).toEqual([]);
    const gbk = Buffer.from(GBK_CSV_HEX, 'hex').toString('base64');
    const p = must(await t.core.dispatch('import.preview', { ...source(gbk), fileName: 'gbk.csv' }, call));
    expect(p.headers).toEqual(['题名', '日期', '姓名', '保管期限']);
    expect(p.sampleRows[0]).toEqual({ 题名: '户口整顿通知', 日期: '2011-03-05', 姓名: '王芳', 保管期限: '长期' });
    expect(p.errors).toEqual([]);
  });

  it('rejects a file that is not a table', async () => {
    const cases = [
      { fileName: 'x.xlsx', base64: Buffer.from('PK\u0003\u0004garbage').toString('base64') },
      { fileName: 'x.xlsx', base64: Buffer.from('hello').toString('base64') },
      { fileName: 'x.csv', base64: Buffer.from([0, 1, 2, 3, 255]).toString('base64') },
      { fileName: 'x.csv', base64: csvBase64('\n\n') },
    ];
    for (const c of cases) {
      const r = await t.core.dispatch('import.preview', source(c.base64, { fileName: c.fileName }), call);
      expect(r.ok ? 'ok' : r.error.code).toBe('IMPORT_MALFORMED');
    }
  });

  it('refuses a 按卷 category', async () => {
    const ku = await t.category('KU', call);
    const r = await t.core.dispatch(
      'import.preview',
      source(csvBase64('题名,年度\n凭证,2012\n'), { categoryId: ku.id }),
      call,
    );
    expect(r.ok ? 'ok' : r.error.code).toBe('WRONG_ARRANGEMENT');
  });
});

describe('import.commit', () => {
  it('refuses while errors exist and writes nothing', async () => {
    const before = t.count();
    const b64 = await xlsxBase64([HEADER, ...CLEAN_ROWS, ['', '', '', '', '2011-01-01']]);
    const r = await t.core.dispatch('import.commit', source(b64), call);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(r.error.message).toContain('1 处错误');
    expect(r.error.details).toEqual([{ row: 5, field: '题名', message: '题名不能为空' }]);
    expect(t.count()).toBe(before);
    const job = t.core.ctx.sqlite.prepare("SELECT state FROM jobs WHERE kind = 'import'").get() as { state: string };
    expect(job.state).toBe('failed');
  });

  it('imports clean rows with sequential codes, persons, one audit entry and progress', async () => {
    const events: JobProgressEvent[] = [];
    const stop = t.core.ctx.events.on('job.progress', (p) => events.push(p));
    const r = must(await t.core.dispatch('import.commit', source(await xlsxBase64([HEADER, ...CLEAN_ROWS])), call));
    stop();
    expect(r.imported).toBe(3);
    expect(r.firstArchiveCode).toBe('J001-WS·2011-Y-BGS-0001');
    expect(r.lastArchiveCode).toBe('J001-WS·2011-Y-BGS-0002');
    expect(events.some((e) => e.phase === '写入' && e.done === 3 && e.jobId === r.jobId)).toBe(true);

    const rows = must(
      await t.core.dispatch('catalogue.query', { sort: { column: 'archiveCode', dir: 'asc' } }, call),
    ).rows;
    expect(rows.map((x) => [x.archiveCode, x.itemNo, x.retention, x.date])).toEqual([
      ['J001-WS·2011-D30-BGS-0001', 1, 'D30', '20110401'], // legacy 长期 → D30
      ['J001-WS·2011-Y-BGS-0001', 1, 'Y', '20110305'],
      ['J001-WS·2011-Y-BGS-0002', 2, 'Y', '20110506'],
    ]);
    expect(rows[2]!.securityLevel).toBe(1);
    const item = must(await t.core.dispatch('catalogue.get', { id: rows[2]!.id }, call));
    expect(item.pageCount).toBe(3);
    expect(item.persons).toEqual([expect.objectContaining({ name: '张三', idNumber: IDS.zhangSan })]);
    expect(rows[0]!.personNames).toBe('王芳、李四');
    const found = must(await t.core.dispatch('persons.search', { q: '张三' }, call));
    expect(found).toEqual([expect.objectContaining({ name: '张三', idNumber: IDS.zhangSan, recordCount: 1 })]);
    expect(must(await t.core.dispatch('persons.search', { q: '李四' }, call))).toHaveLength(1);

    const audit = must(await t.core.dispatch('audit.list', { action: 'item.import' }, call));
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.details).toMatchObject({ fileName: '文书目录2011.xlsx', count: 3 });
    expect(must(await t.core.dispatch('audit.verify', {}, call)).ok).toBe(true);
    const job = t.core.ctx.sqlite.prepare('SELECT state, done FROM jobs WHERE id = ?').get(r.jobId);
    expect(job).toEqual({ state: 'done', done: 3 });
  });

  it('writes a large sheet in chunks while reads wait for the whole transaction', async () => {
    const n = 1200;
    const csv = '题名,年度\n' + Array.from({ length: n }, (_, i) => `通知${i + 1},2015`).join('\n');
    const writes: number[] = [];
    const query = () => t.core.dispatch('catalogue.query', { limit: 1 }, call);
    const mid: { read?: ReturnType<typeof query> } = {};
    const stop = t.core.ctx.events.on('job.progress', (p) => {
      if (p.phase !== '写入') return;
      writes.push(p.done);
      // A read issued mid-import must not see half of it.
      mid.read ??= query();
    });
    const r = must(await t.core.dispatch('import.commit', { ...source(csvBase64(csv)), fileName: 'big.csv' }, call));
    stop();
    expect(r.imported).toBe(n);
    expect(r.lastArchiveCode).toBe('J001-WS·2015-Y-1200');
    expect(writes).toEqual([500, 1000, 1200]);
    const seen = must(await mid.read!);
    expect(seen.total).toBe(n);
  });

  it('takes 件号 from the 档号 and reports duplicate 档号 in the file and in the archive', async () => {
    const head = ['档号', '题名', '年度', '保管期限'];
    const ok = [head, ['J001-WS·2012-Y-0007', '甲', 2012, '永久'], ['旧档号 WS-2012-8', '乙', 2012, '永久']];
    const r = must(await t.core.dispatch('import.commit', source(await xlsxBase64(ok)), call));
    expect([r.firstArchiveCode, r.lastArchiveCode]).toEqual(['J001-WS·2012-Y-0007', 'J001-WS·2012-Y-0008']);

    const dup = [head, ['9', '丙', 2012, '永久'], ['0009', '丁', 2012, '永久'], ['7', '戊', 2012, '永久']];
    const p = must(await t.core.dispatch('import.preview', source(await xlsxBase64(dup)), call));
    expect(p.errors).toEqual([
      { row: 3, field: '档号', message: '档号 J001-WS·2012-Y-0009 与第2行重复' },
      { row: 4, field: '档号', message: '档号 J001-WS·2012-Y-0007 已存在于档案中' },
    ]);
  });

  it('remembers the mapping used and offers it on the next preview', async () => {
    const rows = [
      ['文件题目', '形成时间', '备考'],
      ['值班安排', '2013-01-02', '旧账'],
    ];
    const mapping = { 文件题目: 'title', 形成时间: 'date', 备考: 'remarks' };
    const first = must(await t.core.dispatch('import.preview', source(await xlsxBase64(rows)), call));
    expect(first.errors[0]).toMatchObject({ field: '题名' });
    must(await t.core.dispatch('import.commit', source(await xlsxBase64(rows), { mapping }), call));
    const again = must(await t.core.dispatch('import.preview', source(await xlsxBase64(rows)), call));
    expect(again.mappingRemembered).toBe(true);
    expect(again.mapping).toEqual(mapping);
    expect(again.errors).toEqual([]);
  });

  it('fills extra fields, uses the default year, and checks the clerk’s clearance', async () => {
    must(
      await t.core.dispatch(
        'users.create',
        { username: 'clerk1', displayName: '内勤', role: 'clerk', clearance: 0, password: 'Initial-pass1' },
        call,
      ),
    );
    const clerk = await t.firstLogin('clerk1', 'Initial-pass1', 'Clerk-pass1');
    const qr = await t.category('ZY·HJ·QR', call);
    const rows = [
      ['题名', '户主姓名', '业务类型', '受理日期', '姓名', '公民身份号码', '密级'],
      ['迁入登记', '王五', '迁入', '2014/3/2', '王五', IDS.liSi, ''],
      ['迁入登记', '赵六', '落户', '', '赵六', '', '秘密'],
    ];
    const p = must(
      await t.core.dispatch(
        'import.preview',
        source(await xlsxBase64(rows), { categoryId: qr.id, defaults: { year: 2014 } }),
        clerk,
      ),
    );
    expect(p.mapping).toMatchObject({
      户主姓名: 'extra.householder',
      业务类型: 'extra.businessType',
      公民身份号码: 'personIdNumber',
    });
    expect(p.errors).toEqual([
      { row: 3, field: '密级', message: '密级高于本人的密级权限，不能导入' },
      { row: 3, field: '业务类型', message: expect.stringContaining('只能是') },
    ]);
    rows.pop();
    const r = must(
      await t.core.dispatch(
        'import.commit',
        source(await xlsxBase64(rows), { categoryId: qr.id, defaults: { year: 2014 } }),
        clerk,
      ),
    );
    expect(r.firstArchiveCode).toBe('J001-ZY·HJ·QR·2014-Y-0001');
    const rowsNow = must(await t.core.dispatch('catalogue.query', { scope: { categoryId: qr.id } }, clerk)).rows;
    const item = must(await t.core.dispatch('catalogue.get', { id: rowsNow[0]!.id }, clerk));
    expect(item.extra).toEqual({ householder: '王五', businessType: '迁入', acceptDate: '20140302' });
  });
});
