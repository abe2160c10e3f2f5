/** The due list (retention expired by the injected clock), the decision per record, legal holds. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import {
  appraisalDecisions,
  destructionLists,
  items,
  legalHolds,
  volumes,
  type AppraisalDecisionRecord,
} from '../../../db/schema';
import type { AppraisalDecisionView, DuePage, zAppraisalDecide, zDuePage, zLegalHold } from '../../contract/appraisal';
import { appendAudit } from '../audit';
import { actorOf, AppError, type CoreContext, inTransaction, nodeIdOf, recordChange, type Session } from '../kernel';
import {
  assertExpired,
  decisionView,
  holdReason,
  itemRec,
  latestDecision,
  liveRecord,
  PERIOD_YEARS,
  type Rec,
  recordOf,
  unitOf,
  yearOf,
} from './rows';

const d = appraisalDecisions;
/** The id of a record's latest decision (correlated on the outer items or volumes row). */
const latestOf = (entity: 'item' | 'volume', id: AnySQLiteColumn) => sql`(SELECT ad.id FROM ${d} ad
  WHERE ad.entity = ${entity} AND ad.entity_id = ${id} ORDER BY ad.decided_at DESC, ad.id DESC LIMIT 1)`;
/** Expired by @year: the latest 继续保存 period, else the retention from the record's year. */
const expiredBy = (year: number, t: typeof items | typeof volumes) => sql`CASE WHEN ${d.decision} = 'keep'
  THEN ${d.keepUntilYear} IS NOT NULL AND ${d.keepUntilYear} < ${year}
  ELSE ${t.retention} <> 'Y' AND ${t.year} + (CASE ${t.retention} WHEN 'D10' THEN 10 ELSE 30 END) < ${year} END`;

type Row = { rec: Rec; dec: AppraisalDecisionRecord | null };

/** The first `upto` expired records of one kind within the caller's clearance, and how many there are. */
function dueOf(ctx: CoreContext, s: Session, entity: 'item' | 'volume', upto: number) {
  const year = yearOf(ctx);
  if (entity === 'item') {
    const where = and(isNull(items.deletedAt), sql`${items.accessLevel} <= ${s.clearance}`, expiredBy(year, items));
    const q = () =>
      ctx.orm
        .select()
        .from(items)
        .leftJoin(d, eq(d.id, latestOf('item', items.id)))
        .where(where);
    const total = ctx.orm
      .select({ n: sql<number>`count(*)` })
      .from(items)
      .leftJoin(d, eq(d.id, latestOf('item', items.id)))
      .where(where)
      .get()!.n;
    const rows = q()
      .orderBy(items.year, items.archiveCode)
      .limit(upto)
      .all()
      .map((x): Row => ({ rec: itemRec(x.items), dec: x.appraisal_decisions }));
    return { total, rows };
  }
  const where = and(
    isNull(volumes.deletedAt),
    sql`${volumes.securityLevel} <= ${s.clearance}`,
    expiredBy(year, volumes),
  );
  const q = () =>
    ctx.orm
      .select()
      .from(volumes)
      .leftJoin(d, eq(d.id, latestOf('volume', volumes.id)))
      .where(where);
  const total = ctx.orm
    .select({ n: sql<number>`count(*)` })
    .from(volumes)
    .leftJoin(d, eq(d.id, latestOf('volume', volumes.id)))
    .where(where)
    .get()!.n;
  const rows = q()
    .orderBy(volumes.year, volumes.archiveCode)
    .limit(upto)
    .all()
    .map((x): Row => ({ rec: recordOf(ctx, 'volume', x.volumes.id)!, dec: x.appraisal_decisions }));
  return { total, rows };
}

/** Items and volumes together, by year and 档号 (each kind read up to the page's end, then merged). */
export function dueRecords(ctx: CoreContext, s: Session, page: z.output<typeof zDuePage>): DuePage {
  const upto = page.offset + page.limit;
  const a = dueOf(ctx, s, 'item', upto);
  const b = dueOf(ctx, s, 'volume', upto);
  const rows = [...a.rows, ...b.rows]
    .sort((x, y) => x.rec.year - y.rec.year || (x.rec.archiveCode < y.rec.archiveCode ? -1 : 1))
    .slice(page.offset, upto)
    .map(({ rec, dec }) => ({
      entity: rec.entity,
      itemId: rec.id,
      archiveCode: rec.archiveCode,
      title: rec.title,
      year: rec.year,
      retention: rec.retention,
      securityLevel: rec.level,
      expiredAfter: dec?.decision === 'keep' ? dec.keepUntilYear : rec.year + (PERIOD_YEARS[rec.retention] ?? 0),
      held: holdReason(ctx, rec) !== null,
      decision: dec ? decisionView(dec) : null,
    }));
  return { rows, total: a.total + b.total };
}

export function decide(ctx: CoreContext, s: Session, input: z.output<typeof zAppraisalDecide>): AppraisalDecisionView {
  return inTransaction(
    ctx,
    () => {
      const it = liveRecord(ctx, s, input.entity, input.itemId);
      const prev = latestDecision(ctx, it.entity, it.id);
      if (prev?.listId) {
        const list = ctx.orm.select().from(destructionLists).where(eq(destructionLists.id, prev.listId)).get();
        throw new AppError(
          'APPRAISAL_LISTED',
          `${unitOf(it)}${it.archiveCode} 已列入销毁清册 ${list?.listNo ?? ''}，不能再改鉴定结论`,
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
        entity: it.entity,
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
        entity: it.entity,
        entityId: it.id,
        summary:
          `鉴定 ${unitOf(it)}${it.archiveCode}（${input.round}）：` +
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
      const it = liveRecord(ctx, s, input.entity, input.itemId);
      const live = ctx.orm
        .select()
        .from(legalHolds)
        .where(and(eq(legalHolds.entity, it.entity), eq(legalHolds.entityId, it.id), isNull(legalHolds.releasedAt)))
        .get();
      if (input.hold === !!live)
        throw new AppError('HOLD_UNCHANGED', `${unitOf(it)}${it.archiveCode} ${input.hold ? '已经冻结' : '没有冻结'}`);
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
            entity: it.entity,
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
        entity: it.entity,
        entityId: it.id,
        summary: `${input.hold ? '冻结' : '解除冻结'} ${unitOf(it)}${it.archiveCode}：${input.reason}`,
      });
      return { held: input.hold };
    },
    { catalogue: false },
  );
}
