/**
 * The demo's arrangement batches (issue 19; the seven-step method): an old batch — the 门类 and
 * year with the most volumes two or more years back — assigned with quotas (定人定项、定时定量),
 * arranged, self-checked, corrected and accepted with the three signatures of 验收 (the
 * acceptance team, the station head, the 户籍 officer); and last year's 户籍 batch, arranged and
 * now waiting at 自查. The rows are the ones arrangement/batches.ts and sign-off.ts write, with
 * their change log; each sign-off is signed over the content signStep hashes (arrangement's
 * signoffContent, with the self-check's counts as they stand). Written after every other demo
 * history, so nothing changes those counts afterwards.
 */
import { eq } from 'drizzle-orm';
import {
  arrangementAssignments,
  arrangementBatches,
  arrangementSignoffs,
  arrangementSteps,
  type ArrangementBatchRecord,
  type ArrangementStepRecord,
  type UserRecord,
} from '../../../db/schema';
import { DEFAULT_STEPS, type SignRole } from '../../contract/arrangement';
import { selfCheck, signoffContent } from '../arrangement';
import { type CoreContext, nodeIdOf, recordChange } from '../kernel';
import { localDay } from '../lending';
import { loadScheme } from '../scheme';
import { demoAccount } from './lending-history';
import { DAY, isoBefore, nameOf, putSignature } from './signed-rows';

export interface ArrangementHistoryResult {
  batches: number;
  accepted: number;
  signoffs: number;
  assignments: number;
}

export const noArrangementHistory = (): ArrangementHistoryResult => ({
  batches: 0,
  accepted: 0,
  signoffs: 0,
  assignments: 0,
});

const COMMENTS: Record<SignRole, string> = {
  manager: '任务已分配到人，按期完成',
  compiler: '已按件整理、编号、装盒',
  checker: '自查完成，问题已登记整改',
  acceptor: '经抽查，符合整理规范，同意验收',
  head: '同意',
  registry: '与户籍底册核对无误',
};

export function arrangementHistoryDemo(ctx: CoreContext, demoItems: number): ArrangementHistoryResult {
  const out = noArrangementHistory();
  if (demoItems < 50) return out;
  const node = nodeIdOf(ctx);
  const iso = isoBefore(ctx);
  const now = ctx.clock.now().getTime();
  const year = new Date(ctx.nowIso()).getFullYear();
  const head = demoAccount(ctx, 'demo_head', '周所长', 'head');
  const clerk = demoAccount(ctx, 'demo_clerk', '陈档案员', 'clerk');
  const checker = demoAccount(ctx, 'demo_checker', '孙检查', 'clerk');
  const acceptor = demoAccount(ctx, 'demo_appraiser', '王鉴定', 'clerk');
  const registry = demoAccount(ctx, 'demo_registry', '刘户籍', 'registry');
  const signer: Record<SignRole, UserRecord> = {
    manager: head,
    compiler: clerk,
    checker,
    acceptor,
    head,
    registry,
  };
  const names = new Map(loadScheme(ctx).list.map((c) => [c.fullCode, c.name]));

  // The old batch: the 门类 and year with the most volumes (so its 卷内备考表 has names), else 户籍.
  const top = ctx.sqlite
    .prepare(
      `SELECT category_code AS code, year, count(*) AS n FROM volumes
        WHERE deleted_at IS NULL AND security_level <= 2 AND year <= ?
        GROUP BY category_code, year ORDER BY n DESC, year DESC, category_code LIMIT 1`,
    )
    .get(year - 2) as { code: string; year: number } | undefined;
  const old = top ?? { code: 'ZY·HJ', year: year - 3 };
  make(old.code, old.year, Date.UTC(year - 1, 2, 1), DEFAULT_STEPS.length);
  make('ZY·HJ', year - 1, now - 30 * DAY, 2);
  return out;

  /** A batch created at `t`, its first `signed` steps signed off, one step every ten days. */
  function make(code: string, scopeYear: number, t: number, signed: number) {
    const created = iso(t);
    const b: ArrangementBatchRecord = {
      id: ctx.ids(),
      nodeId: node,
      version: 1,
      name: `${names.get(code) ?? code}${scopeYear}年度整理`,
      categoryCode: code,
      year: scopeYear,
      boxFrom: null,
      boxTo: null,
      status: 'open',
      currentStep: 1,
      createdBy: head.id,
      createdByName: nameOf(head),
      createdAt: created,
      updatedAt: created,
    };
    ctx.orm.insert(arrangementBatches).values(b).run();
    recordChange(ctx, 'arrangement_batch', b.id, 1, 'insert');
    const steps: ArrangementStepRecord[] = DEFAULT_STEPS.map((st, i) => ({
      id: ctx.ids(),
      batchId: b.id,
      position: i + 1,
      key: st.key,
      label: st.label,
      roles: JSON.stringify(st.roles),
      completedAt: null,
    }));
    for (const st of steps) {
      ctx.orm.insert(arrangementSteps).values(st).run();
      recordChange(ctx, 'arrangement_step', st.id, 1, 'insert');
    }
    out.batches++;
    // Every sign-off names the self-check's counts as they stand (nothing in scope changes after).
    const report = selfCheck(ctx, b, head.clearance);
    const share = Math.ceil(report.items * 0.6);
    const due = localDay(iso(t + 30 * DAY));
    for (const [u, task, target] of [
      [clerk, '整理编目', share],
      [checker, '扫描录入', Math.max(1, report.items - share)],
    ] as const) {
      const id = ctx.ids();
      ctx.orm
        .insert(arrangementAssignments)
        .values({
          id,
          nodeId: node,
          batchId: b.id,
          userId: u.id,
          userName: nameOf(u),
          task,
          target,
          dueDate: due,
          createdAt: iso(t + 3_600_000),
        })
        .run();
      recordChange(ctx, 'arrangement_assignment', id, 1, 'insert');
      out.assignments++;
    }
    for (const st of steps.slice(0, signed)) {
      const at = t + st.position * 10 * DAY;
      const roles = JSON.parse(st.roles) as SignRole[];
      roles.forEach((role, k) => {
        const u = signer[role];
        const signedAt = iso(at + k * 3_600_000);
        const sig = putSignature(
          ctx,
          u,
          {
            kind: `arrangement.${st.key}`,
            entity: 'arrangement_batch',
            entityId: b.id,
            content: signoffContent(b, st, role, COMMENTS[role], report),
          },
          signedAt,
        );
        const id = ctx.ids();
        ctx.orm
          .insert(arrangementSignoffs)
          .values({
            id,
            nodeId: node,
            batchId: b.id,
            stepId: st.id,
            signRole: role,
            signerId: u.id,
            signerName: sig.signerName,
            comment: COMMENTS[role],
            signatureId: sig.id,
            signedAt,
          })
          .run();
        recordChange(ctx, 'arrangement_signoff', id, 1, 'insert');
        out.signoffs++;
      });
      const done = iso(at + (roles.length - 1) * 3_600_000);
      ctx.orm.update(arrangementSteps).set({ completedAt: done }).where(eq(arrangementSteps.id, st.id)).run();
      recordChange(ctx, 'arrangement_step', st.id, 2, 'update');
      b.version++;
      b.currentStep = st.position + 1;
      b.status = st.position === steps.length ? 'accepted' : 'open';
      b.updatedAt = done;
    }
    if (signed > 0) {
      ctx.orm.update(arrangementBatches).set(b).where(eq(arrangementBatches.id, b.id)).run();
      recordChange(ctx, 'arrangement_batch', b.id, b.version, 'update');
    }
    if (b.status === 'accepted') out.accepted++;
  }
}
