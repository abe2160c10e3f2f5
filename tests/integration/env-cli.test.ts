/**
 * `dangan env import` loads a logger's CSV through dispatch: a bad file is refused with its
 * line numbers and nothing written; a good one (GBK here) goes in. One child process only
 * (the real command, for the good file): the archive, its rooms and the refusal run in-process.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../scripts/cli/main';
import { dangan } from '../helpers/cli';
import { makeTestCore, tempDir } from '../helpers/test-core';

const dir = tempDir('dangan-env-cli-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const count = (sql: string): unknown => {
  const db = new Database(path.join(dir, 'dangan.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get();
  } finally {
    db.close();
  }
};

describe('dangan env import', () => {
  it('refuses a bad file by line, then imports a GBK one into the room named', async () => {
    const t = await makeTestCore({ dir });
    await t.ok('env.rooms.save', { code: 'KF01', name: '一号库房' }, t.adminToken);
    await t.ok('env.rooms.save', { code: 'KF02', name: '二号库房' }, t.adminToken);
    await t.core.close();

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '时间,温度,湿度\n2026-01-05 08:00,20,50\n2026-01-05 16:00,300,50\n');
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => printed.push(String(s)) > 0);
    let code: number;
    try {
      code = await main(['env', 'import', '--data', dir, '--file', bad, '--room', 'KF01']);
    } finally {
      spy.mockRestore();
    }
    const refused = { code, stdout: printed.join('') };
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('bad.csv：1 行有错误，未导入任何读数');
    expect(refused.stdout).toContain('第3行  温度 300 °C 不可能出现在库房');
    expect(count('SELECT count(*) FROM room_readings')).toBe(0);

    // "时间,温度,湿度" and one reading, in GBK bytes (encoded once with Python's gbk codec).
    const good = path.join(dir, 'good.csv');
    const hex = 'cab1bce42ccec2b6c82ccaaab6c80a323032362d30312d30352030383a30302c32302e352c35310a';
    fs.writeFileSync(good, Buffer.from(hex, 'hex'));
    const ok = dangan(['env', 'import', '--data', dir, '--file', good, '--room', 'kf02']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(
      '二号库房（KF02）：已导入 1 条读数（2026-01-05 08:00 至 2026-01-05 08:00），超出范围 0 条',
    );
    expect(ok.stdout).toContain('文件编码 GBK');
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'room.reading.import'")).toBe(1);
    expect(count("SELECT actor_name FROM audit_log WHERE action = 'room.reading.import'")).toBe('命令行(cli)');
  }, 60_000);
});
