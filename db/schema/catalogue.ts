import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

const live = sql`deleted_at IS NULL`;

/** 案卷. The 档号 segments are stored separately; archive_code is generated from them. */
export const volumes = sqliteTable(
  'volumes',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    fondsCode: text('fonds_code').notNull(),
    categoryId: text('category_id').notNull(),
    categoryCode: text('category_code').notNull(),
    year: integer('year').notNull(),
    retention: text('retention', { enum: ['Y', 'D30', 'D10'] }).notNull(),
    orgCode: text('org_code').notNull().default(''),
    volumeNo: integer('volume_no').notNull(),
    archiveCode: text('archive_code').notNull(),
    title: text('title').notNull(),
    startDate: text('start_date').notNull().default(''),
    endDate: text('end_date').notNull().default(''),
    securityLevel: integer('security_level').notNull().default(0),
    remarks: text('remarks').notNull().default(''),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
    deletedBy: text('deleted_by'),
    deletedReason: text('deleted_reason'),
  },
  (t) => [
    uniqueIndex('ux_volumes_code').on(t.archiveCode).where(live),
    index('ix_volumes_class').on(t.categoryId, t.year, t.retention, t.orgCode, t.volumeNo),
  ],
);

/** 件. person_names is a denormalised copy for the grid and its filters. */
export const items = sqliteTable(
  'items',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    fondsCode: text('fonds_code').notNull(),
    categoryId: text('category_id').notNull(),
    categoryCode: text('category_code').notNull(),
    year: integer('year').notNull(),
    retention: text('retention', { enum: ['Y', 'D30', 'D10'] }).notNull(),
    orgCode: text('org_code').notNull().default(''),
    volumeId: text('volume_id'),
    itemNo: integer('item_no').notNull(),
    archiveCode: text('archive_code').notNull(),
    title: text('title').notNull(),
    author: text('author').notNull().default(''),
    docNumber: text('doc_number').notNull().default(''),
    date: text('date').notNull().default(''),
    pageCount: integer('page_count'),
    securityLevel: integer('security_level').notNull().default(0),
    remarks: text('remarks').notNull().default(''),
    extra: text('extra').notNull().default('{}'),
    personNames: text('person_names').notNull().default(''),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
    deletedBy: text('deleted_by'),
    deletedReason: text('deleted_reason'),
    /**
     * The 密级 that guards the item: max(security_level, its volume's level or 0), kept by
     * triggers (migration 0009), never written by code, never synced or exported. Stored so
     * that list queries test clearance inside their indexes (kernel/security-level.ts).
     */
    accessLevel: integer('access_level').notNull().default(0),
  },
  (t) => [
    uniqueIndex('ux_items_code').on(t.archiveCode).where(live),
    // Covering indexes: the grid pages a million rows by OFFSET on the index alone,
    // with the clearance filter evaluated inside the index (no table lookups).
    index('ix_items_code_sec').on(t.archiveCode, t.accessLevel).where(live),
    index('ix_items_class').on(t.categoryId, t.year, t.retention, t.orgCode, t.itemNo, t.accessLevel, t.deletedAt),
    index('ix_items_date_sec').on(t.date, t.accessLevel).where(live),
    // Only the items filed in volumes (按卷), a small share: the index stays small.
    index('ix_items_volume')
      .on(t.volumeId)
      .where(sql`volume_id IS NOT NULL`),
  ],
);

/** 一人一档: persons, identified by 公民身份号码 when known. */
export const persons = sqliteTable(
  'persons',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('ux_persons_idno')
      .on(t.idNumber)
      .where(sql`id_number IS NOT NULL`),
    index('ix_persons_name').on(t.name),
  ],
);

export const itemPersons = sqliteTable(
  'item_persons',
  {
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.personId] }), index('ix_item_persons_person').on(t.personId)],
);

/**
 * 档号 history: every 档号 a record had before a 更正归档位置 (or before a restore that
 * found its number taken). Search indexes old_code with the record, so the old 档号
 * still finds it; the record's detail shows the list.
 */
export const archiveCodeHistory = sqliteTable(
  'archive_code_history',
  {
    id: text('id').primaryKey(),
    entity: text('entity', { enum: ['item', 'volume'] }).notNull(),
    entityId: text('entity_id').notNull(),
    oldCode: text('old_code').notNull(),
    newCode: text('new_code').notNull(),
    reason: text('reason').notNull(),
    changedBy: text('changed_by'),
    changedByName: text('changed_by_name').notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('ix_code_history_entity').on(t.entityId, t.changedAt), index('ix_code_history_old').on(t.oldCode)],
);

/** Row types of the catalogue tables: the one source for all code, raw SQL included. */
export type VolumeRecord = typeof volumes.$inferSelect;
export type ItemRecord = typeof items.$inferSelect;
export type PersonRecord = typeof persons.$inferSelect;
export type CodeHistoryRecord = typeof archiveCodeHistory.$inferSelect;
