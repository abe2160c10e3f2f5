import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { defaultMigrationsDir, readJournal } from '../../db/migrate';
import { tempDir } from '../helpers/test-core';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};

describe('migrations', () => {
  it('creates the schema with WAL and foreign keys, and is a no-op on reopen', () => {
    const file = path.join(fresh(), 'a.sqlite');
    const first = openDatabase(file);
    expect(first.migration.applied).toBe(readJournal(defaultMigrationsDir()).length);
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    first.sqlite.close();
    const again = openDatabase(file);
    expect(again.migration).toMatchObject({ applied: 0, backupFile: null });
    again.sqlite.close();
  });

  it('backs the file up before applying a new migration to existing data', () => {
    const dir = fresh();
    const file = path.join(dir, 'a.sqlite');
    const db = openDatabase(file);
    db.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'kept')").run();
    db.sqlite.close();
    // A newer app version: the shipped migrations plus one more.
    const migrations = path.join(dir, 'migrations');
    fs.cpSync(defaultMigrationsDir(), migrations, { recursive: true });
    const journalFile = path.join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
      entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[];
    };
    const last = journal.entries.at(-1)!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_probe' });
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    fs.writeFileSync(path.join(migrations, '9999_probe.sql'), 'CREATE TABLE probe_table (id integer primary key);');
    const upgraded = openDatabase(file, { migrationsDir: migrations });
    expect(upgraded.migration.applied).toBe(1);
    expect(upgraded.migration.backupFile).toBeTruthy();
    upgraded.sqlite.close();
    const backup = new Database(upgraded.migration.backupFile!, { readonly: true });
    expect(backup.prepare("SELECT value FROM meta WHERE key='probe'").get()).toEqual({ value: 'kept' });
    expect(backup.prepare("SELECT name FROM sqlite_master WHERE name='probe_table'").get()).toBeUndefined();
    backup.close();
  });

  it('sets the confidence of fields stored as read empty to 0 when it upgrades an older archive', () => {
    const dir = fresh();
    const file = path.join(dir, 'a.sqlite');
    // The archive as the version before this upgrade left it: migrations up to 0006 only.
    const older = path.join(dir, 'migrations-0006');
    fs.cpSync(defaultMigrationsDir(), older, { recursive: true });
    const journalFile = path.join(older, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx <= 6);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    openDatabase(file, { migrationsDir: older }).sqlite.close();
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    const insert = raw.prepare(
      `INSERT INTO page_fields (page_id, key, label, kind, raw, value, confidence, valid, bbox)
       VALUES ('p1', ?, ?, 'text', ?, ?, 100, 1, '{}')`,
    );
    insert.run('handler', '承办人', '', '');
    insert.run('name', '姓名', '刘文静', '刘文静');
    raw.close();
    const upgraded = openDatabase(file);
    const rows = upgraded.sqlite.prepare('SELECT key, confidence FROM page_fields ORDER BY key').all();
    upgraded.sqlite.close();
    expect(rows).toEqual([
      { key: 'handler', confidence: 0 },
      { key: 'name', confidence: 100 },
    ]);
  });

  it('refuses a database written by a newer app version and leaves it untouched', () => {
    const file = path.join(fresh(), 'a.sqlite');
    openDatabase(file).sqlite.close();
    const raw = new Database(file);
    raw
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('future', Date.now() + 10 ** 10);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/更新版本/);
    try {
      openDatabase(file);
    } catch (e) {
      expect((e as { code: string }).code).toBe('DB_TOO_NEW');
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
