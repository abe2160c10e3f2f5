/**
 * The lending desk: hand-out and return by the record's scanned label (V/… or I/…) or by id,
 * with where the paper stands so the clerk can fetch it; the overdue list.
 */
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { z } from 'zod';
import { loanRecords, loanRequests, type LoanRecordRecord } from '../../../db/schema';
import type { LoanScanResult, OverdueLoan, zLoanHandOut, zLoanReturn } from '../../contract/lending';
import { appendAudit } from '../audit';
import {
  actorOf,
  AppError,
  type CoreContext,
  inTransaction,
  levelsOf,
  localMinute,
  recordChange,
  type Session,
} from '../kernel';
import { parseLabel, resolveLabel, whereabouts } from '../shelving';
import { decisionOf, loanView, outNow, recordView, requestRow, todayOf } from './rows';

type Ref = { code?: string; itemId?: string; volumeId?: string };

/** The record a scan or an id names, within the caller's clearance (else the same NOT_FOUND). */
function named(ctx: CoreContext, s: Session, ref: Ref): { entity: 'item' | 'volume'; id: string } {
  let entity: 'item' | 'volume';
  let id: string;
  if (ref.code) {
    const label = parseLabel(ref.code);
    if (!label || (label.kind !== 'item' && label.kind !== 'volume'))
      throw new AppError('NOT_A_RECORD_LABEL', `“${ref.code}”不是案卷或文件的标签，请扫描案卷（V/…）或文件（I/…）标签`);
    const hit = resolveLabel(ctx, ref.code);
    if (!hit) throw new AppError('NOT_FOUND', `没有标签“${ref.code}”对应的档案`);
    entity = hit.kind as 'item' | 'volume';
    id = hit.id;
  } else {
    entity = ref.itemId ? 'item' : 'volume';
    id = (ref.itemId ?? ref.volumeId)!;
  }
  if ((levelsOf(ctx, entity, [id]).get(id) ?? Infinity) > s.clearance) throw new AppError('NOT_FOUND');
  return { entity, id };
}

function placeOf(ctx: CoreContext, entity: 'item' | 'volume', id: string) {
  const w = whereabouts(ctx, entity === 'item' ? { itemId: id } : { volumeId: id });
  return { place: w.placePath, boxCode: w.box?.code ?? null };
}

function touch(ctx: CoreContext, r: LoanRecordRecord, set: Partial<LoanRecordRecord>) {
  ctx.orm
    .update(loanRecords)
    .set({ ...set, version: r.version + 1, updatedAt: ctx.nowIso() })
    .where(eq(loanRecords.id, r.id))
    .run();
  recordChange(ctx, 'loan_record', r.id, r.version + 1, 'update');
}

export function handOut(ctx: CoreContext, s: Session, ref: z.output<typeof zLoanHandOut>): LoanScanResult {
  return inTransaction(
    ctx,
    () => {
      const { entity, id } = named(ctx, s, ref);
      const out = outNow(ctx, entity, id);
      if (out)
        throw new AppError(
          'LOAN_ALREADY_OUT',
          `${out.archiveCode} 已于 ${localMinute(out.outAt)} 借出（${out.outByName ?? ''}经手），不能重复出借`,
        );
      const waiting = ctx.orm
        .select({ rec: loanRecords, status: loanRequests.status })
        .from(loanRecords)
        .innerJoin(loanRequests, eq(loanRequests.id, loanRecords.requestId))
        .where(and(eq(loanRecords.entity, entity), eq(loanRecords.entityId, id), eq(loanRecords.status, 'requested')))
        .orderBy(asc(loanRequests.filedAt))
        .all();
      const ready = waiting.find((w) => w.status === 'approved');
      if (!ready) {
        if (waiting.some((w) => w.status === 'pending'))
          throw new AppError('LOAN_NOT_APPROVED', '借阅申请尚未批准，不能取档；请等待审批');
        throw new AppError('LOAN_NOT_REQUESTED', '没有借阅这份档案的已批准申请，请先登记借阅申请并经审批');
      }
      const r = ready.rec;
      const q = requestRow(ctx, r.requestId);
      const actor = actorOf(s);
      touch(ctx, r, { status: 'out', outAt: ctx.nowIso(), outBy: s.userId, outByName: actor.name, dueDate: q.dueDate });
      const where = placeOf(ctx, entity, id);
      appendAudit(ctx, actor, {
        action: 'lending.handOut',
        entity: 'loan_record',
        entityId: r.id,
        summary: `借出 ${r.archiveCode} 给 ${q.borrowerName}（${q.way}，应还 ${q.dueDate}）`,
        details: { requestId: q.id, place: where.place },
      });
      const loan = loanView(ctx, q);
      return {
        loan,
        record: loan.records.find((x) => x.id === r.id)!,
        ...where,
        message:
          `请到 ${where.place ?? '（未登记库位）'}${where.boxCode ? ` 盒 ${where.boxCode}` : ''} 取档：` +
          `${r.archiveCode} ${r.title}，交 ${q.borrowerName}，应于 ${q.dueDate} 前归还`,
      };
    },
    { catalogue: false },
  );
}

export function returnLoan(ctx: CoreContext, s: Session, input: z.output<typeof zLoanReturn>): LoanScanResult {
  return inTransaction(
    ctx,
    () => {
      const { entity, id } = named(ctx, s, input);
      const r = outNow(ctx, entity, id);
      if (!r) throw new AppError('LOAN_NOT_OUT', '这份档案没有借出，不能归还（可能已经归还过）');
      const actor = actorOf(s);
      touch(ctx, r, {
        status: 'returned',
        returnedAt: ctx.nowIso(),
        receivedBy: s.userId,
        receivedByName: actor.name,
        pagesChecked: input.pagesChecked,
        intact: input.intact,
        solved: input.solved,
        servedWhat: input.servedWhat,
        outcomeText: input.outcomeText,
        copyPages: input.copyPages,
      });
      const q = requestRow(ctx, r.requestId);
      const left = ctx.orm
        .select({ id: loanRecords.id })
        .from(loanRecords)
        .where(and(eq(loanRecords.requestId, q.id), inArray(loanRecords.status, ['requested', 'out'])))
        .all();
      if (left.length === 0) {
        ctx.orm
          .update(loanRequests)
          .set({ status: 'closed', version: q.version + 1, updatedAt: ctx.nowIso() })
          .where(eq(loanRequests.id, q.id))
          .run();
        recordChange(ctx, 'loan_request', q.id, q.version + 1, 'update');
      }
      const where = placeOf(ctx, entity, id);
      appendAudit(ctx, actor, {
        action: 'lending.return',
        entity: 'loan_record',
        entityId: r.id,
        summary:
          `归还 ${r.archiveCode}（${q.borrowerName}）：清点 ${input.pagesChecked} 页，${input.intact ? '完好' : '不完好'}，` +
          `${input.solved ? '解决了问题' : '未解决问题'}${input.copyPages ? `，复制 ${input.copyPages} 页` : ''}`,
        details: { requestId: q.id, servedWhat: input.servedWhat },
      });
      const loan = loanView(ctx, requestRow(ctx, q.id));
      return {
        loan,
        record: loan.records.find((x) => x.id === r.id)!,
        ...where,
        message: `已归还 ${r.archiveCode}，请放回 ${where.place ?? '（未登记库位，请登记存放位置）'}${where.boxCode ? ` 盒 ${where.boxCode}` : ''}`,
      };
    },
    { catalogue: false },
  );
}

/** Loans out past their due day, oldest due first, with who has them and who approved. */
export function overdueLoans(ctx: CoreContext, s: Session): OverdueLoan[] {
  const today = todayOf(ctx);
  return ctx.orm
    .select({ rec: loanRecords, req: loanRequests })
    .from(loanRecords)
    .innerJoin(loanRequests, eq(loanRequests.id, loanRecords.requestId))
    .where(and(eq(loanRecords.status, 'out'), lt(loanRecords.dueDate, today)))
    .orderBy(asc(loanRecords.dueDate), asc(loanRecords.outAt))
    .all()
    .filter((x) => x.rec.securityLevel <= s.clearance)
    .map((x) => {
      const d = decisionOf(ctx, x.req.id);
      return {
        ...recordView(x.rec, today),
        borrowerName: x.req.borrowerName,
        borrowerUnit: x.req.borrowerUnit,
        contact: x.req.contact,
        way: x.req.way,
        approverName: d?.approverName ?? null,
        decidedAt: d?.decidedAt ?? null,
      };
    });
}
