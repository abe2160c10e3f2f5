/**
 * Issue 14, import: the template of a category is an .xlsx whose header row is the
 * category's columns (extra fields included) and whose one example row imports cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CategoryView } from '../../electron/contract/dto';
import { dangan, setupViaCli } from '../helpers/cli';
import { must, readXlsx, setUpCore, type TestCore } from '../helpers/import-fixtures';
import { tempDir } from '../helpers/test-core';

let t: TestCore;
let call: { sessionToken: string };

beforeEach(async () => {
  t = await setUpCore();
  call = await t.login();
});
afterEach(() => t.cleanup());

const BUILT_IN = [
  '题名',
  '责任者',
  '文号',
  '日期',
  '年度',
  '保管期限',
  '密级',
  '页数',
  '备注',
  '人员姓名',
  '人员公民身份号码',
];
const columnsOf = (c: CategoryView) => [...BUILT_IN, ...c.effectiveFields.map((f) => f.label)];

describe('import.template', () => {
  it.each(['WS', 'ZY·HJ·QR', 'ZY·CR', 'ZY·ZZ', 'ZP'])(
    '%s: headers are the category’s columns and the example row imports cleanly',
    async (code) => {
      const category = await t.category(code, call);
      const file = must(await t.core.dispatch('import.template', { categoryId: category.id }, call));
      expect(file.fileName).toBe(`导入模板-${category.fullCode}-${category.name}.xlsx`);
      const [header, ...rows] = await readXlsx(file.base64);
      expect(header).toEqual(columnsOf(category));
      expect(rows).toHaveLength(1);

      const src = { fileName: file.fileName, base64: file.base64, categoryId: category.id };
      const p = must(await t.core.dispatch('import.preview', src, call));
      // Every column maps to a field by itself, each to a different one.
      expect(Object.values(p.mapping).filter(Boolean)).toHaveLength(header!.length);
      expect(new Set(Object.values(p.mapping)).size).toBe(header!.length);
      expect(p.errors).toEqual([]);
      expect(p.warnings).toEqual([]);
      expect(p.validRows).toBe(1);
      const before = t.count();
      const r = must(await t.core.dispatch('import.commit', src, call));
      expect(r.imported).toBe(1);
      expect(t.count()).toBe(before + 1);
      const rowsNow = must(await t.core.dispatch('catalogue.query', { scope: { categoryId: category.id } }, call)).rows;
      const item = must(await t.core.dispatch('catalogue.get', { id: rowsNow[0]!.id }, call));
      expect(item.persons).toEqual([expect.objectContaining({ name: '张三' })]);
      expect(Object.keys(item.extra).sort()).toEqual(category.effectiveFields.map((f) => f.key).sort());
    },
  );

  it('refuses a 按卷 category, as the import does', async () => {
    const jt = await t.category('ZY·JT', call);
    const r = await t.core.dispatch('import.template', { categoryId: jt.id }, call);
    expect(r.ok ? 'ok' : r.error.code).toBe('WRONG_ARRANGEMENT');
  });
});

describe('dangan import template (CLI)', () => {
  it('writes the same template to a file', async () => {
    const dir = tempDir();
    try {
      setupViaCli(dir);
      const out = path.join(dir, '户籍迁入模板.xlsx');
      const r = dangan(['import', 'template', '--data', dir, '--category', 'ZY.HJ.QR', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('导入模板');
      const [header, example] = await readXlsx(fs.readFileSync(out).toString('base64'));
      expect(header).toEqual([...BUILT_IN, '户主姓名', '公民身份号码', '业务类型', '受理日期', '承办人']);
      expect(example).toHaveLength(header!.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
