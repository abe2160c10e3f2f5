import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** 分类方案: one row per 门类 or sub-class; extra fields are data (JSON FieldDef[]). */
export const categories = sqliteTable(
  'categories',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    parentId: text('parent_id'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    defaultRetention: text('default_retention', { enum: ['Y', 'D30', 'D10'] }).notNull(),
    arrangement: text('arrangement', { enum: ['item', 'volume'] }).notNull(),
    codeTemplate: text('code_template').notNull(),
    volumeCodeTemplate: text('volume_code_template').notNull(),
    fields: text('fields').notNull().default('[]'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('ix_categories_parent').on(t.parentId)],
);

/** Column mappings remembered per header signature, so the next import of the same sheet maps itself. */
export const importMappings = sqliteTable('import_mappings', {
  signature: text('signature').primaryKey(),
  categoryId: text('category_id').notNull(),
  mapping: text('mapping').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** A row of the scheme (分类方案). */
export type CategoryRecord = typeof categories.$inferSelect;
