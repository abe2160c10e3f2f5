import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** Hash-chained audit log: hash = sha256(prev_hash + canonical entry). Append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    ts: text('ts').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    summary: text('summary').notNull(),
    details: text('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('ix_audit_actor').on(t.actorName), index('ix_audit_action').on(t.action)],
);

/** What changed, for the next USB bundle (sync reads rows with seq > the acknowledged one). */
export const changeLog = sqliteTable('change_log', {
  seq: integer('seq').primaryKey(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  version: integer('version').notNull(),
  op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
  nodeId: text('node_id').notNull(),
  ts: text('ts').notNull(),
});

/** An audit_log row as stored. */
export type AuditRecord = typeof auditLog.$inferSelect;
