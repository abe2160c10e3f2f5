/**
 * 鉴定 / 销毁 / 开放鉴定 / 解密 (issue 19; reference §9): appraisal decisions on records whose
 * retention has expired, destruction lists approved by the station head (a password signature),
 * legal holds, tombstones of destroyed records, opening reviews and 密级 changes.
 * Approvals are rows of `signatures` (db/schema/lending.ts), so the county bureau sees them.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { signatures } from './lending';

export const APPRAISAL_DECISIONS = ['keep', 'destroy'] as const;
export const DESTRUCTION_STATUSES = ['draft', 'approved', 'executed'] as const;
export const OPENING_RESULTS = ['open', 'control'] as const;
const ENTITY = ['item', 'volume'] as const;

/** One appraisal decision on a record: 继续保存 (with a new period) or 销毁. */
export const appraisalDecisions = sqliteTable(
  'appraisal_decisions',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    entity: text('entity', { enum: ENTITY }).notNull(),
    entityId: text('entity_id').notNull(),
    /** 档号 and 题名 when decided (the 销毁清册 prints them). */
    archiveCode: text('archive_code').notNull(),
    title: text('title').notNull(),
    /** The appraisal round (鉴定批次), e.g. '2036年度鉴定'. */
    round: text('round').notNull(),
    decision: text('decision', { enum: APPRAISAL_DECISIONS }).notNull(),
    /** 继续保存: the new period ('D10', 'D30', 'Y') and the last year it runs to (null: 永久). */
    newRetention: text('new_retention', { enum: ['Y', 'D30', 'D10'] }),
    keepUntilYear: integer('keep_until_year'),
    reason: text('reason').notNull().default(''),
    decidedBy: text('decided_by').notNull(),
    decidedByName: text('decided_by_name').notNull(),
    decidedAt: text('decided_at').notNull(),
    /** The destruction list a 销毁 decision is on (null until listed). */
    listId: text('list_id'),
  },
  (t) => [
    index('ix_appraisal_decisions_entity').on(t.entity, t.entityId, t.decidedAt),
    index('ix_appraisal_decisions_list').on(t.listId),
  ],
);

/** A destruction list (销毁清册): draft → approved (station head's signature) → executed. */
export const destructionLists = sqliteTable(
  'destruction_lists',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    /** 清册编号, e.g. 'XH-2036-01'. */
    listNo: text('list_no').notNull(),
    round: text('round').notNull(),
    status: text('status', { enum: DESTRUCTION_STATUSES }).notNull(),
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: text('created_at').notNull(),
    approvalSignatureId: text('approval_signature_id').references(() => signatures.id),
    approvedByName: text('approved_by_name'),
    approvedAt: text('approved_at'),
    executedBy: text('executed_by'),
    executedByName: text('executed_by_name'),
    executedAt: text('executed_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('ix_destruction_lists_status').on(t.status, t.createdAt)],
);

/** A legal hold (诉讼保全 / 冻结): while unreleased, the record cannot be destroyed. */
export const legalHolds = sqliteTable(
  'legal_holds',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    entity: text('entity', { enum: ENTITY }).notNull(),
    entityId: text('entity_id').notNull(),
    reason: text('reason').notNull(),
    placedBy: text('placed_by').notNull(),
    placedByName: text('placed_by_name').notNull(),
    placedAt: text('placed_at').notNull(),
    releasedBy: text('released_by'),
    releasedAt: text('released_at'),
  },
  (t) => [
    index('ix_legal_holds_live')
      .on(t.entity, t.entityId)
      .where(sql`released_at IS NULL`),
  ],
);

/** What was destroyed: the catalogue entry, who approved and when, who executed. */
export const destructionTombstones = sqliteTable(
  'destruction_tombstones',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    listId: text('list_id')
      .notNull()
      .references(() => destructionLists.id),
    entity: text('entity', { enum: ENTITY }).notNull(),
    entityId: text('entity_id').notNull(),
    archiveCode: text('archive_code').notNull(),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    retention: text('retention').notNull(),
    /** The record's date(s) as catalogued (YYYYMMDD or a range). */
    dates: text('dates').notNull().default(''),
    pageCount: integer('page_count'),
    approvalSignatureId: text('approval_signature_id')
      .notNull()
      .references(() => signatures.id),
    approvedByName: text('approved_by_name').notNull(),
    approvedAt: text('approved_at').notNull(),
    executedByName: text('executed_by_name').notNull(),
    destroyedAt: text('destroyed_at').notNull(),
  },
  (t) => [index('ix_destruction_tombstones_entity').on(t.entity, t.entityId), index('ix_tombstones_list').on(t.listId)],
);

/** An opening review (开放鉴定): 开放 or 控制 (延期开放) with reasons, signed by the reviewer. */
export const openingReviews = sqliteTable(
  'opening_reviews',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    entity: text('entity', { enum: ENTITY }).notNull(),
    entityId: text('entity_id').notNull(),
    archiveCode: text('archive_code').notNull(),
    title: text('title').notNull(),
    result: text('result', { enum: OPENING_RESULTS }).notNull(),
    reason: text('reason').notNull(),
    /** 政府信息公开情况 (reference §9), free text. */
    disclosure: text('disclosure').notNull().default(''),
    reviewerId: text('reviewer_id').notNull(),
    reviewerName: text('reviewer_name').notNull(),
    signatureId: text('signature_id')
      .notNull()
      .references(() => signatures.id),
    reviewedAt: text('reviewed_at').notNull(),
  },
  (t) => [index('ix_opening_reviews_entity').on(t.entity, t.entityId, t.reviewedAt)],
);

/** A 密级 change or 解密: old and new level, the date it takes effect, the approver's signature. */
export const securityChanges = sqliteTable(
  'security_changes',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    entity: text('entity', { enum: ENTITY }).notNull(),
    entityId: text('entity_id').notNull(),
    archiveCode: text('archive_code').notNull(),
    oldLevel: integer('old_level').notNull(),
    newLevel: integer('new_level').notNull(),
    /** 'declassify' when the new level is 公开 from a classified one, else 'change'. */
    kind: text('kind', { enum: ['change', 'declassify'] }).notNull(),
    effectiveDate: text('effective_date').notNull(),
    reason: text('reason').notNull(),
    approverId: text('approver_id').notNull(),
    approverName: text('approver_name').notNull(),
    signatureId: text('signature_id')
      .notNull()
      .references(() => signatures.id),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('ix_security_changes_entity').on(t.entity, t.entityId, t.changedAt)],
);

export type AppraisalDecisionRecord = typeof appraisalDecisions.$inferSelect;
export type DestructionListRecord = typeof destructionLists.$inferSelect;
export type LegalHoldRecord = typeof legalHolds.$inferSelect;
export type DestructionTombstoneRecord = typeof destructionTombstones.$inferSelect;
export type OpeningReviewRecord = typeof openingReviews.$inferSelect;
export type SecurityChangeRecord = typeof securityChanges.$inferSelect;
