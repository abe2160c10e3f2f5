/**
 * 开放鉴定 (records reaching 25 years, meta 'opening_years') with 开放 / 控制 and reasons, and 密级
 * changes / 解密, each signed by the reviewer with their password. A 密级 change writes the item's
 * security_level; items.access_level follows through the triggers of migration 0009 and the
 * item's change-log row re-indexes it in the same transaction, so search and lending see it at once.
 */
import { and, desc, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { items, openingReviews, securityChanges, type ItemRecord, type OpeningReviewRecord } from '../../../db/schema';
import {
  DEFAULT_OPENING_YEARS,
  OPENING_RESULT_LABELS,
  OPENING_YEARS_META_KEY,
  type OpeningDueRecord,
  type OpeningReviewView,
  type SecurityChangeView,
  type zDuePage,
  type zOpeningDecide,
  type zSecurityChange,
} from '../../contract/appraisal';
import { SECURITY_LABELS, type SecurityLevel } from '../../contract/domain';
import { appendAudit } from '../audit';
import {
  actorOf,
  AppError,
  type CoreContext,
  getMeta,
  inTransaction,
  nodeIdOf,
  recordChange,
  type Session,
} from '../kernel';
import { sign } from '../signature';
import { liveItem, yearOf } from './rows';

export const openingYears = (ctx: CoreContext): number => {
  const n = Number(getMeta(ctx, OPENING_YEARS_META_KEY));
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_OPENING_YEARS;
};

export function openingDue(
  ctx: CoreContext,
  s: Session,
  page: z.output<typeof zDuePage>,
): { rows: OpeningDueRecord[]; total: number; years: number } {
  const years = openingYears(ctx);
  const where = and(
    isNull(items.deletedAt),
    sql`${items.accessLevel} <= ${s.clearance}`,
    sql`${items.year} + ${years} <= ${yearOf(ctx)}`,
    notExists(
      ctx.orm
        .select({ one: sql`1` })
        .from(openingReviews)
        .where(and(eq(openingReviews.entity, 'item'), eq(openingReviews.entityId, items.id))),
    ),
  );
  const total = ctx.orm
    .select({ n: sql<number>`count(*)` })
    .from(items)
    .where(where)
    .get()!.n;
  const rows = ctx.orm
    .select({
      itemId: items.id,
      archiveCode: items.archiveCode,
      title: items.title,
      year: items.year,
      securityLevel: items.accessLevel,
    })
    .from(items)
    .where(where)
    .orderBy(items.year, items.archiveCode)
    .limit(page.limit)
    .offset(page.offset)
    .all();
  return { rows, total, years };
}

const reviewView = (r: OpeningReviewRecord): OpeningReviewView => ({
  id: r.id,
  itemId: r.entityId,
  archiveCode: r.archiveCode,
  title: r.title,
  result: r.result,
  reason: r.reason,
  disclosure: r.disclosure,
  reviewerName: r.reviewerName,
  reviewedAt: r.reviewedAt,
});

/** The reviews of records within the caller's clearance, newest first. */
export function openingList(ctx: CoreContext, s: Session): OpeningReviewView[] {
  return ctx.orm
    .select({ r: openingReviews })
    .from(openingReviews)
    .innerJoin(items, eq(items.id, openingReviews.entityId))
    .where(sql`${items.accessLevel} <= ${s.clearance}`)
    .orderBy(desc(openingReviews.reviewedAt), desc(openingReviews.id))
    .limit(1000)
    .all()
    .map((x) => reviewView(x.r));
}

/** What the reviewer signs for an opening review (the demo's bulk reviews hash the same). */
export const openingContent = (
  it: Pick<ItemRecord, 'archiveCode' | 'title'>,
  r: Pick<OpeningReviewRecord, 'result' | 'reason'>,
) => ({ archiveCode: it.archiveCode, title: it.title, result: r.result, reason: r.reason });

/** What the approver signs for a 密级 change or 解密. */
export const securityContent = (
  it: Pick<ItemRecord, 'archiveCode' | 'securityLevel'>,
  c: { newLevel: number; effectiveDate: string; reason: string },
) => ({
  archiveCode: it.archiveCode,
  oldLevel: it.securityLevel,
  newLevel: c.newLevel,
  effectiveDate: c.effectiveDate,
  reason: c.reason,
});

export function openingDecide(ctx: CoreContext, s: Session, input: z.output<typeof zOpeningDecide>): OpeningReviewView {
  return inTransaction(
    ctx,
    () => {
      const it = liveItem(ctx, s, input.itemId);
      if (it.year + openingYears(ctx) > yearOf(ctx))
        throw new AppError(
          'OPENING_NOT_DUE',
          `${it.archiveCode} 形成于 ${it.year} 年，未满 ${openingYears(ctx)} 年，不到开放鉴定时间`,
        );
      const signature = sign(ctx, s, {
        kind: 'opening.review',
        entity: 'item',
        entityId: it.id,
        content: openingContent(it, input),
        password: input.password,
      });
      const row: OpeningReviewRecord = {
        id: ctx.ids(),
        nodeId: nodeIdOf(ctx),
        entity: 'item',
        entityId: it.id,
        archiveCode: it.archiveCode,
        title: it.title,
        result: input.result,
        reason: input.reason,
        disclosure: input.disclosure,
        reviewerId: s.userId,
        reviewerName: signature.signerName,
        signatureId: signature.id,
        reviewedAt: ctx.nowIso(),
      };
      ctx.orm.insert(openingReviews).values(row).run();
      recordChange(ctx, 'opening_review', row.id, 1, 'insert');
      appendAudit(ctx, actorOf(s), {
        action: 'opening.decide',
        entity: 'item',
        entityId: it.id,
        summary: `开放鉴定 ${it.archiveCode}：${OPENING_RESULT_LABELS[input.result]}，理由：${input.reason}`,
        details: { signatureId: signature.id, contentHash: signature.contentHash },
      });
      return reviewView(row);
    },
    { catalogue: false },
  );
}

export function changeSecurity(
  ctx: CoreContext,
  s: Session,
  input: z.output<typeof zSecurityChange>,
): SecurityChangeView {
  return inTransaction(ctx, () => {
    const it = liveItem(ctx, s, input.itemId);
    if (it.securityLevel === input.newLevel)
      throw new AppError('SECURITY_UNCHANGED', `${it.archiveCode} 的密级已经是${SECURITY_LABELS[input.newLevel]}`);
    const kind = it.securityLevel >= 2 && input.newLevel < 2 ? ('declassify' as const) : ('change' as const);
    const label = (n: number) => SECURITY_LABELS[n as SecurityLevel] ?? String(n);
    const signature = sign(ctx, s, {
      kind: kind === 'declassify' ? 'security.declassify' : 'security.change',
      entity: 'item',
      entityId: it.id,
      content: securityContent(it, input),
      password: input.password,
    });
    const now = ctx.nowIso();
    ctx.orm
      .update(items)
      .set({ securityLevel: input.newLevel, version: it.version + 1, updatedAt: now })
      .where(eq(items.id, it.id))
      .run();
    recordChange(ctx, 'item', it.id, it.version + 1, 'update');
    const row = {
      id: ctx.ids(),
      nodeId: nodeIdOf(ctx),
      entity: 'item' as const,
      entityId: it.id,
      archiveCode: it.archiveCode,
      oldLevel: it.securityLevel,
      newLevel: input.newLevel,
      kind,
      effectiveDate: input.effectiveDate,
      reason: input.reason,
      approverId: s.userId,
      approverName: signature.signerName,
      signatureId: signature.id,
      changedAt: now,
    };
    ctx.orm.insert(securityChanges).values(row).run();
    recordChange(ctx, 'security_change', row.id, 1, 'insert');
    appendAudit(ctx, actorOf(s), {
      action: kind === 'declassify' ? 'security.declassify' : 'security.change',
      entity: 'item',
      entityId: it.id,
      summary: `${kind === 'declassify' ? '解密' : '密级变更'} ${it.archiveCode}：${label(it.securityLevel)} → ${label(input.newLevel)}（${input.effectiveDate}起），理由：${input.reason}`,
      details: { signatureId: signature.id, contentHash: signature.contentHash },
    });
    const { nodeId: _n, entity: _e, entityId, approverId: _a, signatureId: _s, ...rest } = row;
    return { ...rest, itemId: entityId };
  });
}
