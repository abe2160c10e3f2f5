import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { categoryId, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeEach(async () => (t = await makeTestCore()));
afterEach(() => t.close());

describe('分类方案', () => {
  it('is preloaded for a police station with codes, retention, arrangement and extra fields', async () => {
    const list = await t.ok('scheme.list', {}, t.adminToken);
    const by = (code: string) => list.find((c) => c.fullCode === code)!;
    expect(list.map((c) => c.fullCode)).toEqual(
      expect.arrayContaining([
        'WS',
        'KU',
        'ZP',
        'LY',
        'LX',
        'SW',
        'ZY·HJ',
        'ZY·HJ·CS',
        'ZY·HJ·QR',
        'ZY·HJ·QC',
        'ZY·HJ·BG',
        'ZY·HJ·ZX',
        'ZY·CR',
        'ZY·CL',
        'ZY·JT',
        'ZY·ZZ',
        'ZY·XF',
      ]),
    );
    expect(by('ZY·HJ·QR')).toMatchObject({ name: '迁入', defaultRetention: 'Y', arrangement: 'item' });
    // Sub-classes inherit the 户籍 fields.
    expect(by('ZY·HJ·QR').effectiveFields.map((f) => f.label)).toEqual([
      '户主姓名',
      '公民身份号码',
      '业务类型',
      '受理日期',
      '承办人',
    ]);
    expect(by('ZY·JT')).toMatchObject({ arrangement: 'volume', defaultRetention: 'D30' });
    expect(by('ZY·JT').fields.map((f) => f.label)).toEqual(
      expect.arrayContaining(['事故编号', '当事人', '事故日期', '地点']),
    );
    expect(by('ZY·ZZ').defaultRetention).toBe('D10');
  });

  it('adds a category with its own fields as data and validates templates', async () => {
    const parent = await categoryId(t, 'ZY');
    const base = {
      parentId: parent,
      code: 'ZA',
      name: '治安',
      defaultRetention: 'D30',
      arrangement: 'item',
      codeTemplate: '{fonds}-{category}·{year}-{retention}-{item:4}',
      volumeCodeTemplate: '{fonds}-{category}·{year}-{retention}-{volume:3}',
    };
    expect(await t.call('scheme.save', { ...base, codeTemplate: '{fonds}-{category}' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARCHIVE_TEMPLATE' },
    });
    expect(await t.call('scheme.save', { ...base, code: 'HJ' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_CATEGORY_CODE' },
    });
    const saved = await t.ok(
      'scheme.save',
      { ...base, fields: [{ key: 'caseNo', label: '案件编号', type: 'text', required: true }] },
      t.adminToken,
    );
    expect(saved).toMatchObject({ fullCode: 'ZY·ZA', effectiveFields: [{ key: 'caseNo' }] });
    const item = await t.ok(
      'catalogue.create',
      { categoryId: saved.id, year: 2020, title: '治安案件', extra: { caseNo: 'ZA-1' } },
      t.adminToken,
    );
    expect(item.archiveCode).toBe('J001-ZY·ZA·2020-D30-0001');
    // 档号 already assigned never change, so neither may the template or code they came from.
    expect(
      await t.call(
        'scheme.save',
        { ...base, id: saved.id, codeTemplate: '{fonds}-{category}·{year}·{retention}-{item:3}' },
        t.adminToken,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CATEGORY_IN_USE' },
    });
    expect(await t.call('scheme.save', { ...base, id: saved.id, parentId: null }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'CATEGORY_IN_USE' },
    });
    expect(
      (await t.ok('scheme.save', { ...base, id: saved.id, name: '治安管理', fields: saved.fields }, t.adminToken)).name,
    ).toBe('治安管理');
    expect(await t.call('scheme.delete', { id: saved.id }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'CATEGORY_IN_USE' },
    });
    const clerk = await userToken(t, 'clerk', 'clerk', 1);
    expect(await t.call('scheme.save', { ...base, code: 'ZB' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
