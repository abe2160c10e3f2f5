/**
 * 整理 → 自查 → 验收 (arrangement and acceptance, issue 19), modelled on the seven-step method of
 * seeds/004 (定人定项、定时定量 … 自查自纠整改 … 验收签名, "谁主管、谁签名、谁验收、谁负责"):
 * a batch names its scope (a 门类 and year, or a box-number range) and moves through its steps in
 * order; each step is closed by the sign-offs it requires, each bound to a `signatures` row.
 */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { signatures } from './lending';

export const ARRANGEMENT_STATUSES = ['open', 'accepted'] as const;
/** The capacities a step can require a signature in (who 主管, 整理, 检查, 验收). */
export const SIGN_ROLES = ['manager', 'compiler', 'checker', 'acceptor', 'head', 'registry'] as const;

/** One arrangement batch (整理批次). */
export const arrangementBatches = sqliteTable(
  'arrangement_batches',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    /** Scope: a 门类 by full code (and its sub-classes), a year, a box-number range; any set ones apply. */
    categoryCode: text('category_code'),
    year: integer('year'),
    boxFrom: integer('box_from'),
    boxTo: integer('box_to'),
    status: text('status', { enum: ARRANGEMENT_STATUSES }).notNull(),
    /** Position (1-based) of the step now open; one past the last when accepted. */
    currentStep: integer('current_step').notNull().default(1),
    createdBy: text('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('ix_arrangement_batches_status').on(t.status, t.createdAt)],
);

/** The steps of a batch, in order; `roles` (JSON string[] of SIGN_ROLES) must all sign to close one. */
export const arrangementSteps = sqliteTable(
  'arrangement_steps',
  {
    id: text('id').primaryKey(),
    batchId: text('batch_id')
      .notNull()
      .references(() => arrangementBatches.id),
    position: integer('position').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    roles: text('roles').notNull(),
    completedAt: text('completed_at'),
  },
  (t) => [uniqueIndex('ux_arrangement_steps_pos').on(t.batchId, t.position)],
);

/** 定人定项、定时定量: who does what, how many, by when. */
export const arrangementAssignments = sqliteTable(
  'arrangement_assignments',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    batchId: text('batch_id')
      .notNull()
      .references(() => arrangementBatches.id),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    task: text('task').notNull(),
    target: integer('target').notNull(),
    dueDate: text('due_date').notNull().default(''),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('ix_arrangement_assignments_batch').on(t.batchId)],
);

/** A step signed by one person in one capacity, bound to the signature (password checked then). */
export const arrangementSignoffs = sqliteTable(
  'arrangement_signoffs',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    batchId: text('batch_id')
      .notNull()
      .references(() => arrangementBatches.id),
    stepId: text('step_id')
      .notNull()
      .references(() => arrangementSteps.id),
    signRole: text('sign_role', { enum: SIGN_ROLES }).notNull(),
    signerId: text('signer_id').notNull(),
    signerName: text('signer_name').notNull(),
    comment: text('comment').notNull().default(''),
    signatureId: text('signature_id')
      .notNull()
      .references(() => signatures.id),
    signedAt: text('signed_at').notNull(),
  },
  (t) => [
    index('ix_arrangement_signoffs_batch').on(t.batchId),
    uniqueIndex('ux_arrangement_signoffs_role').on(t.stepId, t.signRole),
    uniqueIndex('ux_arrangement_signoffs_signer').on(t.stepId, t.signerId),
  ],
);

export type ArrangementBatchRecord = typeof arrangementBatches.$inferSelect;
export type ArrangementStepRecord = typeof arrangementSteps.$inferSelect;
export type ArrangementAssignmentRecord = typeof arrangementAssignments.$inferSelect;
export type ArrangementSignoffRecord = typeof arrangementSignoffs.$inferSelect;
