/** Loan rows as the contract shows them. */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import {
  items,
  loanDecisions,
  loanRecords,
  loanRequests,
  signatures,
  volumes,
  type LoanDecisionRecord,
  type LoanRecordRecord,
  type LoanRequestRecord,
} from '../../../db/schema';
import type { LoanRecordView, LoanView } from '../../contract/lending';
import { AppError, type CoreContext, levelsOf, type Session } from '../kernel';
import { parseLabel, resolveLabel } from '../shelving';

/** The local calendar day of an instant (YYYY-MM-DD): due dates and 人次 are counted in days. */
export const localDay = (iso: string): string => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

export const todayOf = (ctx: CoreContext): string => localDay(ctx.nowIso());

export function recordView(r: LoanRecordRecord, today: string): LoanRecordView {
  return {
    id: r.id,
    requestId: r.requestId,
    entity: r.entity,
    entityId: r.entityId,
    archiveCode: r.archiveCode,
    title: r.title,
    securityLevel: r.securityLevel,
    status: r.status,
    outAt: r.outAt,
    outByName: r.outByName,
    dueDate: r.dueDate,
    returnedAt: r.returnedAt,
    receivedByName: r.receivedByName,
    pagesChecked: r.pagesChecked,
    intact: r.intact,
    solved: r.solved,
    servedWhat: r.servedWhat,
    outcomeText: r.outcomeText,
    copyPages: r.copyPages,
    overdue: r.status === 'out' && !!r.dueDate && r.dueDate < today,
  };
}

export function loanView(ctx: CoreContext, q: LoanRequestRecord): LoanView {
  const recs = ctx.orm.select().from(loanRecords).where(eq(loanRecords.requestId, q.id)).all();
  const d = ctx.orm
    .select({ dec: loanDecisions, hash: signatures.contentHash })
    .from(loanDecisions)
    .innerJoin(signatures, eq(signatures.id, loanDecisions.signatureId))
    .where(eq(loanDecisions.requestId, q.id))
    .orderBy(desc(loanDecisions.decidedAt))
    .get();
  return viewOf(q, recs, d ?? null, todayOf(ctx));
}

/** A request's view from its rows (the demo's bulk history builds the pending one without reading). */
export function viewOf(
  q: LoanRequestRecord,
  recs: LoanRecordRecord[],
  d: { dec: LoanDecisionRecord; hash: string } | null,
  today: string,
): LoanView {
  return {
    id: q.id,
    borrowerKind: q.borrowerKind,
    borrowerName: q.borrowerName,
    borrowerUnit: q.borrowerUnit,
    borrowerIdNo: q.borrowerIdNo,
    letterNo: q.letterNo,
    contact: q.contact,
    ownRecords: q.ownRecords,
    onBehalf: q.onBehalf,
    purpose: q.purpose,
    way: q.way,
    reason: q.reason,
    fromDate: q.fromDate,
    dueDate: q.dueDate,
    status: q.status,
    headReasons: JSON.parse(q.headReasons) as string[],
    filedBy: q.filedBy,
    filedByName: q.filedByName,
    filedAt: q.filedAt,
    decision: d
      ? {
          approverName: d.dec.approverName,
          approverRole: d.dec.approverRole,
          decision: d.dec.decision,
          comment: d.dec.comment,
          decidedAt: d.dec.decidedAt,
          contentHash: d.hash,
        }
      : null,
    records: recs.map((r) => recordView(r, today)),
    version: q.version,
  };
}

/**
 * What an approver signs: the request as it stood pending (its view, without the version) with
 * the decision and comment. One definition for decideLoan and the demo's bulk history, so a
 * signature's contentHash can be checked against the same content.
 */
export const signedDecision = (before: LoanView, decision: 'approved' | 'rejected', comment: string) => ({
  request: { ...before, version: undefined },
  decision,
  comment,
});

export function requestRow(ctx: CoreContext, id: string): LoanRequestRecord {
  const q = ctx.orm.select().from(loanRequests).where(eq(loanRequests.id, id)).get();
  if (!q) throw new AppError('NOT_FOUND', '借阅申请不存在');
  return q;
}

/** The live records a request names, with what the register and the rules need. */
export function recordsNamed(ctx: CoreContext, itemIds: string[], volumeIds: string[]) {
  const its = itemIds.length
    ? ctx.orm
        .select({
          id: items.id,
          archiveCode: items.archiveCode,
          title: items.title,
          securityLevel: items.accessLevel,
          categoryCode: items.categoryCode,
          deletedAt: items.deletedAt,
        })
        .from(items)
        .where(inArray(items.id, itemIds))
        .all()
        .map((r) => ({ ...r, entity: 'item' as const }))
    : [];
  const vols = volumeIds.length
    ? ctx.orm
        .select({
          id: volumes.id,
          archiveCode: volumes.archiveCode,
          title: volumes.title,
          securityLevel: volumes.securityLevel,
          categoryCode: volumes.categoryCode,
          deletedAt: volumes.deletedAt,
        })
        .from(volumes)
        .where(inArray(volumes.id, volumeIds))
        .all()
        .map((r) => ({ ...r, entity: 'volume' as const }))
    : [];
  const all = [...its, ...vols];
  if (all.length !== new Set([...itemIds, ...volumeIds]).size || all.some((r) => r.deletedAt))
    throw new AppError('NOT_FOUND');
  return all;
}

/** The loan record of this record that is out now, if any. */
export const outNow = (ctx: CoreContext, entity: 'item' | 'volume', id: string) =>
  ctx.orm
    .select()
    .from(loanRecords)
    .where(and(eq(loanRecords.entity, entity), eq(loanRecords.entityId, id), eq(loanRecords.status, 'out')))
    .get();

/** The approving decision of a request (who approved and when), for the register and reminders. */
export const decisionOf = (ctx: CoreContext, requestId: string) =>
  ctx.orm
    .select()
    .from(loanDecisions)
    .where(and(eq(loanDecisions.requestId, requestId), eq(loanDecisions.decision, 'approved')))
    .get();

/**
 * Records named by label or 档号 (the desk's form): each must exist and be within the caller's
 * clearance, with the same NOT_FOUND as declared targets give, so a code cannot be probed.
 */
export function codesNamed(ctx: CoreContext, s: Session, codes: string[]) {
  const itemIds: string[] = [];
  const volumeIds: string[] = [];
  for (const code of codes) {
    const hit = byCode(ctx, code);
    if (!hit || (levelsOf(ctx, hit.kind, [hit.id]).get(hit.id) ?? Infinity) > s.clearance)
      throw new AppError('NOT_FOUND', `没有档号或标签为“${code}”的案卷或文件`);
    (hit.kind === 'item' ? itemIds : volumeIds).push(hit.id);
  }
  return { itemIds, volumeIds };
}

function byCode(ctx: CoreContext, code: string): { kind: 'item' | 'volume'; id: string } | null {
  const label = parseLabel(code);
  if (label) {
    const r = label.kind === 'item' || label.kind === 'volume' ? resolveLabel(ctx, code) : null;
    return r ? { kind: r.kind as 'item' | 'volume', id: r.id } : null;
  }
  const it = ctx.orm
    .select({ id: items.id })
    .from(items)
    .where(and(eq(items.archiveCode, code), isNull(items.deletedAt)))
    .get();
  if (it) return { kind: 'item', id: it.id };
  const v = ctx.orm
    .select({ id: volumes.id })
    .from(volumes)
    .where(and(eq(volumes.archiveCode, code), isNull(volumes.deletedAt)))
    .get();
  return v ? { kind: 'volume', id: v.id } : null;
}
