import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../electron/core/kernel/archive-lock';
import { dangan, setupViaCli } from '../helpers/cli';
import { tempDir } from '../helpers/test-core';
import { startServe, stopProcess, type ServeHandle } from '../e2e/support/server';

let serve: ServeHandle | undefined;
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

/** The archive's item count and audit length, read beside the running app (WAL readers never block). */
function counts(dir: string): { items: number; audit: number } {
  const db = new Database(path.join(dir, 'dangan.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return { items: n('SELECT count(*) n FROM items'), audit: n('SELECT count(*) n FROM audit_log') };
  } finally {
    db.close();
  }
}

function archiveWithCsv(): { dir: string; csv: string } {
  const dir = tempDir('dangan-busy-');
  setupViaCli(dir);
  const csv = path.join(dir, '目录.csv');
  fs.writeFileSync(csv, '题名,日期,保管期限\n通知一,2011-03-05,长期\n通知二,2011-04-01,永久\n');
  return { dir, csv };
}

describe('a writing CLI command while the app has the archive open', () => {
  it('is refused in Chinese before writing anything, never with SQLITE_BUSY, and runs once the app is closed', async () => {
    const { dir, csv } = archiveWithCsv();
    // An empty static folder: this test is about the archive, not the UI build.
    serve = await startServe(dir, { args: ['--port', '0', '--static', tempDir('dangan-static-')] });
    const before = counts(dir);

    const demo = dangan(['demo', '--data', dir, '--items', '200']);
    const imp = dangan(['import', 'catalogue', '--data', dir, '--file', csv, '--category', 'WS']);
    for (const r of [demo, imp]) {
      expect(r.stderr).not.toMatch(/SQLITE_BUSY|database is locked/);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('档案正由正在运行的档案系统使用（dangan serve，进程 ' + serve.proc.pid);
      expect(r.stderr).toContain('请先关闭它');
    }
    // Nothing half-written, and the chain still verifies (a read-only command runs beside the app).
    expect(counts(dir)).toEqual(before);
    const verify = dangan(['audit', 'verify', '--data', dir, '--json']);
    expect(verify.code, verify.stderr).toBe(0);
    // The app itself still works and writes.
    const status = await fetch(`${serve.origin}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dangan-token': new URL(serve.url).hash.slice(7) },
      body: JSON.stringify({ method: 'system.status', input: {} }),
    });
    expect(((await status.json()) as { ok: boolean }).ok).toBe(true);

    // Closed: the lock is gone and the same commands run.
    await stopProcess(serve.proc);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = dangan(['import', 'catalogue', '--data', dir, '--file', csv, '--category', 'WS']);
    expect(again.code, again.stderr).toBe(0);
    const demoAgain = dangan(['demo', '--data', dir, '--items', '50']);
    expect(demoAgain.code, demoAgain.stderr).toBe(0);
    expect(counts(dir).items).toBe(52);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it('takes over the lock of an app that was killed, and keeps a second app out while one runs', async () => {
    const { dir } = archiveWithCsv();
    const staticDir = tempDir('dangan-static-');
    const first = await startServe(dir, { args: ['--port', '0', '--static', staticDir] });
    // A second app on the same archive is refused the same way.
    const second = dangan(['serve', '--data', dir, '--no-open', '--static', staticDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`进程 ${first.proc.pid}`);
    // kill -9 leaves the lock file behind; its process is gone, so the next command proceeds.
    await stopProcess(first.proc, 'SIGKILL');
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    const demo = dangan(['demo', '--data', dir, '--items', '30']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(counts(dir).items).toBe(30);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);

    // The other way round: while a writing command runs (its marker, held by a live process:
    // this one), the app does not start underneath it.
    const marker = path.join(dir, `dangan-cli-${process.pid}.lock`);
    fs.writeFileSync(marker, JSON.stringify({ pid: process.pid, command: 'demo', startedAt: '2026-03-01T08:00:00Z' }));
    const blocked = dangan(['serve', '--data', dir, '--no-open', '--static', staticDir]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(`档案正由命令 dangan demo 写入（进程 ${process.pid}`);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    fs.rmSync(marker);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
