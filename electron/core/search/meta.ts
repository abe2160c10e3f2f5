/** The index's own facts in the meta table: stale flag and generation. */
import type Database from 'better-sqlite3';

export const getMetaRaw = (db: Database.Database, key: string): string | undefined =>
  (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? undefined;

export function setMetaRaw(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/**
 * The layout of the index's terms and postings. An index written in another format (by an
 * older version of the app) is rebuilt, not read.
 */
export const INDEX_FORMAT = '2';
export const setIndexFormat = (db: Database.Database): void => setMetaRaw(db, 'search.format', INDEX_FORMAT);

/**
 * The index no longer matches the records (a bulk load wrote items around it) or was
 * written in an older format: reindex before searching.
 */
export const isStale = (db: Database.Database): boolean =>
  getMetaRaw(db, 'search.stale') === '1' ||
  (getMetaRaw(db, 'search.format') !== INDEX_FORMAT &&
    db.prepare('SELECT 1 FROM search_docs LIMIT 1').get() !== undefined);
export const markStale = (db: Database.Database): void => setMetaRaw(db, 'search.stale', '1');
