/**
 * 验收签名 — "谁主管、谁签名、谁验收、谁负责": a step is signed in each capacity it requires,
 * each by a different person with their own password (sign()), only when it is the step now
 * open; the last signature closes the step and opens the next, and closing the last accepts
 * the batch. The signed content names the batch, the step and the self-check's counts.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  arrangementBatches,
  arrangementSignoffs,
  arrangementSteps,
  type ArrangementBatchRecord,
  type ArrangementStepRecord,
} from '../../../db/schema';
import {
  type ArrangementBatch,
  type SelfCheckReport,
  SIGN_ROLE_LABELS,
  type SignRole,
  type zBatchSign,
} from '../../contract/arrangement';
import { appendAudit } from '../audit';
import { actorOf, AppError, type CoreContext, inTransaction, nodeIdOf, recordChange, type Session } from '../kernel';
import { sign } from '../signature';
import { batchRow, batchView, stepRows } from './batches';
import { scopeLabel } from './scope';
import { selfCheck } from './self-check';

/** Capacities bound to an account role: the station head and the 户籍 officer sign as themselves. */
const ROLE_OF: Partial<Record<SignRole, string>> = { head: 'head', registry: 'registry' };

/** What a sign-off signs: the batch, the step, the capacity, the comment and the self-check's counts. */
export const signoffContent = (
  b: ArrangementBatchRecord,
  step: Pick<ArrangementStepRecord, 'key' | 'label' | 'position'>,
  signRole: SignRole,
  comment: string,
  report: SelfCheckReport,
) => ({
  batch: { id: b.id, name: b.name, scope: scopeLabel(b) },
  step: { key: step.key, label: step.label, position: step.position },
  signRole,
  comment,
  counts: { volumes: report.volumes, items: report.items, persons: report.persons, gaps: report.gapCount },
});

export function signStep(ctx: CoreContext, s: Session, input: z.output<typeof zBatchSign>): ArrangementBatch {
  return inTransaction(
    ctx,
    () => {
      const b = batchRow(ctx, input.batchId);
      const steps = stepRows(ctx, b.id);
      const step = steps.find((x) => x.id === input.stepId);
      if (!step) throw new AppError('NOT_FOUND', '该批次没有这个步骤');
      if (b.status === 'accepted') throw new AppError('ARRANGEMENT_CLOSED', '该批次已验收，不能再签名');
      if (step.position !== b.currentStep) {
        const open = steps.find((x) => x.position === b.currentStep);
        throw new AppError(
          'ARRANGEMENT_STEP_ORDER',
          step.position < b.currentStep
            ? `“${step.label}”已完成，当前步骤是“${open?.label ?? ''}”`
            : `请先完成“${open?.label ?? ''}”，再签“${step.label}”`,
        );
      }
      const roles = JSON.parse(step.roles) as SignRole[];
      const label = SIGN_ROLE_LABELS[input.signRole];
      if (!roles.includes(input.signRole))
        throw new AppError('ARRANGEMENT_ROLE_NOT_IN_STEP', `“${step.label}”不需要${label}签名`);
      const done = ctx.orm.select().from(arrangementSignoffs).where(eq(arrangementSignoffs.stepId, step.id)).all();
      if (done.some((o) => o.signRole === input.signRole))
        throw new AppError('ARRANGEMENT_ROLE_SIGNED', `“${step.label}”的${label}已经签名`);
      const need = ROLE_OF[input.signRole];
      if (need && s.role !== need)
        throw new AppError('ARRANGEMENT_ROLE_MISMATCH', `${label}签名须由${label}本人登录后签署`);
      if (done.some((o) => o.signerId === s.userId))
        throw new AppError(
          'ARRANGEMENT_SIGNER_TWICE',
          `您已经以${SIGN_ROLE_LABELS[done.find((o) => o.signerId === s.userId)!.signRole]}身份签过“${step.label}”，同一人不能以两种身份签名`,
        );
      const report = selfCheck(ctx, b, s.clearance);
      const now = ctx.nowIso();
      const signature = sign(ctx, s, {
        kind: `arrangement.${step.key}`,
        entity: 'arrangement_batch',
        entityId: b.id,
        content: signoffContent(b, step, input.signRole, input.comment, report),
        password: input.password,
      });
      const id = ctx.ids();
      ctx.orm
        .insert(arrangementSignoffs)
        .values({
          id,
          nodeId: nodeIdOf(ctx),
          batchId: b.id,
          stepId: step.id,
          signRole: input.signRole,
          signerId: s.userId,
          signerName: signature.signerName,
          comment: input.comment,
          signatureId: signature.id,
          signedAt: now,
        })
        .run();
      recordChange(ctx, 'arrangement_signoff', id, 1, 'insert');
      const complete = roles.every((r) => r === input.signRole || done.some((o) => o.signRole === r));
      if (complete) {
        ctx.orm.update(arrangementSteps).set({ completedAt: now }).where(eq(arrangementSteps.id, step.id)).run();
        recordChange(ctx, 'arrangement_step', step.id, 2, 'update');
        const last = step.position === steps.length;
        ctx.orm
          .update(arrangementBatches)
          .set({
            currentStep: step.position + 1,
            status: last ? 'accepted' : 'open',
            version: b.version + 1,
            updatedAt: now,
          })
          .where(eq(arrangementBatches.id, b.id))
          .run();
        recordChange(ctx, 'arrangement_batch', b.id, b.version + 1, 'update');
      }
      appendAudit(ctx, actorOf(s), {
        action: 'arrangement.sign',
        entity: 'arrangement_batch',
        entityId: b.id,
        summary:
          `${b.name}：以${label}身份签署“${step.label}”` +
          (complete ? (step.position === steps.length ? '，批次验收完成' : '，该步骤完成') : '') +
          (input.comment ? `，意见：${input.comment}` : ''),
        details: { signatureId: signature.id, contentHash: signature.contentHash, kind: signature.kind },
      });
      return batchView(ctx, batchRow(ctx, b.id), s.clearance);
    },
    { catalogue: false },
  );
}

/** The sign-offs of one capacity across a batch's steps, first signed first. */
export function signoffsIn(ctx: CoreContext, batchId: string, role: SignRole) {
  return ctx.orm
    .select()
    .from(arrangementSignoffs)
    .where(and(eq(arrangementSignoffs.batchId, batchId), eq(arrangementSignoffs.signRole, role)))
    .orderBy(asc(arrangementSignoffs.signedAt))
    .all();
}
