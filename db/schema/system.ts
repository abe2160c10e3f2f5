import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/** Key/value facts about this installation: node id, role, unit, fonds, settings. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Durable record of long jobs (import, export, demo) so their outcome survives a restart. */
export const jobs = sqliteTable('jobs', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  state: text('state', { enum: ['running', 'done', 'failed', 'cancelled'] }).notNull(),
  done: integer('done').notNull().default(0),
  total: integer('total').notNull().default(0),
  createdBy: text('created_by'),
  createdAt: text('created_at').notNull(),
  finishedAt: text('finished_at'),
  result: text('result'),
  error: text('error'),
});
