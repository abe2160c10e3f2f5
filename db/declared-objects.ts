/**
 * The indexes and triggers the migrations declare, and their restoration in a file that
 * lost some (a bulk load killed after dropping indexes for speed, a hand-edited file).
 * The declared set is read from a fresh in-memory database migrated with the same
 * migrations, so it is exactly what the committed SQL creates, with the same SQL text.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { DeclaredObjectRebuildError } from './errors';
import { readJournal } from './migrate';

export interface DeclaredObject {
  type: 'index' | 'trigger';
  name: string;
  table: string;
  sql: string;
}

export interface RebuildProgress {
  /** How many were rebuilt before this one. */
  done: number;
  total: number;
  object: DeclaredObject;
}

// Migrating an in-memory database takes ~10 ms; once per migrations folder (and journal) per process.
const cache = new Map<string, readonly DeclaredObject[]>();

/** sqlite_master's indexes and triggers with SQL (SQLite's own autoindexes have none), in creation order. */
export function listObjects(db: Database.Database): DeclaredObject[] {
  return db
    .prepare(
      `SELECT type, name, tbl_name AS "table", sql FROM sqlite_master
       WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid`,
    )
    .all() as DeclaredObject[];
}

export function declaredObjects(migrationsDir: string, nativeBinding?: string): readonly DeclaredObject[] {
  const key = `${migrationsDir}\n${readJournal(migrationsDir)
    .map((j) => j.tag)
    .join(',')}`;
  let found = cache.get(key);
  if (!found) {
    const mem = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
    try {
      migrate(drizzle(mem), { migrationsFolder: migrationsDir });
      found = listObjects(mem);
    } finally {
      mem.close();
    }
    cache.set(key, found);
  }
  return found;
}

const what = (o: DeclaredObject) => (o.type === 'index' ? '索引' : '触发器');

/**
 * Recreates every declared index and trigger the file lacks, from its declared SQL, in one
 * transaction (all or none), and returns what it rebuilt. Objects the file has are left as
 * they are. A rebuild that fails (a UNIQUE index over duplicate rows) stops with a
 * Chinese message naming it: the archive is not served without it.
 */
export function restoreDeclaredObjects(
  sqlite: Database.Database,
  declared: readonly DeclaredObject[],
  file: string,
  onProgress?: (p: RebuildProgress) => void,
): DeclaredObject[] {
  const present = new Set(listObjects(sqlite).map((o) => `${o.type}:${o.name}`));
  const missing = declared.filter((o) => !present.has(`${o.type}:${o.name}`));
  if (missing.length === 0) return [];
  sqlite
    .transaction(() => {
      missing.forEach((object, done) => {
        onProgress?.({ done, total: missing.length, object });
        try {
          sqlite.exec(object.sql);
        } catch (e) {
          const cause = e instanceof Error ? e.message : String(e);
          const code = (e as { code?: unknown }).code;
          const duplicate = typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
          const message = duplicate
            ? `档案数据库缺少唯一索引 ${object.name}（表 ${object.table}），且表中已有重复的值，无法重建，档案不能打开。请联系管理员：清除重复记录，或用 backups 文件夹中的备份恢复。`
            : `档案数据库缺少${what(object)} ${object.name}（表 ${object.table}），重建失败：${cause}`;
          throw new DeclaredObjectRebuildError(message, {
            file,
            type: object.type,
            name: object.name,
            table: object.table,
            cause,
          });
        }
      });
    })
    .immediate();
  return missing;
}
