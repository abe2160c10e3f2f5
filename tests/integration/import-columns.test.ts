/**
 * Issue 14, import: headers are matched by every name the mapping list shows and the usual
 * variants, an unmapped column that looks like ID numbers or names is pointed out, and
 * every mapped column is checked in the preview whatever it was called.
 */
import { describe, expect, it } from 'vitest';
import { ITEM_COLUMNS } from '../../electron/contract/domain';
import type { CategoryView } from '../../electron/contract/dto';
import { IDS, csvBase64, must, useWsImport, xlsxBase64, type TestCore } from '../helpers/import-fixtures';

let t: TestCore;
let call: { sessionToken: string };
let ws: CategoryView;
useWsImport((f) => ({ t, call, ws } = f));

const source = (base64: string, categoryId = ws.id, extra: Record<string, unknown> = {}) => ({
  fileName: '台账.xlsx',
  base64,
  categoryId,
  ...extra,
});
const preview = async (rows: (string | number)[][], categoryId = ws.id, extra: Record<string, unknown> = {}) =>
  must(await t.core.dispatch('import.preview', source(await xlsxBase64(rows), categoryId, extra), call));

describe('header variants', () => {
  it('maps the names in the mapping list and the usual variants, folding full-width, spaces and brackets', async () => {
    const p = await preview([
      [
        '文件题名',
        '责任者',
        '成文日期',
        '人员姓名',
        '人员公民身份号码',
        '期 限',
        '密　级',
        '页数（页）',
        '［备注］',
        '年度：',
        '件号',
        '发文字号',
      ],
      [
        '关于值班的通知',
        '城关所',
        '2012-03-05',
        '王芳',
        IDS.wangFang,
        '永久',
        '公开',
        '２',
        '无',
        '２０１２',
        '7',
        '城公〔2012〕1号',
      ],
    ]);
    expect(p.mapping).toEqual({
      文件题名: 'title',
      责任者: 'author',
      成文日期: 'date',
      人员姓名: 'personName',
      人员公民身份号码: 'personIdNumber',
      '期 限': 'retention',
      '密 级': 'securityLevel', // the ideographic space is folded when the sheet is read
      '页数（页）': 'pageCount',
      '［备注］': 'remarks',
      '年度：': 'year',
      件号: 'itemNo',
      发文字号: 'docNumber',
    });
    expect(p.errors).toEqual([]);
    expect(p.warnings).toEqual([]);

    const variants: [string, string][] = [
      ['姓名', 'personName'],
      ['公民身份号码', 'personIdNumber'],
      ['身份证号', 'personIdNumber'],
      ['身份证号码', 'personIdNumber'],
      ['证件号码', 'personIdNumber'],
      ['日期', 'date'],
      ['形成日期', 'date'],
      ['标题', 'title'],
      ['题名', 'title'],
      ['保管期限', 'retention'],
    ];
    // …and every label of the mapping list, alone beside a 题名 (or 年度) column.
    for (const [field, label] of Object.entries(ITEM_COLUMNS)) variants.push([label, field]);
    for (const [header, field] of variants) {
      const other = field === 'title' ? '年度' : '题名';
      const q = await preview([
        [other, header],
        ['2012', 'x'],
      ]);
      expect([header, q.mapping[header]]).toEqual([header, field]);
    }
  });

  it('maps a category’s extra fields by label; its own 证件号码 stays its own', async () => {
    const qr = await t.category('ZY·HJ·QR', call);
    const hj = await preview(
      [
        ['题名', '人员姓名', '人员公民身份号码', '户主姓名', '公民身份号码', '受理日期'],
        ['迁入登记', '王五', IDS.liSi, '王五', IDS.liSi, '2014-03-02'],
      ],
      qr.id,
    );
    // 人员公民身份号码 can only be the person's; 公民身份号码 then falls to 户籍's own field.
    expect(hj.mapping).toMatchObject({
      人员公民身份号码: 'personIdNumber',
      户主姓名: 'extra.householder',
      公民身份号码: 'extra.idNumber',
      受理日期: 'extra.acceptDate',
    });
    const cr = await t.category('ZY·CR', call);
    const p = await preview(
      [
        ['题名', '年度', '证件号码', '身份证号'],
        ['护照申请', 2014, 'E12345678', IDS.liSi],
      ],
      cr.id,
    );
    expect(p.mapping).toMatchObject({ 证件号码: 'extra.docNo', 身份证号: 'personIdNumber' });
  });
});

describe('unmapped columns', () => {
  it('points out a column of ID numbers and one of names instead of dropping them', async () => {
    const rows = [
      ['序号', '题名', '年度', '当事人', '当事人证件', '民族'],
      ['1', '询问笔录', 2013, '王芳', IDS.wangFang, '汉族'],
      ['2', '询问笔录', 2013, '李四', IDS.liSi, '汉族'],
      ['3', '询问笔录', 2013, '张三', IDS.zhangSan, '汉族'],
      ['4', '询问笔录', 2013, '赵六', '110105198001010019', '汉族'],
      ['5', '询问笔录', 2013, '钱七', IDS.liSi, '汉族'],
    ];
    const p = await preview(rows);
    expect(p.mapping).toMatchObject({ 当事人: '', 当事人证件: '', 民族: '', 序号: '' });
    expect(p.warnings).toEqual([
      {
        header: '当事人',
        kind: 'personName',
        suggestedField: 'personName',
        message: expect.stringContaining('列“当事人”没有对应任何字段'),
      },
      {
        header: '当事人证件',
        kind: 'idNumber',
        suggestedField: 'personIdNumber',
        message: expect.stringContaining('公民身份号码（抽查 5 个，其中 4 个校验位正确）'),
      },
    ]);
    // Mapping the column as suggested: the bad number is reported before anything is written.
    const mapping = { ...p.mapping, 当事人: 'personName', 当事人证件: 'personIdNumber' };
    const mapped = await preview(rows, ws.id, { mapping });
    expect(mapped.warnings).toEqual([]);
    expect(mapped.errors).toEqual([
      { row: 5, field: '公民身份号码', message: expect.stringContaining('校验位不正确') },
    ]);
  });

  it('says when the field such a column could fill is already taken', async () => {
    const p = await preview([
      ['题名', '年度', '姓名', '身份证号', '联系人证件'],
      ['笔录', 2013, '王芳', IDS.wangFang, IDS.liSi],
    ]);
    expect(p.warnings).toEqual([
      expect.objectContaining({ header: '联系人证件', kind: 'idNumber', suggestedField: null }),
    ]);
    expect(p.warnings[0]!.message).toContain('已被其他列占用');
  });
});

describe('preview validation of every mapped column', () => {
  it('reports a bad ID number in a column called 证件号码, with or without names', async () => {
    const bad = '110105194912310022';
    const p = await preview([
      ['题名', '年度', '姓名', '证件号码'],
      ['笔录一', 2013, '王芳', IDS.wangFang],
      ['笔录二', 2013, '李四', bad],
      ['笔录三', 2013, '', bad],
    ]);
    expect(p.mapping['证件号码']).toBe('personIdNumber');
    expect(p.errors).toEqual([
      { row: 3, field: '公民身份号码', message: expect.stringContaining('校验位不正确') },
      { row: 4, field: '公民身份号码', message: expect.stringContaining('校验位不正确') },
    ]);
    expect(p.validRows).toBe(1);
  });

  it('checks the rows even when a required column is missing, and every bad extra field of a row', async () => {
    const zz = await t.category('ZY·ZZ', call);
    const csv = `标题,证件号码,居住依据,登记日期\n暂住登记,110105194912310022,打工,2014-02-30\n`;
    const p = must(
      await t.core.dispatch('import.preview', source(csvBase64(csv), zz.id, { fileName: 'zz.csv' }), call),
    );
    expect(p.errors).toEqual([
      { row: 1, field: '年度', message: expect.stringContaining('默认年度') },
      { row: 2, field: '公民身份号码', message: expect.stringContaining('校验位不正确') },
      { row: 2, field: '居住依据', message: expect.stringContaining('只能是') },
      { row: 2, field: '登记日期', message: expect.stringContaining('日期') },
    ]);
    expect(p.validRows).toBe(0);
  });
});
