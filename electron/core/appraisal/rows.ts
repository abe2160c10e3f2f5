/** Shared reads of the appraisal domain: the clock's year, a record's latest decision, its hold, its expiry. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  appraisalDecisions,
  items,
  legalHolds,
  type AppraisalDecisionRecord,
  type ItemRecord,
} from '../../../db/schema';
import type { AppraisalDecisionView } from '../../contract/appraisal';
import { AppError, type CoreContext, type Session } from '../kernel';

/** The calendar year of the injected clock (retention runs in whole years). */
export const yearOf = (ctx: CoreContext): number => new Date(ctx.nowIso()).getFullYear();

/** Years a retention period runs from the record's year; null: 永久. */
export const PERIOD_YEARS = { Y: null, D30: 30, D10: 10 } as const;

export const latestDecision = (ctx: CoreContext, itemId: string): AppraisalDecisionRecord | undefined =>
  ctx.orm
    .select()
    .from(appraisalDecisions)
    .where(and(eq(appraisalDecisions.entity, 'item'), eq(appraisalDecisions.entityId, itemId)))
    .orderBy(desc(appraisalDecisions.decidedAt), desc(appraisalDecisions.id))
    .get();

/** The last year a record is kept: its retention from its year, or its latest 继续保存 period. */
export function keptUntil(item: Pick<ItemRecord, 'year' | 'retention'>, d: AppraisalDecisionRecord | undefined) {
  if (d?.decision === 'keep') return d.keepUntilYear;
  const n = PERIOD_YEARS[item.retention];
  return n === null ? null : item.year + n;
}

export const isHeld = (ctx: CoreContext, itemId: string): boolean =>
  !!ctx.orm
    .select({ id: legalHolds.id })
    .from(legalHolds)
    .where(and(eq(legalHolds.entity, 'item'), eq(legalHolds.entityId, itemId), isNull(legalHolds.releasedAt)))
    .get();

/** A live item within the caller's clearance (else the same NOT_FOUND as declared targets give). */
export function liveItem(ctx: CoreContext, s: Session, id: string): ItemRecord {
  const it = ctx.orm.select().from(items).where(eq(items.id, id)).get();
  if (!it || it.deletedAt || it.accessLevel > s.clearance) throw new AppError('NOT_FOUND');
  return it;
}

export function assertExpired(ctx: CoreContext, it: ItemRecord, d = latestDecision(ctx, it.id)): void {
  const until = keptUntil(it, d);
  if (until === null || until >= yearOf(ctx))
    throw new AppError(
      'APPRAISAL_NOT_EXPIRED',
      `${it.archiveCode} 保管期限${until === null ? '为永久' : `到 ${until} 年底`}，尚未到期，不能销毁`,
      { archiveCode: it.archiveCode, keptUntil: until },
    );
}

export function assertNotHeld(ctx: CoreContext, it: ItemRecord): void {
  if (isHeld(ctx, it.id))
    throw new AppError('APPRAISAL_HELD', `${it.archiveCode} 处于冻结（诉讼保全）状态，不能销毁`, {
      archiveCode: it.archiveCode,
    });
}

export const decisionView = (d: AppraisalDecisionRecord): AppraisalDecisionView => ({
  id: d.id,
  decision: d.decision,
  newRetention: d.newRetention,
  keepUntilYear: d.keepUntilYear,
  round: d.round,
  reason: d.reason,
  decidedByName: d.decidedByName,
  decidedAt: d.decidedAt,
  listId: d.listId,
});
