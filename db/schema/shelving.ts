/**
 * Where the paper stands (库位与装盒): storage places as a tree (库房 → 区 → 密集架/列 → 节 → 层,
 * names and depth configured), boxes (档案盒) filled by the rules of reference §3, where each
 * box or loose volume stands (its location; not the catalogue's 归档位置), every move it made, and stock-takes (盘点) with their scans.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

const live = sql`deleted_at IS NULL`;

/** One storage place. `depth` 0 is a 库房; its level name is the configured name at that depth. */
export const places = sqliteTable(
  'places',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    parentId: text('parent_id'),
    depth: integer('depth').notNull(),
    /** 库位编码: ASCII, unique among live places; what its label's barcode carries. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Order among siblings (列 1, 2, 3 …). */
    position: integer('position').notNull().default(0),
    /** For a 库房: the room of the room log whose readings it shares, when there is one. */
    roomId: text('room_id'),
    /** How many boxes a 层 holds; null when nobody said. Boxing proposals respect it. */
    capacity: integer('capacity'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [uniqueIndex('ux_places_code').on(t.code).where(live), index('ix_places_parent').on(t.parentId, t.position)],
);

/** 档案盒: one 全宗, 门类, 年度, 保管期限 and 机构 per box (reference §3); 盒号 runs within that class. */
export const boxes = sqliteTable(
  'boxes',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    /** The box's label code: ASCII, unique among live boxes; what its barcode carries. */
    code: text('code').notNull(),
    fondsCode: text('fonds_code').notNull(),
    categoryId: text('category_id').notNull(),
    categoryCode: text('category_code').notNull(),
    year: integer('year').notNull(),
    retention: text('retention', { enum: ['Y', 'D30', 'D10'] }).notNull(),
    orgCode: text('org_code').notNull().default(''),
    boxNo: integer('box_no').notNull(),
    /** 盒脊厚度 in mm (20, 30, 40, 50 …): what the boxing proposal fills against. */
    thicknessMm: integer('thickness_mm').notNull().default(30),
    remarks: text('remarks').notNull().default(''),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    uniqueIndex('ux_boxes_code').on(t.code).where(live),
    uniqueIndex('ux_boxes_class_no').on(t.categoryId, t.year, t.retention, t.orgCode, t.boxNo).where(live),
  ],
);

/** What a box holds: items (按件) or volumes (按卷), in order; a record is in at most one box. */
export const boxContents = sqliteTable(
  'box_contents',
  {
    entity: text('entity', { enum: ['item', 'volume'] }).notNull(),
    entityId: text('entity_id').notNull(),
    boxId: text('box_id')
      .notNull()
      .references(() => boxes.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId] }), index('ix_box_contents_box').on(t.boxId, t.position)],
);

/**
 * Where a box, or a volume standing outside any box, is now. A record in a box stands where
 * its box stands, so items and boxed volumes have no row here.
 */
export const locations = sqliteTable(
  'locations',
  {
    entity: text('entity', { enum: ['box', 'volume'] }).notNull(),
    entityId: text('entity_id').notNull(),
    placeId: text('place_id')
      .notNull()
      .references(() => places.id),
    placedAt: text('placed_at').notNull(),
    placedBy: text('placed_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId] }), index('ix_locations_place').on(t.placeId)],
);

export const MOVE_REASONS = ['shelve', 'move', 'box', 'unbox', 'stocktake'] as const;

/** Every move: who, when, from where to where (a place, a box, or both); never updated. */
export const placeMoves = sqliteTable(
  'place_moves',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    entity: text('entity', { enum: ['box', 'volume', 'item'] }).notNull(),
    entityId: text('entity_id').notNull(),
    fromPlaceId: text('from_place_id'),
    toPlaceId: text('to_place_id'),
    fromBoxId: text('from_box_id'),
    toBoxId: text('to_box_id'),
    reason: text('reason', { enum: MOVE_REASONS }).notNull(),
    /** The stock-take whose accepted result made this move, when one did. */
    stocktakeId: text('stocktake_id'),
    movedBy: text('moved_by'),
    movedByName: text('moved_by_name').notNull(),
    movedAt: text('moved_at').notNull(),
  },
  (t) => [index('ix_place_moves_entity').on(t.entityId, t.movedAt)],
);

export const STOCKTAKE_STATUSES = ['open', 'accepted', 'cancelled'] as const;

/** 盘点: a count of one place subtree. Open until accepted or cancelled; an open one resumes. */
export const stocktakes = sqliteTable(
  'stocktakes',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    title: text('title').notNull(),
    /** The root of the counted range: every box and loose volume placed under it is expected. */
    placeId: text('place_id')
      .notNull()
      .references(() => places.id),
    status: text('status', { enum: STOCKTAKE_STATUSES }).notNull().default('open'),
    startedBy: text('started_by'),
    startedByName: text('started_by_name').notNull(),
    startedAt: text('started_at').notNull(),
    closedBy: text('closed_by'),
    closedByName: text('closed_by_name'),
    closedAt: text('closed_at'),
    /** The final report's counts as JSON, frozen when the stock-take closes. */
    summary: text('summary').notNull().default('{}'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('ix_stocktakes_status').on(t.status, t.startedAt)],
);

/** One scanned (or photographed, or typed) label, in order; what it resolved to when scanned. */
export const stocktakeScans = sqliteTable(
  'stocktake_scans',
  {
    id: text('id').primaryKey(),
    stocktakeId: text('stocktake_id')
      .notNull()
      .references(() => stocktakes.id),
    seq: integer('seq').notNull(),
    code: text('code').notNull(),
    source: text('source', { enum: ['wedge', 'photo', 'manual'] }).notNull(),
    /** The place whose label was scanned last: where the clerk stands when this label was read. */
    atPlaceId: text('at_place_id'),
    entity: text('entity', { enum: ['place', 'box', 'volume', 'item'] }),
    entityId: text('entity_id'),
    scannedBy: text('scanned_by'),
    scannedAt: text('scanned_at').notNull(),
  },
  (t) => [uniqueIndex('ux_stocktake_scans_seq').on(t.stocktakeId, t.seq)],
);

export type PlaceRecord = typeof places.$inferSelect;
export type BoxRecord = typeof boxes.$inferSelect;
export type BoxContentRecord = typeof boxContents.$inferSelect;
export type LocationRecord = typeof locations.$inferSelect;
export type PlaceMoveRecord = typeof placeMoves.$inferSelect;
export type StocktakeRecord = typeof stocktakes.$inferSelect;
export type StocktakeScanRecord = typeof stocktakeScans.$inferSelect;
