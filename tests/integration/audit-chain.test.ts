import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dangan, setupViaCli } from '../helpers/cli';
import { categoryId, makeTestCore, tempDir, type TestCore } from '../helpers/test-core';

let t: TestCore | undefined;
afterEach(() => t?.close());

async function archiveWithHistory(): Promise<string> {
  const dir = tempDir();
  setupViaCli(dir);
  t = await makeTestCore({ setup: false, dir });
  t.adminToken = await t.login('admin', 'Adm1n-Passw0rd');
  const ws = await categoryId(t, 'WS');
  for (let i = 0; i < 5; i++)
    await t.ok('catalogue.create', { categoryId: ws, year: 2020, title: `文件${i}` }, t.adminToken);
  await t.core.close();
  t = undefined;
  return dir;
}

describe('dangan audit verify', () => {
  it('passes on an intact chain and names the first tampered entry', async () => {
    const dir = await archiveWithHistory();
    try {
      const ok = dangan(['audit', 'verify', '--data', dir, '--json']);
      expect(ok.code).toBe(0);
      const good = JSON.parse(ok.stdout) as { ok: boolean; checked: number };
      expect(good.ok).toBe(true);
      expect(good.checked).toBeGreaterThanOrEqual(7);

      // Someone with the database file rewrites one summary (e.g. to hide who deleted what).
      const db = new Database(path.join(dir, 'dangan.sqlite'));
      // The append-only triggers stop a plain UPDATE; someone with the file drops them first.
      expect(() => db.prepare("UPDATE audit_log SET summary = 'x' WHERE seq = 4").run()).toThrow(/只能追加/);
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      db.prepare("UPDATE audit_log SET summary = '新建件（已改）' WHERE seq = 4").run();
      db.close();
      const bad = dangan(['audit', 'verify', '--data', dir]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('第 4 条');
      expect(bad.stdout).toContain('篡改');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('detects a deleted entry', async () => {
    const dir = await archiveWithHistory();
    try {
      const db = new Database(path.join(dir, 'dangan.sqlite'));
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/只能追加/);
      db.exec('DROP TRIGGER audit_log_no_delete;');
      db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
      db.close();
      const r = JSON.parse(dangan(['audit', 'verify', '--data', dir, '--json']).stdout) as {
        ok: boolean;
        firstBroken: { seq: number };
      };
      expect(r).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
