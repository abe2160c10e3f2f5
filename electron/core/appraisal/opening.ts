/**
 * 开放鉴定 (records reaching 25 years, meta 'opening_years') with 开放 / 控制 and reasons, and 密级
 * changes / 解密 of a 件 or a 案卷, each signed by the reviewer with their password. A 密级 change writes the item's
 * security_level; items.access_level follows through the triggers of migration 0009 and the
 * item's change-log row re-indexes it in the same transaction, so search and lending see it at once.
 */
import { and, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import { items, openingReviews, securityChanges, volumes, type ItemRecord, type OpeningReviewRecord } from '../../../db/schema';
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
import { liveRecord, type Rec, unitOf, yearOf } from './rows';

export const openingYears = (ctx: CoreContext): number => {
  const n = Number(getMeta(ctx, OPENING_YEARS_META_KEY));
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_OPENING_YEARS;
};

const notReviewed = (entity: 'item' | 'volume', id: AnySQLiteColumn) =>
  sql`NOT EXISTS (SELECT 1 FROM ${openingReviews} r WHERE r.entity = ${entity} AND r.entity_id = ${id})`;

/** Records of one kind reaching opening review, within the caller's clearance (the first `upto`). */
function dueOf(ctx: CoreContext, s: Session, entity: 'item' | 'volume', years: number, upto: number) {
  const t = entity === 'item' ? items : volumes;
  const level = entity === 'item' ? items.accessLevel : volumes.securityLevel;
  const where = and(
    isNull(t.deletedAt),
    sql`${level} <= ${s.clearance}`,
    sql`${t.year} + ${years} <= ${yearOf(ctx)}`,
    notReviewed(entity, t.id),
  );
  const total = ctx.orm
    .select({ n: sql<number>`count(*)` })
    .from(t)
    .where(where)
    .get()!.n;
  const rows = ctx.orm
    .select({ itemId: t.id, archiveCode: t.archiveCode, title: t.title, year: t.year, securityLevel: level })
    .from(t)
    .where(where)
    .orderBy(t.year, t.archiveCode)
    .limit(upto)
    .all()
    .map((r): OpeningDueRecord => ({ entity, ...r }));
  return { rows, total };
}

/** Items and volumes together, by year and 档号. */
export function openingDue(
  ctx: CoreContext,
  s: Session,
  page: z.output<typeof zDuePage>,
): { rows: OpeningDueRecord[]; total: number; years: number } {
  const years = openingYears(ctx);
  const upto = page.offset + page.limit;
  const a = dueOf(ctx, s, 'item', years, upto);
  const b = dueOf(ctx, s, 'volume', years, upto);
  const rows = [...a.rows, ...b.rows]
    .sort((x, y) => x.year - y.year || (x.archiveCode < y.archiveCode ? -1 : 1))
    .slice(page.offset, upto);
  return { rows, total: a.total + b.total, years };
}

const reviewView = (r: OpeningReviewRecord): OpeningReviewView => ({
  id: r.id,
  entity: r.entity,
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
    .leftJoin(items, and(eq(openingReviews.entity, 'item'), eq(items.id, openingReviews.entityId)))
    .leftJoin(volumes, and(eq(openingReviews.entity, 'volume'), eq(volumes.id, openingReviews.entityId)))
    .where(sql`coalesce(${items.accessLevel}, ${volumes.securityLevel}) <= ${s.clearance}`)
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
      const it = liveRecord(ctx, s, input.entity, input.itemId);
      if (it.year + openingYears(ctx) > yearOf(ctx))
        throw new AppError(
          'OPENING_NOT_DUE',
          `${unitOf(it)}${it.archiveCode} 形成于 ${it.year} 年，未满 ${openingYears(ctx)} 年，不到开放鉴定时间`,
        );
      const signature = sign(ctx, s, {
        kind: 'opening.review',
        entity: it.entity,
        entityId: it.id,
        content: openingContent(it, input),
        password: input.password,
      });
      const row: OpeningReviewRecord = {
        id: ctx.ids(),
        nodeId: nodeIdOf(ctx),
        entity: it.entity,
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
        entity: it.entity,
        entityId: it.id,
        summary: `开放鉴定 ${unitOf(it)}${it.archiveCode}：${OPENING_RESULT_LABELS[input.result]}，理由：${input.reason}`,
        details: { signatureId: signature.id, contentHash: signature.contentHash },
      });
      return reviewView(row);
    },
    { catalogue: false },
  );
}

function setItemLevel(ctx: CoreContext, id: string, version: number, level: number, now: string): void {
  ctx.orm
    .update(items)
    .set({ securityLevel: level, version: version + 1, updatedAt: now })
    .where(eq(items.id, id))
    .run();
  recordChange(ctx, 'item', id, version + 1, 'update');
}

/**
 * A volume's new level. Raising it needs nothing more: its items' access_level follows through the
 * triggers of migration 0009 (the higher of item and volume). Lowering it (解密) also lowers the
 * items that carried the volume's mark (own level above the new one, at most the old volume
 * level), so the 卷内文件 open with their 卷; an item marked above its volume keeps its own mark
 * and needs its own change. The volume's change-log row re-indexes all its items for search.
 * Returns the archive codes of the items changed with it.
 */
function setVolumeLevel(ctx: CoreContext, v: Rec, level: number, now: string): string[] {
  ctx.orm
    .update(volumes)
    .set({ securityLevel: level, version: v.version + 1, updatedAt: now })
    .where(eq(volumes.id, v.id))
    .run();
  recordChange(ctx, 'volume', v.id, v.version + 1, 'update');
  if (level >= v.securityLevel) return [];
  const marked = ctx.orm
    .select()
    .from(items)
    .where(
      and(
        eq(items.volumeId, v.id),
        isNull(items.deletedAt),
        gt(items.securityLevel, level),
        lte(items.securityLevel, v.securityLevel),
      ),
    )
    .all();
  for (const it of marked) setItemLevel(ctx, it.id, it.version, level, now);
  return marked.map((it) => it.archiveCode);
}

export function changeSecurity(
  ctx: CoreContext,
  s: Session,
  input: z.output<typeof zSecurityChange>,
): SecurityChangeView {
  return inTransaction(ctx, () => {
    const it = liveRecord(ctx, s, input.entity, input.itemId);
    if (it.securityLevel === input.newLevel)
      throw new AppError(
        'SECURITY_UNCHANGED',
        `${unitOf(it)}${it.archiveCode} 的密级已经是${SECURITY_LABELS[input.newLevel]}`,
      );
    const kind = it.securityLevel >= 2 && input.newLevel < 2 ? ('declassify' as const) : ('change' as const);
    const label = (n: number) => SECURITY_LABELS[n as SecurityLevel] ?? String(n);
    const signature = sign(ctx, s, {
      kind: kind === 'declassify' ? 'security.declassify' : 'security.change',
      entity: it.entity,
      entityId: it.id,
      content: securityContent(it, input),
      password: input.password,
    });
    const now = ctx.nowIso();
    const followed =
      it.entity === 'item'
        ? (setItemLevel(ctx, it.id, it.version, input.newLevel, now), [])
        : setVolumeLevel(ctx, it, input.newLevel, now);
    const row = {
      id: ctx.ids(),
      nodeId: nodeIdOf(ctx),
      entity: it.entity,
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
      entity: it.entity,
      entityId: it.id,
      summary:
        `${kind === 'declassify' ? '解密' : '密级变更'} ${unitOf(it)}${it.archiveCode}：${label(it.securityLevel)} → ${label(input.newLevel)}（${input.effectiveDate}起），理由：${input.reason}` +
        (followed.length ? `；卷内 ${followed.length} 件随卷变更` : ''),
      details: { signatureId: signature.id, contentHash: signature.contentHash, items: followed },
    });
    const { nodeId: _n, entityId, approverId: _a, signatureId: _s, ...rest } = row;
    return { ...rest, itemId: entityId };
  });
}
