import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { DatabaseTooNewError } from './errors';

export interface MigrateReport {
  applied: number;
  backupFile: string | null;
  schemaVersion: number;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export const defaultMigrationsDir = (): string => path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function readJournal(dir: string): JournalEntry[] {
  const raw = fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8');
  return (JSON.parse(raw) as { entries: JournalEntry[] }).entries;
}

function appliedMigrations(sqlite: Database.Database): { created_at: number }[] {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get();
  if (!exists) return [];
  return sqlite.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY created_at').all() as {
    created_at: number;
  }[];
}

/**
 * Applies pending migrations. Before touching a database that already holds data it
 * writes a consistent copy (VACUUM INTO) to the backup folder; drizzle runs all
 * pending migrations in one transaction, so a failure leaves the file as it was.
 */
export function migrateDatabase(
  sqlite: Database.Database,
  orm: BetterSQLite3Database<Record<string, unknown>>,
  file: string,
  opts: { migrationsDir?: string; backupDir?: string; now?: () => Date },
): MigrateReport {
  const dir = opts.migrationsDir ?? defaultMigrationsDir();
  const journal = readJournal(dir);
  const known = journal.map((j) => j.when);
  const latestKnown = Math.max(...known);
  const applied = appliedMigrations(sqlite);
  const unknown = applied.filter((a) => a.created_at > latestKnown || !known.includes(a.created_at));
  if (unknown.length > 0) {
    throw new DatabaseTooNewError(
      `数据库来自更新版本的档案系统（含 ${unknown.length} 个本版本未知的结构变更），当前版本无法打开。请升级档案系统后再打开此数据库。`,
      { file, unknownMigrations: unknown.length },
    );
  }
  const pending = journal.filter((j) => !applied.some((a) => a.created_at === j.when));
  let backupFile: string | null = null;
  if (pending.length > 0 && applied.length > 0 && file !== ':memory:') {
    const backupDir = opts.backupDir ?? path.join(path.dirname(file), 'backups');
    fs.mkdirSync(backupDir, { recursive: true });
    const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
    backupFile = path.join(backupDir, `${path.basename(file, '.sqlite')}-${stamp}-before-${pending[0]!.tag}.sqlite`);
    sqlite.prepare('VACUUM INTO ?').run(backupFile);
  }
  if (pending.length > 0) migrate(orm, { migrationsFolder: dir });
  return { applied: pending.length, backupFile, schemaVersion: journal.length };
}
