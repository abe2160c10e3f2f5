/**
 * 批量生成档案 through the contract: the preview the clerk reviews, and the commit that
 * writes the rows they kept ticked — all in one transaction, one item and one audit
 * entry per record, each page attached to its record, persons reused by ID number.
 */
import type { BatchRecordsResult } from '../../contract/batch-records';
import { appendAudit } from '../audit';
import { assertClearance, insertItem } from '../catalogue';
import { recordChange, type CoreContext, AppError, mutation, sessionOf, type Handlers } from '../kernel';
import { syncItemTexts } from '../ocr';
import { ocrTextOf } from './page-handlers';
import { planBatch, type PagePlan } from './batch-plan';
import { bumpPage, nextSeq } from './pages';

/** The page joins its new record as its first page. */
function attachPage(ctx: CoreContext, pageId: string, itemId: string): void {
  const seq = nextSeq(ctx, { itemId, volumeId: null });
  const v = bumpPage(ctx, pageId, { itemId, volumeId: null, seq });
  recordChange(ctx, 'page', pageId, v, 'update');
  syncItemTexts(ctx, itemId, (id) => ocrTextOf(ctx, id));
}

const publicRow = ({ input: _input, ...row }: PagePlan) => row;

export const batchRecordHandlers = {
  'scan.batchRecords.preview': (env, { batchId }) => {
    const s = sessionOf(env);
    const rows = planBatch(env.ctx, batchId, s.clearance).map(publicRow);
    return { batchId, rows, creatable: rows.filter((r) => r.creatable).length };
  },

  'scan.batchRecords.commit': (env, { batchId, pageIds }) =>
    mutation(env, (ctx, s, actor): BatchRecordsResult => {
      // Attaching pages is scanning work: the role must hold both.
      if (!s.permissions.includes('scan')) throw new AppError('FORBIDDEN');
      const plans = new Map(planBatch(ctx, batchId, s.clearance).map((p) => [p.pageId, p]));
      const chosen = [...new Set(pageIds)].map((id) => {
        const plan = plans.get(id);
        if (!plan) throw new AppError('VALIDATION_FAILED', '所选页面不属于该批次或无权查看');
        if (!plan.input) throw new AppError('VALIDATION_FAILED', `${plan.pageName}：${plan.blockers.join('；')}`);
        return { plan, input: plan.input };
      });
      const created = chosen.map(({ plan, input }) => {
        assertClearance(s, input.securityLevel);
        const { id, archiveCode } = insertItem(ctx, actor, input);
        attachPage(ctx, plan.pageId, id);
        appendAudit(ctx, actor, {
          action: 'item.create',
          entity: 'item',
          entityId: id,
          summary: `由扫描表单“${plan.template?.name ?? ''}”生成件 ${archiveCode}《${input.title}》，挂接 1 页`,
          details: {
            archiveCode,
            title: input.title,
            securityLevel: input.securityLevel,
            source: 'scan.batchRecords',
            batchId,
            pageId: plan.pageId,
          },
        });
        return { pageId: plan.pageId, itemId: id, archiveCode, title: input.title };
      });
      return { created };
    }),
} satisfies Partial<Handlers>;
