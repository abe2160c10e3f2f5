/**
 * Shipped migrations are immutable, and an archive made by the oldest shipped schema
 * upgrades to the newest with its data intact.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, readJournal } from '../../db/migrate';
import { makeTestCore, tempDir, type TestCore } from '../helpers/test-core';

interface Shipped {
  idx: number;
  tag: string;
  when: number;
  sha256: string;
}

const dir = defaultMigrationsDir();
const shipped = JSON.parse(fs.readFileSync(path.resolve('db/shipped-migrations.json'), 'utf8')) as Shipped[];
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('shipped migrations', () => {
  it('are unchanged: same file bytes, same journal position and timestamp', () => {
    const journal = readJournal(dir);
    for (const s of shipped) {
      const entry = journal.find((e) => e.tag === s.tag);
      expect(entry, `${s.tag} was removed from the journal`).toBeDefined();
      expect({ idx: entry!.idx, when: entry!.when }, `${s.tag}: journal entry changed`).toEqual({
        idx: s.idx,
        when: s.when,
      });
      expect(sha256(path.join(dir, `${s.tag}.sql`)), `${s.tag}.sql changed after it shipped`).toBe(s.sha256);
    }
  });

  it('lists every migration in the journal (a new one is added to db/shipped-migrations.json when it lands)', () => {
    const journal = readJournal(dir);
    expect(journal.map((e) => e.tag)).toEqual(shipped.map((s) => s.tag));
    const sqlFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.sql'));
    expect(sqlFiles.sort()).toEqual(shipped.map((s) => `${s.tag}.sql`).sort());
  });
});

type Rows = Record<string, Record<string, unknown>[]>;

/** Every row of every table, in a stable order, read straight from the file. */
function snapshot(file: string): Rows {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'",
      )
      .pluck()
      .all() as string[];
    const out: Rows = {};
    for (const t of tables) {
      const cols = (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
      out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY ${cols.join(', ')}`).all() as Record<string, unknown>[];
    }
    return out;
  } finally {
    db.close();
  }
}

/** The same tables and columns read from the upgraded file. */
function sameColumns(file: string, before: Rows): Rows {
  const db = new Database(file, { readonly: true });
  try {
    const out: Rows = {};
    for (const [t, rows] of Object.entries(before)) {
      const cols = Object.keys(rows[0] ?? {}).map((c) => `"${c}"`);
      if (cols.length === 0) {
        out[t] = [];
        continue;
      }
      out[t] = db.prepare(`SELECT ${cols.join(', ')} FROM "${t}" ORDER BY ${cols.join(', ')}`).all() as Record<
        string,
        unknown
      >[];
    }
    return out;
  } finally {
    db.close();
  }
}

describe('an archive made by the oldest shipped schema', () => {
  let t: TestCore | null = null;
  afterEach(() => {
    t?.close();
    t = null;
  });

  it('upgrades to the newest schema with every row intact, and works', async () => {
    const data = tempDir();
    const file = path.join(data, 'dangan.sqlite');
    fs.copyFileSync(path.resolve('tests/fixtures/archives/station-0001.sqlite'), file);
    const old = new Database(file, { readonly: true });
    const applied = old.prepare('SELECT hash FROM __drizzle_migrations ORDER BY created_at').pluck().all();
    old.close();
    // It really is the oldest shipped schema: the first two migrations, byte for byte.
    expect(applied).toEqual(shipped.slice(0, 2).map((s) => s.sha256));
    const before = snapshot(file);
    expect(before.items).toHaveLength(240);
    expect(before.persons!.length).toBeGreaterThan(100);
    expect(before.audit_log!.length).toBeGreaterThan(0);

    t = await makeTestCore({ setup: false, dir: data });
    const upgraded = t.core.ctx.sqlite
      .prepare('SELECT hash FROM __drizzle_migrations ORDER BY created_at')
      .pluck()
      .all();
    expect(upgraded).toEqual(shipped.map((s) => s.sha256));
    // A backup of the old file was written before the upgrade.
    const backups = fs.readdirSync(path.join(data, 'backups'));
    expect(backups.some((f) => f.includes('before-0002'))).toBe(true);

    t.core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const after = sameColumns(file, before);
    for (const [table, rows] of Object.entries(before)) {
      // Migrations may add settings to meta (e.g. that the search index is to be built);
      // every other table holds exactly the rows it held, with the same values.
      if (table === 'meta') expect(after[table], table).toEqual(expect.arrayContaining(rows));
      else expect(after[table], table).toEqual(rows);
    }

    // items.access_level (0009) is backfilled: the higher of the item's level and its volume's.
    const volumeLevel = new Map(before.volumes!.map((v) => [v.id, Number(v.security_level)]));
    const byId = (a: { id: unknown }, b: { id: unknown }) => (String(a.id) < String(b.id) ? -1 : 1);
    const expected = before
      .items!.map((i) => ({
        id: i.id,
        access_level: Math.max(Number(i.security_level), volumeLevel.get(i.volume_id) ?? 0),
      }))
      .sort(byId);
    const backfilled = (
      t.core.ctx.sqlite.prepare('SELECT id, access_level FROM items').all() as { id: unknown; access_level: number }[]
    ).sort(byId);
    expect(backfilled).toEqual(expected);
    // The fixture holds an item raised by its volume, so the backfill is really exercised.
    const raised = before.items!.filter((i) => volumeLevel.get(i.volume_id)! > Number(i.security_level));
    expect(raised.length).toBeGreaterThan(0);

    // The upgraded archive works through the contract like one made today.
    const token = await t.login('admin', 'Fixture-pass-2026');
    const page = await t.ok('catalogue.query', { limit: 10 }, token);
    expect(page.total).toBe(240);
    const verify = await t.ok('audit.verify', {}, token);
    expect(verify).toMatchObject({ ok: true, firstBroken: null });
    expect(verify.checked).toBeGreaterThanOrEqual(before.audit_log!.length);
    await t.ok('search.reindex', {}, token);
    await expect.poll(async () => (await t!.ok('search.status', {}, token)).state, { timeout: 30_000 }).toBe('ready');
    const someone = String(before.persons![0]!.name);
    const hits = await t.ok('search.query', { q: someone }, token);
    expect(hits.total).toBeGreaterThan(0);
  });
});
