/**
 * The archive-room log (库房管理): the rooms, their temperature and humidity readings and
 * the periodic 九防 safety checks with their findings. Ranges default to the reference's
 * paper store (14–24 °C, 45–60 % RH, shared/domain/reference.md §12) and are set per room.
 */
import { sqliteTable, text, integer, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const rooms = sqliteTable(
  'rooms',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    /** 库房编号, unique on this node; what the CLI and a CSV import name the room by. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    tempMin: real('temp_min').notNull().default(14),
    tempMax: real('temp_max').notNull().default(24),
    humidityMin: real('humidity_min').notNull().default(45),
    humidityMax: real('humidity_max').notNull().default(60),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('ux_rooms_code').on(t.code)],
);

/** One temperature and humidity reading. `taken_at` is the room's wall-clock time, 'YYYY-MM-DD HH:MM'. */
export const roomReadings = sqliteTable(
  'room_readings',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    takenAt: text('taken_at').notNull(),
    temperature: real('temperature').notNull(),
    humidity: real('humidity').notNull(),
    /** Who read the hygrometer (display name), or who imported the logger's file. */
    recordedBy: text('recorded_by').notNull(),
    source: text('source', { enum: ['keyboard', 'csv'] }).notNull(),
    /** What was done about an out-of-range reading (开启除湿机 …); '' when nothing yet. */
    action: text('action').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('ix_room_readings_room_time').on(t.roomId, t.takenAt)],
);

/** A dated 九防 check of a room: who checked; each of the nine items is ok unless a finding names it. */
export const roomChecks = sqliteTable(
  'room_checks',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    checkDate: text('check_date').notNull(),
    checkedBy: text('checked_by').notNull(),
    note: text('note').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('ix_room_checks_room_date').on(t.roomId, t.checkDate)],
);

/** The nine items of 九防, in the order the form lists them. */
export const NINE_GUARDS = ['fire', 'theft', 'damp', 'insects', 'light', 'dust', 'heat', 'rodents', 'gas'] as const;

/** A finding of a check on one of the nine items, followed up until closed. */
export const roomFindings = sqliteTable(
  'room_findings',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    checkId: text('check_id')
      .notNull()
      .references(() => roomChecks.id),
    guard: text('guard', { enum: NINE_GUARDS }).notNull(),
    finding: text('finding').notNull(),
    followUp: text('follow_up').notNull().default(''),
    closedAt: text('closed_at'),
    closedBy: text('closed_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('ix_room_findings_check').on(t.checkId)],
);
