/** The index's own facts in the meta table: stale flag and generation. */
import type Database from 'better-sqlite3';
import { searchDocs } from '../../../db/schema';
import { type CoreContext, getMeta, metaValue, setMeta } from '../kernel';

/** For the docs table, which refreshes on every search with only the connection at hand. */
export const getMetaRaw = (db: Database.Database, key: string): string | undefined => metaValue(db, key) ?? undefined;

/**
 * The layout of the index's terms and postings. An index written in another format (by an
 * older version of the app) is rebuilt, not read.
 */
export const INDEX_FORMAT = '2';
export const setIndexFormat = (ctx: CoreContext): void => setMeta(ctx, 'search.format', INDEX_FORMAT);

/**
 * The index no longer matches the records (a bulk load wrote items around it) or was
 * written in an older format: reindex before searching.
 */
export const isStale = (ctx: CoreContext): boolean =>
  getMeta(ctx, 'search.stale') === '1' ||
  (getMeta(ctx, 'search.format') !== INDEX_FORMAT &&
    ctx.orm.select({ doc: searchDocs.doc }).from(searchDocs).limit(1).get() !== undefined);
export const markStale = (ctx: CoreContext): void => setMeta(ctx, 'search.stale', '1');
