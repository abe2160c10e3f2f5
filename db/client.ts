import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { declaredObjects, restoreDeclaredObjects, type DeclaredObject, type RebuildProgress } from './declared-objects';
import { defaultMigrationsDir, migrateDatabase, type MigrateReport } from './migrate';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  sqlite: Database.Database;
  orm: Orm;
  migration: MigrateReport;
  /** Declared indexes and triggers the file lacked and that were rebuilt before anything else ran. */
  rebuilt: DeclaredObject[];
}

export interface OpenOptions {
  /** Folder with drizzle-kit's migrations; defaults to db/migrations beside this file. */
  migrationsDir?: string;
  /** Where pre-migration backups go; defaults to `<file dir>/backups`. */
  backupDir?: string;
  now?: () => Date;
  nativeBinding?: string;
  /** Called before each missing index or trigger is rebuilt (a large index takes a while). */
  onRebuild?(p: RebuildProgress): void;
}

/**
 * Opens (creating if needed) the archive database: WAL, foreign keys on, a busy
 * timeout, then migrations with a backup first. Refuses files from a newer app. Then every
 * index and trigger the migrations declare that the file lacks is rebuilt (a bulk load
 * killed after dropping indexes leaves them missing; sorts would fail with "no such index").
 */
export function openDatabase(file: string, opts: OpenOptions = {}): OpenedDatabase {
  // The desktop shell points this at the Electron-ABI build of better-sqlite3; plain Node
  // (CLI, serve mode, tests) uses the copy in node_modules.
  const nativeBinding = opts.nativeBinding ?? process.env.DANGAN_SQLITE_BINDING;
  const sqlite = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // A bigger page cache keeps the grid's covering indexes in memory (≈64 MB).
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
    const orm = drizzle(sqlite, { schema });
    const migration = migrateDatabase(sqlite, orm, file, opts);
    const declared = declaredObjects(opts.migrationsDir ?? defaultMigrationsDir(), nativeBinding);
    const rebuilt = restoreDeclaredObjects(sqlite, declared, file, opts.onRebuild);
    return { sqlite, orm, migration, rebuilt };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
