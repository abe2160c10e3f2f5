/** The due list (retention expired by the injected clock), the decision per record, legal holds. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { appraisalDecisions, destructionLists, items, legalHolds } from '../../../db/schema';
import type { AppraisalDecisionView, DuePage, zAppraisalDecide, zDuePage, zLegalHold } from '../../contract/appraisal';
import { appendAudit } from '../audit';
import { actorOf, AppError, type CoreContext, inTransaction, nodeIdOf, recordChange, type Session } from '../kernel';
import { assertExpired, decisionView, isHeld, latestDecision, liveItem, PERIOD_YEARS, yearOf } from './rows';

const d = appraisalDecisions;
/** The id of an item's latest decision (correlated on the outer items row). */
const LATEST = sql`(SELECT ad.id FROM ${d} ad WHERE ad.entity = 'item' AND ad.entity_id = ${items.id}
  ORDER BY ad.decided_at DESC, ad.id DESC LIMIT 1)`;
/** Expired by @year: the latest 继续保存 period, else the retention from the record's year. */
const expiredBy = (year: number) => sql`CASE WHEN ${d.decision} = 'keep'
  THEN ${d.keepUntilYear} IS NOT NULL AND ${d.keepUntilYear} < ${year}
  ELSE ${items.retention} <> 'Y' AND ${items.year} + (CASE ${items.retention} WHEN 'D10' THEN 10 ELSE 30 END) < ${year} END`;

export function dueRecords(ctx: CoreContext, s: Session, page: z.output<typeof zDuePage>): DuePage {
  const year = yearOf(ctx);
  const where = and(isNull(items.deletedAt), sql`${items.accessLevel} <= ${s.clearance}`, expiredBy(year));
  const base = () => ctx.orm.select().from(items).leftJoin(d, eq(d.id, LATEST)).where(where);
  const total = ctx.orm
    .select({ n: sql<number>`count(*)` })
    .from(items)
    .leftJoin(d, eq(d.id, LATEST))
    .where(where)
    .get()!.n;
  const rows = base()
    .orderBy(items.year, items.archiveCode)
    .limit(page.limit)
    .offset(page.offset)
    .all()
    .map(({ items: it, appraisal_decisions: dec }) => ({
      itemId: it.id,
      archiveCode: it.archiveCode,
      title: it.title,
      year: it.year,
      retention: it.retention,
      securityLevel: it.accessLevel,
      expiredAfter: dec?.decision === 'keep' ? dec.keepUntilYear : it.year + (PERIOD_YEARS[it.retention] ?? 0),
      held: isHeld(ctx, it.id),
      decision: dec ? decisionView(dec) : null,
    }));
  return { rows, total };
}

export function decide(ctx: CoreContext, s: Session, input: z.output<typeof zAppraisalDecide>): AppraisalDecisionView {
  return inTransaction(
    ctx,
    () => {
      const it = liveItem(ctx, s, input.itemId);
      const prev = latestDecision(ctx, it.id);
      if (prev?.listId) {
        const list = ctx.orm.select().from(destructionLists).where(eq(destructionLists.id, prev.listId)).get();
        throw new AppError(
          'APPRAISAL_LISTED',
          `${it.archiveCode} 已列入销毁清册 ${list?.listNo ?? ''}，不能再改鉴定结论`,
        );
      }
      assertExpired(ctx, it, prev);
      const year = yearOf(ctx);
      const keep = input.decision === 'keep';
      const n = keep ? PERIOD_YEARS[input.newRetention!] : null;
      const actor = actorOf(s);
      const row = {
        id: ctx.ids(),
        nodeId: nodeIdOf(ctx),
        version: 1,
        entity: 'item' as const,
        entityId: it.id,
        archiveCode: it.archiveCode,
        title: it.title,
        round: input.round,
        decision: input.decision,
        newRetention: keep ? input.newRetention! : null,
        keepUntilYear: keep && n !== null ? year + n : null,
        reason: input.reason,
        decidedBy: s.userId,
        decidedByName: actor.name,
        decidedAt: ctx.nowIso(),
        listId: null,
      };
      ctx.orm.insert(d).values(row).run();
      recordChange(ctx, 'appraisal_decision', row.id, 1, 'insert');
      appendAudit(ctx, actor, {
        action: 'appraisal.decide',
        entity: 'item',
        entityId: it.id,
        summary:
          `鉴定 ${it.archiveCode}（${input.round}）：` +
          (keep ? `继续保存，新保管期限 ${input.newRetention}` : '销毁') +
          (input.reason ? `，意见：${input.reason}` : ''),
        details: { decision: input.decision, newRetention: row.newRetention, round: input.round },
      });
      return decisionView(row);
    },
    { catalogue: false },
  );
}

export function setHold(ctx: CoreContext, s: Session, input: z.output<typeof zLegalHold>): { held: boolean } {
  return inTransaction(
    ctx,
    () => {
      const it = liveItem(ctx, s, input.itemId);
      const live = ctx.orm
        .select()
        .from(legalHolds)
        .where(and(eq(legalHolds.entity, 'item'), eq(legalHolds.entityId, it.id), isNull(legalHolds.releasedAt)))
        .get();
      if (input.hold === !!live)
        throw new AppError('HOLD_UNCHANGED', input.hold ? `${it.archiveCode} 已经冻结` : `${it.archiveCode} 没有冻结`);
      const actor = actorOf(s);
      const now = ctx.nowIso();
      if (live) {
        ctx.orm
          .update(legalHolds)
          .set({ releasedAt: now, releasedBy: s.userId, version: live.version + 1 })
          .where(eq(legalHolds.id, live.id))
          .run();
        recordChange(ctx, 'legal_hold', live.id, live.version + 1, 'update');
      } else {
        const id = ctx.ids();
        ctx.orm
          .insert(legalHolds)
          .values({
            id,
            nodeId: nodeIdOf(ctx),
            entity: 'item',
            entityId: it.id,
            reason: input.reason,
            placedBy: s.userId,
            placedByName: actor.name,
            placedAt: now,
          })
          .run();
        recordChange(ctx, 'legal_hold', id, 1, 'insert');
      }
      appendAudit(ctx, actor, {
        action: input.hold ? 'appraisal.hold' : 'appraisal.release',
        entity: 'item',
        entityId: it.id,
        summary: `${input.hold ? '冻结' : '解除冻结'} ${it.archiveCode}：${input.reason}`,
      });
      return { held: input.hold };
    },
    { catalogue: false },
  );
}
