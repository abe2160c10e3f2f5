/** Arrangement batches: creating one with its steps, 定人定项 assignments, the view with progress. */
import { asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  arrangementAssignments,
  arrangementBatches,
  arrangementSignoffs,
  arrangementSteps,
  signatures,
  users,
  type ArrangementBatchRecord,
} from '../../../db/schema';
import {
  type BatchProgress,
  type ArrangementBatch,
  DEFAULT_STEPS,
  type SignRole,
  type zBatchAssign,
  type zBatchCreate,
} from '../../contract/arrangement';
import { appendAudit } from '../audit';
import { actorOf, AppError, type CoreContext, inTransaction, nodeIdOf, recordChange, type Session } from '../kernel';
import { loadScheme } from '../scheme';
import { itemScope, SCANNED, scopeLabel } from './scope';

const NO_CATALOGUE = { catalogue: false } as const;

export function batchRow(ctx: CoreContext, id: string): ArrangementBatchRecord {
  const b = ctx.orm.select().from(arrangementBatches).where(eq(arrangementBatches.id, id)).get();
  if (!b) throw new AppError('NOT_FOUND', '整理批次不存在');
  return b;
}

export function stepRows(ctx: CoreContext, batchId: string) {
  return ctx.orm
    .select()
    .from(arrangementSteps)
    .where(eq(arrangementSteps.batchId, batchId))
    .orderBy(asc(arrangementSteps.position))
    .all();
}

export function progressOf(ctx: CoreContext, b: ArrangementBatchRecord, clearance: number): BatchProgress {
  const is = itemScope(b, clearance);
  const totals = ctx.sqlite
    .prepare(`SELECT count(*) AS items, coalesce(sum(${SCANNED}), 0) AS scanned FROM items i WHERE ${is.where}`)
    .get(...is.params) as { items: number; scanned: number };
  const byCreator = ctx.sqlite.prepare(
    `SELECT count(*) AS catalogued, coalesce(sum(${SCANNED}), 0) AS done FROM items i WHERE ${is.where} AND i.created_by = ?`,
  );
  const assigned = ctx.orm
    .select()
    .from(arrangementAssignments)
    .where(eq(arrangementAssignments.batchId, b.id))
    .orderBy(asc(arrangementAssignments.createdAt), asc(arrangementAssignments.id))
    .all();
  return {
    ...totals,
    target: assigned.reduce((n, a) => n + a.target, 0),
    persons: assigned.map((a) => ({
      userId: a.userId,
      userName: a.userName,
      task: a.task,
      target: a.target,
      dueDate: a.dueDate,
      ...(byCreator.get(...is.params, a.userId) as { catalogued: number; done: number }),
    })),
  };
}

export function batchView(ctx: CoreContext, b: ArrangementBatchRecord, clearance: number): ArrangementBatch {
  const offs = ctx.orm
    .select({ o: arrangementSignoffs, hash: signatures.contentHash })
    .from(arrangementSignoffs)
    .innerJoin(signatures, eq(signatures.id, arrangementSignoffs.signatureId))
    .where(eq(arrangementSignoffs.batchId, b.id))
    .orderBy(asc(arrangementSignoffs.signedAt), asc(arrangementSignoffs.id))
    .all();
  return {
    id: b.id,
    name: b.name,
    scope: scopeLabel(b),
    categoryCode: b.categoryCode,
    year: b.year,
    boxFrom: b.boxFrom,
    boxTo: b.boxTo,
    status: b.status,
    currentStep: b.currentStep,
    createdByName: b.createdByName,
    createdAt: b.createdAt,
    version: b.version,
    steps: stepRows(ctx, b.id).map((s) => ({
      id: s.id,
      position: s.position,
      key: s.key,
      label: s.label,
      roles: JSON.parse(s.roles) as SignRole[],
      completedAt: s.completedAt,
      signoffs: offs
        .filter((x) => x.o.stepId === s.id)
        .map(({ o, hash }) => ({
          signRole: o.signRole,
          signerName: o.signerName,
          comment: o.comment,
          signedAt: o.signedAt,
          contentHash: hash,
        })),
    })),
    progress: progressOf(ctx, b, clearance),
  };
}

export function listBatches(ctx: CoreContext, s: Session, status?: 'open' | 'accepted'): ArrangementBatch[] {
  return ctx.orm
    .select()
    .from(arrangementBatches)
    .where(status ? eq(arrangementBatches.status, status) : undefined)
    .orderBy(desc(arrangementBatches.createdAt), desc(arrangementBatches.id))
    .limit(200)
    .all()
    .map((b) => batchView(ctx, b, s.clearance));
}

export function createBatch(ctx: CoreContext, s: Session, input: z.output<typeof zBatchCreate>): ArrangementBatch {
  return inTransaction(
    ctx,
    () => {
      if (input.categoryCode && !loadScheme(ctx).list.some((c) => c.fullCode === input.categoryCode))
        throw new AppError('VALIDATION_FAILED', `门类代码“${input.categoryCode}”不存在`);
      const now = ctx.nowIso();
      const actor = actorOf(s);
      const row: ArrangementBatchRecord = {
        id: ctx.ids(),
        nodeId: nodeIdOf(ctx),
        version: 1,
        name: input.name,
        categoryCode: input.categoryCode ?? null,
        year: input.year ?? null,
        boxFrom: input.boxFrom ?? null,
        boxTo: input.boxTo ?? null,
        status: 'open',
        currentStep: 1,
        createdBy: s.userId,
        createdByName: actor.name,
        createdAt: now,
        updatedAt: now,
      };
      ctx.orm.insert(arrangementBatches).values(row).run();
      recordChange(ctx, 'arrangement_batch', row.id, 1, 'insert');
      const steps = input.steps ?? DEFAULT_STEPS;
      steps.forEach((st, i) => {
        const id = ctx.ids();
        ctx.orm
          .insert(arrangementSteps)
          .values({
            id,
            batchId: row.id,
            position: i + 1,
            key: st.key,
            label: st.label,
            roles: JSON.stringify(st.roles),
          })
          .run();
        recordChange(ctx, 'arrangement_step', id, 1, 'insert');
      });
      appendAudit(ctx, actor, {
        action: 'arrangement.create',
        entity: 'arrangement_batch',
        entityId: row.id,
        summary: `新建整理批次：${row.name}（${scopeLabel(row)}），步骤：${steps.map((x) => x.label).join('→')}`,
        details: { scope: scopeLabel(row), steps: steps.map((x) => x.key) },
      });
      return batchView(ctx, row, s.clearance);
    },
    NO_CATALOGUE,
  );
}

/** 定人定项、定时定量: one person, one task, a target count, a due day. */
export function assignPerson(ctx: CoreContext, s: Session, input: z.output<typeof zBatchAssign>): ArrangementBatch {
  return inTransaction(
    ctx,
    () => {
      const b = batchRow(ctx, input.batchId);
      if (b.status !== 'open') throw new AppError('ARRANGEMENT_CLOSED', '该批次已验收，不能再分配任务');
      const u = ctx.orm.select().from(users).where(eq(users.username, input.username)).get();
      if (!u || u.disabled) throw new AppError('NOT_FOUND', `用户“${input.username}”不存在或已停用`);
      const id = ctx.ids();
      const userName = `${u.displayName}(${u.username})`;
      ctx.orm
        .insert(arrangementAssignments)
        .values({
          id,
          nodeId: nodeIdOf(ctx),
          batchId: b.id,
          userId: u.id,
          userName,
          task: input.task,
          target: input.target,
          dueDate: input.dueDate,
          createdAt: ctx.nowIso(),
        })
        .run();
      recordChange(ctx, 'arrangement_assignment', id, 1, 'insert');
      appendAudit(ctx, actorOf(s), {
        action: 'arrangement.assign',
        entity: 'arrangement_batch',
        entityId: b.id,
        summary: `整理分工：${b.name}，${userName} ${input.task} ${input.target} 件${input.dueDate ? `，${input.dueDate} 前完成` : ''}`,
        details: { userId: u.id, task: input.task, target: input.target, dueDate: input.dueDate },
      });
      return batchView(ctx, b, s.clearance);
    },
    NO_CATALOGUE,
  );
}
