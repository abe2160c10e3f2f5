/**
 * Destruction lists (销毁清册): made from the round's 销毁 decisions, approved by the station head
 * with a password signature over the list's content, then executed: every record's content is
 * removed and a tombstone keeps its catalogue entry and who approved. Each step refuses out of order.
 */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  appraisalDecisions,
  destructionLists,
  destructionTombstones,
  items,
  signatures,
  volumes,
  type DestructionListRecord,
} from '../../../db/schema';
import {
  type DestructionListView,
  unitCount,
  type zDestructionApprove,
  type zDestructionCreate,
} from '../../contract/appraisal';
import { appendAudit } from '../audit';
import { actorOf, AppError, type CoreContext, inTransaction, nodeIdOf, recordChange, type Session } from '../kernel';
import { contentHash, sign } from '../signature';
import { purgeItem, purgeVolume } from './purge';
import { assertExpired, assertNotHeld, latestDecision, recordOf } from './rows';

const d = appraisalDecisions;
const L = destructionLists;

/** Decisions joined to their record, a 件 or a 案卷 (the other join is empty). */
const RECORD = {
  year: sql<number>`coalesce(${items.year}, ${volumes.year})`,
  retention: sql<string>`coalesce(${items.retention}, ${volumes.retention})`,
  level: sql<number>`coalesce(${items.accessLevel}, ${volumes.securityLevel})`,
  deletedAt: sql<string | null>`coalesce(${items.deletedAt}, ${volumes.deletedAt})`,
};
const decisionsWithRecords = (ctx: CoreContext) =>
  ctx.orm
    .select({ dec: d, ...RECORD })
    .from(d)
    .leftJoin(items, and(eq(d.entity, 'item'), eq(items.id, d.entityId)))
    .leftJoin(volumes, and(eq(d.entity, 'volume'), eq(volumes.id, d.entityId)));

function entriesOf(ctx: CoreContext, listId: string) {
  return decisionsWithRecords(ctx).where(eq(d.listId, listId)).orderBy(asc(d.archiveCode)).all();
}

/** What the head signs: the list and its records (the hash is checked again before execution). */
const signedContent = (l: DestructionListRecord, entries: ReturnType<typeof entriesOf>) => ({
  listNo: l.listNo,
  round: l.round,
  // A volume is named as such; an item's entry keeps its original shape, so lists approved before
  // volumes were appraised still hash to what their head signed.
  records: entries.map((e) => ({
    id: e.dec.entityId,
    archiveCode: e.dec.archiveCode,
    title: e.dec.title,
    ...(e.dec.entity === 'volume' ? { entity: 'volume' } : {}),
  })),
});

export function listView(ctx: CoreContext, l: DestructionListRecord): DestructionListView {
  const sig = l.approvalSignatureId
    ? ctx.orm.select().from(signatures).where(eq(signatures.id, l.approvalSignatureId)).get()
    : undefined;
  return {
    id: l.id,
    listNo: l.listNo,
    round: l.round,
    status: l.status,
    createdBy: l.createdBy,
    createdByName: l.createdByName,
    createdAt: l.createdAt,
    approvedByName: l.approvedByName,
    approvedAt: l.approvedAt,
    contentHash: sig?.contentHash ?? null,
    executedByName: l.executedByName,
    executedAt: l.executedAt,
    entries: entriesOf(ctx, l.id).map((e) => ({
      entity: e.dec.entity,
      itemId: e.dec.entityId,
      archiveCode: e.dec.archiveCode,
      title: e.dec.title,
      year: e.year,
      retention: e.retention,
      reason: e.dec.reason,
      decidedByName: e.dec.decidedByName,
    })),
  };
}

/** What the head signs for a list as it stands now (the demo's bulk approvals hash the same). */
export const listContent = (ctx: CoreContext, l: DestructionListRecord) => signedContent(l, entriesOf(ctx, l.id));

/** Lists whose records are all within the caller's clearance, newest first. */
export function destructionLists_(ctx: CoreContext, s: Session): DestructionListView[] {
  return ctx.orm
    .select()
    .from(L)
    .orderBy(desc(L.createdAt))
    .limit(200)
    .all()
    .filter((l) => entriesOf(ctx, l.id).every((e) => e.level <= s.clearance))
    .map((l) => listView(ctx, l));
}

export function listRow(ctx: CoreContext, s: Session, id: string): DestructionListRecord {
  const l = ctx.orm.select().from(L).where(eq(L.id, id)).get();
  if (!l || entriesOf(ctx, id).some((e) => e.level > s.clearance)) throw new AppError('NOT_FOUND', '销毁清册不存在');
  return l;
}

export function createList(ctx: CoreContext, s: Session, input: z.output<typeof zDestructionCreate>) {
  return inTransaction(
    ctx,
    () => {
      const picked = decisionsWithRecords(ctx)
        .where(and(eq(d.round, input.round), eq(d.decision, 'destroy'), isNull(d.listId)))
        .all()
        .filter(
          (x) =>
            x.level !== null &&
            x.deletedAt === null &&
            x.level <= s.clearance &&
            latestDecision(ctx, x.dec.entity, x.dec.entityId)?.id === x.dec.id,
        );
      if (!picked.length) throw new AppError('DESTRUCTION_EMPTY', `鉴定批次“${input.round}”中没有待列入清册的销毁结论`);
      const now = ctx.nowIso();
      const actor = actorOf(s);
      const list: DestructionListRecord = {
        id: ctx.ids(),
        nodeId: nodeIdOf(ctx),
        version: 1,
        listNo: input.listNo,
        round: input.round,
        status: 'draft',
        createdBy: s.userId,
        createdByName: actor.name,
        createdAt: now,
        approvalSignatureId: null,
        approvedByName: null,
        approvedAt: null,
        executedBy: null,
        executedByName: null,
        executedAt: null,
        updatedAt: now,
      };
      ctx.orm.insert(L).values(list).run();
      recordChange(ctx, 'destruction_list', list.id, 1, 'insert');
      for (const { dec } of picked) {
        ctx.orm
          .update(d)
          .set({ listId: list.id, version: dec.version + 1 })
          .where(eq(d.id, dec.id))
          .run();
        recordChange(ctx, 'appraisal_decision', dec.id, dec.version + 1, 'update');
      }
      appendAudit(ctx, actor, {
        action: 'destruction.create',
        entity: 'destruction_list',
        entityId: list.id,
        summary: `编制销毁清册 ${list.listNo}（${list.round}）：${unitCount(picked.map((p) => p.dec))}`,
        details: { archiveCodes: picked.map((p) => p.dec.archiveCode) },
      });
      return listView(ctx, list);
    },
    { catalogue: false },
  );
}

export function approveList(ctx: CoreContext, s: Session, input: z.output<typeof zDestructionApprove>) {
  return inTransaction(
    ctx,
    () => {
      const l = listRow(ctx, s, input.id);
      if (l.status !== 'draft')
        throw new AppError(
          'DESTRUCTION_STEP',
          `销毁清册 ${l.listNo} ${l.status === 'approved' ? '已批准' : '已销毁'}，不能再审批`,
        );
      if (l.createdBy === s.userId)
        throw new AppError('DESTRUCTION_OWN_LIST', '不能审批自己编制的销毁清册，请由所长审批');
      const signature = sign(ctx, s, {
        kind: 'destruction.approve',
        entity: 'destruction_list',
        entityId: l.id,
        content: signedContent(l, entriesOf(ctx, l.id)),
        password: input.password,
      });
      const now = ctx.nowIso();
      ctx.orm
        .update(L)
        .set({
          status: 'approved',
          approvalSignatureId: signature.id,
          approvedByName: signature.signerName,
          approvedAt: now,
          version: l.version + 1,
          updatedAt: now,
        })
        .where(eq(L.id, l.id))
        .run();
      recordChange(ctx, 'destruction_list', l.id, l.version + 1, 'update');
      appendAudit(ctx, actorOf(s), {
        action: 'destruction.approve',
        entity: 'destruction_list',
        entityId: l.id,
        summary: `批准销毁清册 ${l.listNo}`,
        details: { signatureId: signature.id, contentHash: signature.contentHash },
      });
      return listView(ctx, {
        ...l,
        status: 'approved',
        approvedByName: signature.signerName,
        approvedAt: now,
        approvalSignatureId: signature.id,
      });
    },
    { catalogue: false },
  );
}

export function executeList(ctx: CoreContext, s: Session, id: string): DestructionListView {
  return inTransaction(ctx, () => {
    const l = listRow(ctx, s, id);
    if (l.status === 'draft')
      throw new AppError('DESTRUCTION_NOT_APPROVED', `销毁清册 ${l.listNo} 尚未经所长批准，不能销毁`);
    if (l.status === 'executed') throw new AppError('DESTRUCTION_STEP', `销毁清册 ${l.listNo} 已经销毁过`);
    const entries = entriesOf(ctx, l.id);
    const sig = ctx.orm.select().from(signatures).where(eq(signatures.id, l.approvalSignatureId!)).get()!;
    if (contentHash(signedContent(l, entries)) !== sig.contentHash)
      throw new AppError('DESTRUCTION_CHANGED', `销毁清册 ${l.listNo} 在批准后有变动，须重新审批`);
    // Items first: an item listed beside its own volume is then already gone when the volume's
    // content is purged, and the volume skips it.
    const recs = entries
      .map((e) => {
        const r = recordOf(ctx, e.dec.entity, e.dec.entityId);
        if (!r || r.deletedAt) throw new AppError('NOT_FOUND', `${e.dec.archiveCode} 已被删除`);
        assertNotHeld(ctx, r);
        assertExpired(ctx, r);
        return r;
      })
      .sort((a, b) => (a.entity === b.entity ? 0 : a.entity === 'item' ? -1 : 1));
    const now = ctx.nowIso();
    const actor = actorOf(s);
    const why = `销毁（清册 ${l.listNo}，${l.approvedByName} 批准）`;
    for (const r of recs) {
      // One tombstone per record as it was appraised and listed: a volume's items get none of their
      // own (the 销毁清册 counts the 卷, not its 卷内文件); their catalogue rows stay, soft-deleted
      // with the list named in their deletion reason, so the 卷内目录 can still be read.
      const tomb = {
        id: ctx.ids(),
        nodeId: nodeIdOf(ctx),
        listId: l.id,
        entity: r.entity,
        entityId: r.id,
        archiveCode: r.archiveCode,
        title: r.title,
        year: r.year,
        retention: r.retention,
        dates: r.dates,
        pageCount: r.pageCount,
        approvalSignatureId: sig.id,
        approvedByName: l.approvedByName!,
        approvedAt: l.approvedAt!,
        executedByName: actor.name,
        destroyedAt: now,
      };
      ctx.orm.insert(destructionTombstones).values(tomb).run();
      recordChange(ctx, 'destruction_tombstone', tomb.id, 1, 'insert');
      if (r.item) purgeItem(ctx, s, r.item, why);
      else purgeVolume(ctx, s, r, why);
    }
    ctx.orm
      .update(L)
      .set({
        status: 'executed',
        executedBy: s.userId,
        executedByName: actor.name,
        executedAt: now,
        version: l.version + 1,
        updatedAt: now,
      })
      .where(eq(L.id, l.id))
      .run();
    recordChange(ctx, 'destruction_list', l.id, l.version + 1, 'update');
    appendAudit(ctx, actor, {
      action: 'destruction.execute',
      entity: 'destruction_list',
      entityId: l.id,
      summary: `执行销毁清册 ${l.listNo}：销毁 ${unitCount(recs)}（${l.approvedByName} 于 ${l.approvedAt} 批准）`,
      details: { archiveCodes: recs.map((r) => r.archiveCode), signatureId: sig.id },
    });
    return listView(ctx, ctx.orm.select().from(L).where(eq(L.id, l.id)).get()!);
  });
}
