/**
 * 借阅 / 利用 (lending and utilisation, issue 19): a request names the borrower, the purpose, the
 * way and the period; its records are handed out and returned one by one (with the pages checked
 * and the 利用效果); every approval decision is signed. Signatures (password confirmed at the
 * moment of signing, naming what was signed by content hash) are shared by later workflows
 * (acceptance, destruction), so they are a table of their own.
 */
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const BORROWER_KINDS = ['officer', 'unit', 'citizen'] as const;
export const LOAN_PURPOSES = ['工作查考', '编史修志', '依法维权', '就学就业', '落实政策', '其他'] as const;
export const LOAN_WAYS = ['阅览', '借出', '复制摘抄', '出具证明'] as const;
export const LOAN_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'closed'] as const;
export const LOAN_RECORD_STATUSES = ['requested', 'out', 'returned'] as const;

/** One request (借阅申请 / 查档登记). */
export const loanRequests = sqliteTable(
  'loan_requests',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    borrowerKind: text('borrower_kind', { enum: BORROWER_KINDS }).notNull(),
    borrowerName: text('borrower_name').notNull(),
    /** 单位/部门 (an officer's department, the other unit's name). */
    borrowerUnit: text('borrower_unit').notNull().default(''),
    /** A citizen's ID document number; an officer's 警号 when given. */
    borrowerIdNo: text('borrower_id_no').notNull().default(''),
    /** 介绍信编号: another unit's introduction letter. */
    letterNo: text('letter_no').notNull().default(''),
    contact: text('contact').notNull().default(''),
    /** A citizen looking up their own records (查档 for oneself). */
    ownRecords: integer('own_records', { mode: 'boolean' }).notNull().default(false),
    /** Filed by the officer on the citizen's behalf (民警代为查询), recorded as such. */
    onBehalf: integer('on_behalf', { mode: 'boolean' }).notNull().default(false),
    purpose: text('purpose', { enum: LOAN_PURPOSES }).notNull(),
    way: text('way', { enum: LOAN_WAYS }).notNull(),
    /** 借阅事由 in the borrower's words. */
    reason: text('reason').notNull().default(''),
    /** The period: first day and due day (YYYY-MM-DD). */
    fromDate: text('from_date').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: LOAN_REQUEST_STATUSES }).notNull(),
    /** Why the station head must decide (the rules that applied when filed), JSON string[]. */
    headReasons: text('head_reasons').notNull().default('[]'),
    filedBy: text('filed_by'),
    filedByName: text('filed_by_name').notNull(),
    filedAt: text('filed_at').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('ix_loan_requests_status').on(t.status, t.filedAt), index('ix_loan_requests_filed').on(t.filedAt)],
);

/** One record of a request and its life: handed out, returned, checked, its 利用效果. */
export const loanRecords = sqliteTable(
  'loan_records',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    requestId: text('request_id')
      .notNull()
      .references(() => loanRequests.id),
    entity: text('entity', { enum: ['item', 'volume'] }).notNull(),
    entityId: text('entity_id').notNull(),
    /** 档号 and 题名 as they were when requested (the register prints them). */
    archiveCode: text('archive_code').notNull(),
    title: text('title').notNull(),
    securityLevel: integer('security_level').notNull(),
    categoryCode: text('category_code').notNull(),
    status: text('status', { enum: LOAN_RECORD_STATUSES }).notNull(),
    outAt: text('out_at'),
    outBy: text('out_by'),
    outByName: text('out_by_name'),
    /** Due back (YYYY-MM-DD): the request's due day when handed out. */
    dueDate: text('due_date'),
    returnedAt: text('returned_at'),
    receivedBy: text('received_by'),
    receivedByName: text('received_by_name'),
    /** Pages counted on return, and whether the record came back complete (逐页清点). */
    pagesChecked: integer('pages_checked'),
    intact: integer('intact', { mode: 'boolean' }),
    /** 利用效果: problem solved, what it served, free text; copies made counted by original pages. */
    solved: integer('solved', { mode: 'boolean' }),
    servedWhat: text('served_what').notNull().default(''),
    outcomeText: text('outcome_text').notNull().default(''),
    copyPages: integer('copy_pages').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('ix_loan_records_request').on(t.requestId),
    index('ix_loan_records_entity').on(t.entity, t.entityId, t.status),
    index('ix_loan_records_out').on(t.status, t.dueDate),
    index('ix_loan_records_out_at').on(t.outAt),
  ],
);

/** An approval decision on a request, bound to its signature. */
export const loanDecisions = sqliteTable(
  'loan_decisions',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    requestId: text('request_id')
      .notNull()
      .references(() => loanRequests.id),
    approverId: text('approver_id').notNull(),
    approverName: text('approver_name').notNull(),
    approverRole: text('approver_role').notNull(),
    decision: text('decision', { enum: ['approved', 'rejected'] }).notNull(),
    comment: text('comment').notNull().default(''),
    signatureId: text('signature_id')
      .notNull()
      .references(() => signatures.id),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [index('ix_loan_decisions_request').on(t.requestId)],
);

/**
 * A signature: who signed, when, in which capacity, and what (the entity and the sha256 of its
 * content as signed). Written only after the signer's password was checked at that moment.
 */
export const signatures = sqliteTable(
  'signatures',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    signerId: text('signer_id').notNull(),
    signerName: text('signer_name').notNull(),
    signerRole: text('signer_role').notNull(),
    /** What kind of signature: 'loan.approve', 'loan.reject', later 'acceptance', 'destruction' …. */
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    contentHash: text('content_hash').notNull(),
    signedAt: text('signed_at').notNull(),
  },
  (t) => [index('ix_signatures_entity').on(t.entity, t.entityId)],
);

export type LoanRequestRecord = typeof loanRequests.$inferSelect;
export type LoanRecordRecord = typeof loanRecords.$inferSelect;
export type LoanDecisionRecord = typeof loanDecisions.$inferSelect;
export type SignatureRecord = typeof signatures.$inferSelect;
