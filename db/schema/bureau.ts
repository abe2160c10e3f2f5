/**
 * Bureau: the stations' items and persons as typed rows, so the bureau's 档案目录 and
 * 人员档案 page, sort and count them through indexes like its own catalogue. They are a
 * projection of `station_records` (the mirror, which stays the source of truth), kept in
 * step by triggers on it (custom migration `bureau_catalogue_projection`): every writer
 * of the mirror (bundle import, conflict resolution) updates them in its own transaction.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

const live = sql`deleted_at IS NULL`;

/** A station's item (its `items` row); a copy kept beside it after a conflict has id `<id>~<conflict>`. */
export const stationItems = sqliteTable(
  'station_items',
  {
    stationId: text('station_id').notNull(),
    id: text('id').notNull(),
    version: integer('version').notNull(),
    nodeId: text('node_id').notNull(),
    fondsCode: text('fonds_code').notNull(),
    categoryId: text('category_id').notNull(),
    categoryCode: text('category_code').notNull(),
    year: integer('year').notNull(),
    retention: text('retention').notNull(),
    orgCode: text('org_code').notNull(),
    volumeId: text('volume_id'),
    itemNo: integer('item_no').notNull(),
    archiveCode: text('archive_code').notNull(),
    title: text('title').notNull(),
    author: text('author').notNull(),
    docNumber: text('doc_number').notNull(),
    date: text('date').notNull(),
    pageCount: integer('page_count'),
    securityLevel: integer('security_level').notNull(),
    remarks: text('remarks').notNull(),
    extra: text('extra').notNull(),
    personNames: text('person_names').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Set when the station deleted the item (its tombstone). */
    deletedAt: text('deleted_at'),
    deletedReason: text('deleted_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.id] }),
    index('ix_station_items_code').on(t.stationId, t.archiveCode, t.securityLevel).where(live),
    index('ix_station_items_class').on(
      t.stationId,
      t.categoryCode,
      t.year,
      t.retention,
      t.orgCode,
      t.securityLevel,
      t.deletedAt,
    ),
    // Held at a year's end (the county report's holdings check): counted from this index alone,
    // never the rows — a county's two million mirrored items are gigabytes, read cold from disk.
    index('ix_station_items_held').on(t.stationId, t.createdAt, t.deletedAt),
  ],
);

/** A station's person. */
export const stationPersons = sqliteTable(
  'station_persons',
  {
    stationId: text('station_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number'),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.id] }),
    index('ix_station_persons_name').on(t.name),
    index('ix_station_persons_idno').on(t.idNumber),
  ],
);

/** Which station items name which persons. */
export const stationItemPersons = sqliteTable(
  'station_item_persons',
  {
    stationId: text('station_id').notNull(),
    itemId: text('item_id').notNull(),
    personId: text('person_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.itemId, t.personId] }),
    index('ix_station_item_persons_person').on(t.stationId, t.personId),
  ],
);
