/**
 * The demo's appraisal history (issue 19): three yearly rounds over records whose retention
 * expired (D10/D30 of old years), decided by the demo's appraisal group member (继续保存 with a
 * new period, or 销毁 with a reason); the oldest round's 销毁清册 approved by the station head and
 * executed (content purged by the appraisal domain's own purgeItem, tombstones kept), last
 * year's approved and waiting, this year's a draft waiting for approval; two legal holds, one
 * released. The rows are the ones appraisal/decide.ts and destruction.ts write, with their change
 * log; approvals are signed over the content approveList hashes (appraisal's listContent).
 */
import { eq } from 'drizzle-orm';
import {
  appraisalDecisions,
  destructionLists,
  destructionTombstones,
  legalHolds,
  type AppraisalDecisionRecord,
  type DestructionListRecord,
  items,
  type ItemRecord,
} from '../../../db/schema';
import { listContent, PERIOD_YEARS, purgeItem } from '../appraisal';
import { type CoreContext, nodeIdOf, recordChange } from '../kernel';
import { demoAccount } from './lending-history';
import { Rng } from './rng';
import { DAY, isoBefore, nameOf, putSignature, sessionFor } from './signed-rows';

export interface AppraisalHistoryResult {
  decisions: number;
  kept: number;
  destroyed: number;
  lists: { draft: number; approved: number; executed: number };
  holds: number;
  released: number;
}

export const noAppraisalHistory = (): AppraisalHistoryResult => ({
  decisions: 0,
  kept: 0,
  destroyed: 0,
  lists: { draft: 0, approved: 0, executed: 0 },
  holds: 0,
  released: 0,
});

/** Decisions for a demo of `items` items: one per ~500, at least 12 once there are 50 items, at most 300. */
export const decisionsFor = (items: number): number =>
  items < 50 ? 0 : Math.min(300, Math.max(12, Math.round(items / 500)));

/** Records decided in the executed round at most (four in five of them destroyed). */
const MAX_EXECUTED_ROUND = 30;

const DESTROY_REASONS = [
  '已过保管期限，经鉴定无继续保存价值',
  '内容已由永久卷完整记载，属重复材料',
  '事务性材料，已无查考利用价值',
  '临时性工作材料，保管期满',
];
const KEEP_REASONS = [
  '涉及户口变更依据，仍有查考价值',
  '当事人仍可能依法维权，延长保管',
  '与在办案件有关，继续保存',
  '反映本所重要工作，具有历史价值',
];

type Candidate = Pick<ItemRecord, 'id' | 'archiveCode' | 'title' | 'year' | 'retention'>;

export function appraisalHistoryDemo(ctx: CoreContext, seed: string, demoItems: number): AppraisalHistoryResult {
  const out = noAppraisalHistory();
  const n = decisionsFor(demoItems);
  if (n === 0) return out;
  const rng = new Rng(`${seed}:appraisal`);
  const node = nodeIdOf(ctx);
  const iso = isoBefore(ctx);
  const now = ctx.clock.now().getTime();
  const year = new Date(ctx.nowIso()).getFullYear();
  const head = demoAccount(ctx, 'demo_head', '周所长', 'head');
  const clerk = demoAccount(ctx, 'demo_clerk', '陈档案员', 'clerk');
  const member = demoAccount(ctx, 'demo_appraiser', '王鉴定', 'clerk');
  // Expired already in the oldest round's year, so every round's decision was allowed when made;
  // records lent (or asked for) are left alone, so the lending history stays whole.
  const pool = ctx.sqlite
    .prepare(
      `SELECT id, archive_code AS archiveCode, title, year, retention FROM items i
        WHERE deleted_at IS NULL AND access_level <= 2
          AND ((retention = 'D10' AND year + 10 < ?) OR (retention = 'D30' AND year + 30 < ?))
          AND i.id NOT IN (SELECT entity_id FROM loan_records)
        ORDER BY year, archive_code LIMIT ?`,
    )
    .all(year - 2, year - 2, n * 4) as Candidate[];
  const picked = pool.filter(() => rng.chance(0.6)).slice(0, n);
  if (picked.length < 6) return out;
  // Three rounds: two years ago (executed), last year (approved, waiting), this year (draft).
  // The executed round is kept small (purging runs the appraisal domain's per-record path).
  const first = Math.min(Math.ceil(picked.length / 3), MAX_EXECUTED_ROUND);
  const half = first + Math.ceil((picked.length - first) / 2);
  const rounds = [picked.slice(0, first), picked.slice(first, half), picked.slice(half)].map((recs, k) => ({
    yr: year - 2 + k,
    recs,
  }));
  const whenIn = (yr: number, monthDay: number) =>
    yr < year ? Date.UTC(yr, 4, 10) + monthDay * DAY : now - 6 * DAY + monthDay * 3_600_000;

  for (const [k, r] of rounds.entries()) {
    const round = `${r.yr}年度鉴定`;
    const decided: AppraisalDecisionRecord[] = [];
    r.recs.forEach((it, i) => {
      const destroy = i % 5 !== 2;
      const newRetention = rng.chance(0.75) ? ('D10' as const) : ('D30' as const);
      const at = iso(whenIn(r.yr, 0) + i * 600_000);
      const row: AppraisalDecisionRecord = {
        id: ctx.ids(),
        nodeId: node,
        version: 1,
        entity: 'item',
        entityId: it.id,
        archiveCode: it.archiveCode,
        title: it.title,
        round,
        decision: destroy ? 'destroy' : 'keep',
        newRetention: destroy ? null : newRetention,
        // decide() counts the new period from the year it is decided in.
        keepUntilYear: destroy ? null : r.yr + PERIOD_YEARS[newRetention],
        reason: rng.pick(destroy ? DESTROY_REASONS : KEEP_REASONS),
        decidedBy: member.id,
        decidedByName: nameOf(member),
        decidedAt: at,
        listId: null,
      };
      ctx.orm.insert(appraisalDecisions).values(row).run();
      recordChange(ctx, 'appraisal_decision', row.id, 1, 'insert');
      out.decisions++;
      if (destroy) decided.push(row);
      else out.kept++;
    });
    if (!decided.length) continue;
    const list = makeList(round, `销字〔${r.yr}〕第1号`, decided, whenIn(r.yr, 20));
    if (k === 2) {
      out.lists.draft++;
      continue;
    }
    approve(list, whenIn(r.yr, 30));
    if (k === 1) {
      out.lists.approved++;
      continue;
    }
    execute(list, decided, whenIn(r.yr, 45));
    out.lists.executed++;
    out.destroyed += decided.length;
  }

  // Legal holds on records still due in this year's round: one standing, one placed and released.
  const free = pool.filter((c) => !picked.includes(c)).slice(0, 2);
  free.forEach((it, i) => {
    const placedAt = iso(now - (120 - i * 60) * DAY);
    const row = {
      id: ctx.ids(),
      nodeId: node,
      version: 1,
      entity: 'item' as const,
      entityId: it.id,
      reason: i === 0 ? '涉及在审民事诉讼，法院要求保全' : '信访复查调阅，暂缓鉴定',
      placedBy: head.id,
      placedByName: nameOf(head),
      placedAt,
      releasedBy: null,
      releasedAt: null,
    };
    ctx.orm.insert(legalHolds).values(row).run();
    recordChange(ctx, 'legal_hold', row.id, 1, 'insert');
    out.holds++;
    if (i === 1) {
      ctx.orm
        .update(legalHolds)
        .set({ releasedAt: iso(now - 20 * DAY), releasedBy: head.id, version: 2 })
        .where(eq(legalHolds.id, row.id))
        .run();
      recordChange(ctx, 'legal_hold', row.id, 2, 'update');
      out.released++;
    }
  });
  return out;

  /** As createList: a draft list made by the appraisal member, its decisions linked to it. */
  function makeList(round: string, listNo: string, decided: AppraisalDecisionRecord[], t: number) {
    const at = iso(t);
    const list: DestructionListRecord = {
      id: ctx.ids(),
      nodeId: node,
      version: 1,
      listNo,
      round,
      status: 'draft',
      createdBy: member.id,
      createdByName: nameOf(member),
      createdAt: at,
      approvalSignatureId: null,
      approvedByName: null,
      approvedAt: null,
      executedBy: null,
      executedByName: null,
      executedAt: null,
      updatedAt: at,
    };
    ctx.orm.insert(destructionLists).values(list).run();
    recordChange(ctx, 'destruction_list', list.id, 1, 'insert');
    for (const dec of decided) {
      ctx.orm
        .update(appraisalDecisions)
        .set({ listId: list.id, version: 2 })
        .where(eq(appraisalDecisions.id, dec.id))
        .run();
      recordChange(ctx, 'appraisal_decision', dec.id, 2, 'update');
    }
    return list;
  }

  /** As approveList: the head's signature over the list's content, the list approved. */
  function approve(list: DestructionListRecord, t: number) {
    const at = iso(t);
    const sig = putSignature(
      ctx,
      head,
      { kind: 'destruction.approve', entity: 'destruction_list', entityId: list.id, content: listContent(ctx, list) },
      at,
    );
    Object.assign(list, {
      status: 'approved',
      approvalSignatureId: sig.id,
      approvedByName: sig.signerName,
      approvedAt: at,
      version: 2,
      updatedAt: at,
    });
    ctx.orm.update(destructionLists).set(list).where(eq(destructionLists.id, list.id)).run();
    recordChange(ctx, 'destruction_list', list.id, 2, 'update');
  }

  /** As executeList: a tombstone per record, its content purged by purgeItem, the list executed. */
  function execute(list: DestructionListRecord, decided: AppraisalDecisionRecord[], t: number) {
    const at = iso(t);
    // purgeItem stamps its rows (pages, the soft delete and its audit entry) with ctx.nowIso():
    // a view of the context whose clock stands at the execution, so they agree with the tombstone.
    const then: CoreContext = { ...ctx, clock: { now: () => new Date(at) }, nowIso: () => at };
    const s = sessionFor(clerk);
    for (const dec of decided) {
      const it = ctx.orm.select().from(items).where(eq(items.id, dec.entityId)).get()!;
      const tomb = {
        id: ctx.ids(),
        nodeId: node,
        listId: list.id,
        entity: 'item' as const,
        entityId: dec.entityId,
        archiveCode: dec.archiveCode,
        title: dec.title,
        year: it.year,
        retention: it.retention,
        dates: it.date,
        pageCount: it.pageCount,
        approvalSignatureId: list.approvalSignatureId!,
        approvedByName: list.approvedByName!,
        approvedAt: list.approvedAt!,
        executedByName: nameOf(clerk),
        destroyedAt: at,
      };
      ctx.orm.insert(destructionTombstones).values(tomb).run();
      recordChange(then, 'destruction_tombstone', tomb.id, 1, 'insert');
      purgeItem(then, s, it, `销毁（清册 ${list.listNo}，${list.approvedByName} 批准）`);
    }
    Object.assign(list, {
      status: 'executed',
      executedBy: clerk.id,
      executedByName: nameOf(clerk),
      executedAt: at,
      version: 3,
      updatedAt: at,
    });
    ctx.orm.update(destructionLists).set(list).where(eq(destructionLists.id, list.id)).run();
    recordChange(ctx, 'destruction_list', list.id, 3, 'update');
  }
}
