/**
 * Issue 14, import: an explicit option writes only the valid rows (one transaction, one
 * audit entry saying what was skipped) and returns the bad rows as an .xlsx report with
 * their original columns and a column of reasons, which imports once fixed. The default
 * stays all or nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CategoryView } from '../../electron/contract/dto';
import { dangan, setupViaCli } from '../helpers/cli';
import { IDS, must, readXlsx, useWsImport, xlsxBase64, type TestCore } from '../helpers/import-fixtures';
import { tempDir } from '../helpers/test-core';

let t: TestCore;
let call: { sessionToken: string };
let ws: CategoryView;
useWsImport((f) => ({ t, call, ws } = f));

const BAD_ID = '110105194912310022';
const HEADER = ['题名', '日期', '姓名', '证件号码', '保管期限'];
const ROWS = [
  ['通知一', '2011-03-05', '王芳', IDS.wangFang, '永久'],
  ['通知二', '2011-03-06', '李四', BAD_ID, '永久'],
  ['通知三', '2011-03-07', '', '', '永久'],
  ['', '2011-03-08', '', '', '临时'],
  ['通知五', '2011-03-09', '张三', IDS.zhangSan, '永久'],
];

const source = async (extra: Record<string, unknown> = {}) => ({
  fileName: '文书目录.xlsx',
  base64: await xlsxBase64([HEADER, ...ROWS]),
  categoryId: ws.id,
  ...extra,
});
const tables = () =>
  ['items', 'audit_log', 'change_log'].map((n) => t.core.ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${n}`).get());

describe('import.commit with validOnly', () => {
  it('stays all-or-nothing by default', async () => {
    const before = tables();
    const r = await t.core.dispatch('import.commit', await source(), call);
    expect(r.ok ? 'ok' : r.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(tables()).toEqual(before);
  });

  it('writes the valid rows in one audited transaction and reports the others to fix', async () => {
    const items = t.count();
    const r = must(await t.core.dispatch('import.commit', await source({ validOnly: true }), call));
    expect(r.imported).toBe(3);
    expect(r.skipped).toBe(2);
    expect([r.firstArchiveCode, r.lastArchiveCode]).toEqual(['J001-WS·2011-Y-0001', 'J001-WS·2011-Y-0003']);
    expect(t.count()).toBe(items + 3);
    const changes = t.core.ctx.sqlite.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'item'").get();
    expect(changes).toEqual({ n: 3 });

    const audit = must(await t.core.dispatch('audit.list', { action: 'item.import' }, call)).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('跳过有错误的 2 行');
    expect(audit[0]!.details).toMatchObject({ count: 3, validOnly: true, skipped: 2, skippedRows: [3, 5] });
    expect(must(await t.core.dispatch('audit.verify', {}, call)).ok).toBe(true);

    expect(r.report!.fileName).toBe('文书目录-错误行.xlsx');
    expect(r.report!.rows).toBe(2);
    const [header, ...bad] = await readXlsx(r.report!.base64);
    expect(header).toEqual([...HEADER, '错误原因']);
    expect(bad.map((row) => row.slice(0, HEADER.length))).toEqual([ROWS[1], ROWS[3]]);
    expect(bad[0]![HEADER.length]).toMatch(/^原第3行：公民身份号码：.*校验位不正确/);
    expect(bad[1]![HEADER.length]).toContain('题名：题名不能为空');
    expect(bad[1]![HEADER.length]).toContain('保管期限：');

    // The clerk fixes the two rows in the report and imports it as it is.
    const fixed = [
      [...HEADER, '错误原因'],
      ['通知二', '2011-03-06', '李四', IDS.liSi, '永久', bad[0]![HEADER.length]!],
      ['通知四', '2011-03-08', '', '', '永久', bad[1]![HEADER.length]!],
    ];
    const again = { fileName: r.report!.fileName, base64: await xlsxBase64(fixed), categoryId: ws.id };
    const p = must(await t.core.dispatch('import.preview', again, call));
    expect(p.mapping['错误原因']).toBe('');
    expect(p.warnings).toEqual([]);
    expect(p.errors).toEqual([]);
    const second = must(await t.core.dispatch('import.commit', again, call));
    expect([second.imported, second.skipped, second.report]).toEqual([2, 0, null]);
  });

  it('writes nothing when no row is valid', async () => {
    const before = tables();
    const src = {
      fileName: 'x.xlsx',
      base64: await xlsxBase64([HEADER, ROWS[3]!]),
      categoryId: ws.id,
      validOnly: true,
    };
    const r = await t.core.dispatch('import.commit', src, call);
    expect(r.ok ? 'ok' : r.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(tables()).toEqual(before);
  });
});

describe('dangan import catalogue --valid-only --report (CLI)', () => {
  it('imports the valid rows and writes the report', async () => {
    const dir = tempDir();
    try {
      setupViaCli(dir);
      const file = path.join(dir, '目录.xlsx');
      fs.writeFileSync(file, Buffer.from((await source()).base64, 'base64'));
      const report = path.join(dir, '错误行.xlsx');
      const args = ['import', 'catalogue', '--data', dir, '--file', file, '--category', 'WS'];
      const r = dangan([...args, '--valid-only', '--report', report, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, imported: 3, skipped: 2, report });
      const [header, ...bad] = await readXlsx(fs.readFileSync(report).toString('base64'));
      expect(header).toEqual([...HEADER, '错误原因']);
      expect(bad).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
