/** Filing, listing and deciding loan requests: each mutation one transaction with its audit row. */
import { and, desc, eq, like } from 'drizzle-orm';
import type { z } from 'zod';
import { loanDecisions, loanRecords, loanRequests, type LoanRequestRecord } from '../../../db/schema';
import type { LoanView, zLoanCreate, zLoanDecide, zLoanList } from '../../contract/lending';
import { appendAudit } from '../audit';
import { actorOf, AppError, type CoreContext, inTransaction, nodeIdOf, recordChange, type Session } from '../kernel';
import { sign } from '../signature';
import { codesNamed, loanView, recordsNamed, requestRow, signedDecision } from './rows';
import { assertInHouse, headReasons, lendingRules } from './rules';

const NO_CATALOGUE = { catalogue: false } as const;

export function createLoan(ctx: CoreContext, s: Session, input: z.output<typeof zLoanCreate>): LoanView {
  return inTransaction(
    ctx,
    () => {
      const byCode = codesNamed(ctx, s, input.codes);
      const recs = recordsNamed(
        ctx,
        [...new Set([...input.itemIds, ...byCode.itemIds])],
        [...new Set([...input.volumeIds, ...byCode.volumeIds])],
      );
      const rules = lendingRules(ctx);
      const asked = { borrowerKind: input.borrowerKind, way: input.way, records: recs };
      assertInHouse(rules, asked);
      const now = ctx.nowIso();
      const actor = actorOf(s);
      const { itemIds: _i, volumeIds: _v, codes: _c, ...fields } = input;
      const row: LoanRequestRecord = {
        ...fields,
        id: ctx.ids(),
        nodeId: nodeIdOf(ctx),
        version: 1,
        status: 'pending',
        headReasons: JSON.stringify(headReasons(rules, asked)),
        filedBy: s.userId,
        filedByName: actor.name,
        filedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      ctx.orm.insert(loanRequests).values(row).run();
      recordChange(ctx, 'loan_request', row.id, 1, 'insert');
      for (const r of recs) {
        const id = ctx.ids();
        ctx.orm
          .insert(loanRecords)
          .values({
            id,
            nodeId: row.nodeId,
            requestId: row.id,
            entity: r.entity,
            entityId: r.id,
            archiveCode: r.archiveCode,
            title: r.title,
            securityLevel: r.securityLevel,
            categoryCode: r.categoryCode,
            status: 'requested',
            createdAt: now,
            updatedAt: now,
          })
          .run();
        recordChange(ctx, 'loan_record', id, 1, 'insert');
      }
      appendAudit(ctx, actor, {
        action: 'lending.create',
        entity: 'loan_request',
        entityId: row.id,
        summary:
          `登记借阅申请：${row.borrowerName}（${row.borrowerUnit || '—'}）${row.way}，${row.purpose}，` +
          `${recs.map((r) => r.archiveCode).join('、')}` +
          (row.onBehalf ? '（民警代查）' : ''),
        details: { records: recs.map((r) => r.archiveCode), way: row.way, purpose: row.purpose },
      });
      return loanView(ctx, row);
    },
    NO_CATALOGUE,
  );
}

/** The approver's queue holds what the caller may decide: not their own, not the head's if they are not. */
export function listLoans(ctx: CoreContext, s: Session, input: z.output<typeof zLoanList>): LoanView[] {
  const rules = lendingRules(ctx);
  const status = input.queue ? 'pending' : input.status;
  const rows = ctx.orm
    .select()
    .from(loanRequests)
    .where(
      and(
        status ? eq(loanRequests.status, status) : undefined,
        input.year ? like(loanRequests.fromDate, `${input.year}-%`) : undefined,
      ),
    )
    .orderBy(desc(loanRequests.filedAt), desc(loanRequests.id))
    .limit(500)
    .all();
  return rows
    .map((q) => loanView(ctx, q))
    .filter((v) => v.records.every((r) => r.securityLevel <= s.clearance))
    .filter(
      (v) =>
        !input.queue ||
        (rowFiler(rows, v.id) !== s.userId && (v.headReasons.length === 0 || rules.headRoles.includes(s.role))),
    );
}
const rowFiler = (rows: LoanRequestRecord[], id: string) => rows.find((r) => r.id === id)?.filedBy;

/** Approves or rejects with the approver's signature (password asked again). */
export function decideLoan(ctx: CoreContext, s: Session, input: z.output<typeof zLoanDecide>): LoanView {
  return inTransaction(
    ctx,
    () => {
      const q = requestRow(ctx, input.id);
      const before = loanView(ctx, q);
      if (before.records.some((r) => r.securityLevel > s.clearance)) throw new AppError('NOT_FOUND', '借阅申请不存在');
      if (q.status !== 'pending')
        throw new AppError(
          'LOAN_NOT_PENDING',
          `该申请已${before.decision?.decision === 'approved' ? '批准' : '处理'}，不能再审批`,
        );
      if (q.filedBy === s.userId)
        throw new AppError('LOAN_OWN_REQUEST', '不能审批自己登记的借阅申请，请由另一位有审批权的人审批');
      const rules = lendingRules(ctx);
      if (before.headReasons.length && !rules.headRoles.includes(s.role))
        throw new AppError('LOAN_HEAD_REQUIRED', `此申请须由所长审批：${before.headReasons.join('；')}`, {
          reasons: before.headReasons,
        });
      const now = ctx.nowIso();
      const signature = sign(ctx, s, {
        kind: input.decision === 'approved' ? 'loan.approve' : 'loan.reject',
        entity: 'loan_request',
        entityId: q.id,
        content: signedDecision(before, input.decision, input.comment),
        password: input.password,
      });
      const decisionId = ctx.ids();
      ctx.orm
        .insert(loanDecisions)
        .values({
          id: decisionId,
          nodeId: nodeIdOf(ctx),
          requestId: q.id,
          approverId: s.userId,
          approverName: signature.signerName,
          approverRole: s.role,
          decision: input.decision,
          comment: input.comment,
          signatureId: signature.id,
          decidedAt: now,
        })
        .run();
      recordChange(ctx, 'loan_decision', decisionId, 1, 'insert');
      ctx.orm
        .update(loanRequests)
        .set({ status: input.decision, version: q.version + 1, updatedAt: now })
        .where(eq(loanRequests.id, q.id))
        .run();
      recordChange(ctx, 'loan_request', q.id, q.version + 1, 'update');
      appendAudit(ctx, actorOf(s), {
        action: input.decision === 'approved' ? 'lending.approve' : 'lending.reject',
        entity: 'loan_request',
        entityId: q.id,
        summary:
          `${input.decision === 'approved' ? '批准' : '不批准'}借阅申请：${q.borrowerName} ${q.way} ` +
          `${before.records.map((r) => r.archiveCode).join('、')}` +
          (input.comment ? `，意见：${input.comment}` : ''),
        details: { signatureId: signature.id, contentHash: signature.contentHash, kind: signature.kind },
      });
      return loanView(ctx, requestRow(ctx, q.id));
    },
    NO_CATALOGUE,
  );
}
