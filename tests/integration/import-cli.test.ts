import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dangan, setupViaCli } from '../helpers/cli';
import { IDS } from '../helpers/import-fixtures';
import { tempDir } from '../helpers/test-core';

describe('dangan import catalogue (CLI)', () => {
  it('imports a CSV as the local operator and reports row errors as JSON', async () => {
    const dir = tempDir();
    try {
      setupViaCli(dir);
      const good = path.join(dir, '目录.csv');
      fs.writeFileSync(
        good,
        `题名,日期,姓名,身份证号,保管期限\n通知一,2011-03-05,王芳,${IDS.wangFang},长期\n通知二,2011/4/1,,,永久\n`,
      );
      const ok = dangan(['import', 'catalogue', '--data', dir, '--file', good, '--category', 'WS', '--json']);
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toEqual({
        ok: true,
        imported: 2,
        errors: [],
        firstArchiveCode: 'J001-WS·2011-D30-0001',
        lastArchiveCode: 'J001-WS·2011-Y-0001',
      });
      expect(ok.stderr).toContain('写入 2/2');

      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, '文件题目,日期\n通知三,2011-03-05\n,2011-13-01\n');
      const mapping = path.join(dir, 'm.json');
      fs.writeFileSync(mapping, JSON.stringify({ 文件题目: 'title', 日期: 'date' }));
      const r = dangan([
        'import',
        'catalogue',
        '--data',
        dir,
        '--file',
        bad,
        '--category',
        'WS',
        '--mapping',
        mapping,
        '--json',
      ]);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { ok: boolean; errors: { row: number; field: string }[] };
      expect(out.ok).toBe(false);
      expect(out.errors.map((e) => [e.row, e.field])).toEqual([
        [3, '题名'],
        [3, '日期'],
      ]);
      const text = dangan([
        'import',
        'catalogue',
        '--data',
        dir,
        '--file',
        bad,
        '--category',
        'ws',
        '--mapping',
        mapping,
      ]);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('第3行  题名');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
