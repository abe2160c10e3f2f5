/**
 * 统计年报 (issue 20; reference §11): what the catalogue cannot tell (库房面积, equipment, staff) is
 * entered once per year; a year closed by the station head keeps its figures frozen, signed by
 * content hash, so a later change to a counted record shows up as a correction, not a new number.
 */
import { sqliteTable, text, integer, real, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { signatures } from './lending';

/** The year's 库房, equipment and staff figures (档基 tables), one row per year. */
export const statisticsProfiles = sqliteTable('statistics_profiles', {
  year: integer('year').primaryKey(),
  nodeId: text('node_id').notNull(),
  version: integer('version').notNull().default(1),
  /** 库房面积 (平方米) and 排架长度 (米). */
  storageAreaM2: real('storage_area_m2').notNull().default(0),
  shelfMeters: real('shelf_meters').notNull().default(0),
  /** Equipment (台/组): 密集架, 档案柜, 空调, 除湿机, 计算机, 扫描仪. */
  compactShelves: integer('compact_shelves').notNull().default(0),
  cabinets: integer('cabinets').notNull().default(0),
  airConditioners: integer('air_conditioners').notNull().default(0),
  dehumidifiers: integer('dehumidifiers').notNull().default(0),
  computers: integer('computers').notNull().default(0),
  scanners: integer('scanners').notNull().default(0),
  /** 专职 and 兼职 archive staff (人). */
  staffFullTime: integer('staff_full_time').notNull().default(0),
  staffPartTime: integer('staff_part_time').notNull().default(0),
  remarks: text('remarks').notNull().default(''),
  updatedBy: text('updated_by'),
  updatedByName: text('updated_by_name').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** A closed year: the figures as signed (JSON), their hash, and the change-log position at closing. */
export const statisticsClosures = sqliteTable(
  'statistics_closures',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    year: integer('year').notNull(),
    /** JSON StatFigure[] exactly as signed. */
    figures: text('figures').notNull(),
    contentHash: text('content_hash').notNull(),
    /** The last change_log seq when closed: later rows are the changes a correction lists. */
    changeSeq: integer('change_seq').notNull(),
    comment: text('comment').notNull().default(''),
    signatureId: text('signature_id')
      .notNull()
      .references(() => signatures.id),
    closedBy: text('closed_by').notNull(),
    closedByName: text('closed_by_name').notNull(),
    closedAt: text('closed_at').notNull(),
  },
  (t) => [uniqueIndex('ux_statistics_closures_year').on(t.year)],
);

export type StatisticsProfileRecord = typeof statisticsProfiles.$inferSelect;
export type StatisticsClosureRecord = typeof statisticsClosures.$inferSelect;

/**
 * 考核指标 as the station computed them when it wrote a bundle (at most one a day), insert-only. They
 * travel to the bureau, which ranks stations on them: the room log, the audit chain and the loans'
 * due dates are not all in the mirror, so the bureau could not recompute them from mirrored rows.
 */
export const statisticsIndicatorSnapshots = sqliteTable('statistics_indicator_snapshots', {
  id: text('id').primaryKey(),
  nodeId: text('node_id').notNull(),
  computedAt: text('computed_at').notNull(),
  /** JSON Indicator[] (value, score, weight each). */
  indicators: text('indicators').notNull(),
  /** The weighted total (0–100) with the weights in force at the station. */
  total: real('total').notNull(),
});

export type StatisticsIndicatorSnapshotRecord = typeof statisticsIndicatorSnapshots.$inferSelect;
