import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { items } from './catalogue';

/**
 * The text of an item's pages (OCR output, one row per page). Full-text search reads it;
 * the scanning issue adds the images it was read from.
 */
export const pageTexts = sqliteTable(
  'page_texts',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    pageNo: integer('page_no').notNull(),
    /** The scanned page the text was read from (null for demo and imported text). */
    pageId: text('page_id'),
    text: text('text').notNull(),
    /** Where the text came from: 'ocr' (recognised, maybe corrected) or 'demo'. */
    source: text('source').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('ux_page_texts_item_page').on(t.itemId, t.pageNo)],
);

/**
 * One searchable document per indexed version of an item. An item's change appends a
 * new document (higher number) and retires the one it `replaces`, so postings are only
 * ever appended; retired documents are dropped at the next reindex.
 * The columns are what search filters on, copied from the item when it was indexed.
 */
export const searchDocs = sqliteTable(
  'search_docs',
  {
    doc: integer('doc').primaryKey(),
    itemId: text('item_id').notNull(),
    /** The document this one retires (the item's previous version), if any. */
    replaces: integer('replaces'),
    /** 0 when this row only retires `replaces` (the item is gone from search). */
    live: integer('live').notNull(),
    categoryId: text('category_id').notNull(),
    year: integer('year').notNull(),
    retention: text('retention').notNull(),
    securityLevel: integer('security_level').notNull(),
    /** 0 在库, 1 已删除. */
    status: integer('status').notNull(),
    hasScans: integer('has_scans').notNull(),
    /** The item's date as YYYYMMDD, 0 when unknown. */
    date: integer('date').notNull(),
    /** At the bureau: the station the record came from ('' for the bureau's own items). */
    stationId: text('station_id').notNull().default(''),
  },
  (t) => [index('ix_search_docs_item').on(t.itemId, t.doc)],
);

export const savedSearches = sqliteTable(
  'saved_searches',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    query: text('query').notNull(),
    /** The filters as JSON (contract SearchFilters). */
    filters: text('filters').notNull().default('{}'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('ux_saved_searches_user_name').on(t.userId, t.name)],
);

/** The last searches of each user (the newest 20 are kept). */
export const recentSearches = sqliteTable(
  'recent_searches',
  {
    id: integer('id').primaryKey(),
    userId: text('user_id').notNull(),
    query: text('query').notNull(),
    filters: text('filters').notNull().default('{}'),
    at: text('at').notNull(),
  },
  (t) => [index('ix_recent_searches_user').on(t.userId, t.id)],
);
