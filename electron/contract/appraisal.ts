/**
 * 鉴定 / 销毁 / 开放鉴定 / 解密 (reference §9): records whose retention has expired, the appraisal
 * decision per record, destruction lists approved by the station head (password signature) and
 * executed into tombstones, legal holds, opening reviews and 密级 changes.
 */
import { z } from 'zod';
import { zId, zPassword, zRetention, zSecurity } from './schemas';

export const APPRAISAL_DECISION_LABELS = { keep: '继续保存', destroy: '销毁' } as const;
export type AppraisalDecision = keyof typeof APPRAISAL_DECISION_LABELS;
export const DESTRUCTION_STATUS_LABELS = { draft: '待审批', approved: '已批准', executed: '已销毁' } as const;
export type DestructionStatus = keyof typeof DESTRUCTION_STATUS_LABELS;
export const OPENING_RESULT_LABELS = { open: '开放', control: '控制' } as const;
export type OpeningResult = keyof typeof OPENING_RESULT_LABELS;
/** Records reach opening review this many years after their year (档案法 2020; meta 'opening_years'). */
export const DEFAULT_OPENING_YEARS = 25;
export const OPENING_YEARS_META_KEY = 'opening_years';

const text = (what: string, max: number) =>
  z
    .string({ error: `${what}必须是文字` })
    .trim()
    .max(max, { error: `${what}不能超过${max}个字` });
const required = (what: string, max: number) => text(what, max).min(1, { error: `请填写${what}` });
const day = z
  .string({ error: '请填写日期' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD，例如 2026-03-05' });

/**
 * Which kind of record a method names: a 件 (item) or a 案卷 (volume). Defaults to 件, so inputs
 * written before volumes were appraised stay valid; `itemId` then names the record of that kind.
 */
export const zAppraisalEntity = z.enum(['item', 'volume'], { error: '档案类型应为件或案卷' }).default('item');
export type AppraisalEntity = z.output<typeof zAppraisalEntity>;
export const ENTITY_UNIT_LABELS = { item: '件', volume: '卷' } as const;
/** '3 件', '1 卷', '1 卷 2 件': records counted at the level they were appraised (卷 or 件). */
export function unitCount(recs: readonly { entity: AppraisalEntity }[]): string {
  const v = recs.filter((r) => r.entity === 'volume').length;
  const i = recs.length - v;
  return [v ? `${v} 卷` : '', i || !v ? `${i} 件` : ''].filter(Boolean).join(' ');
}

export const zDuePage = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .default({ offset: 0, limit: 100 });

export const zAppraisalDecide = z
  .object({
    itemId: zId,
    entity: zAppraisalEntity,
    decision: z.enum(['keep', 'destroy'], { error: '鉴定结论应为继续保存或销毁' }),
    /** 继续保存: the new period, counted from this year. */
    newRetention: zRetention.optional(),
    round: required('鉴定批次', 60),
    reason: text('鉴定意见', 500).default(''),
  })
  .refine((v) => v.decision !== 'keep' || !!v.newRetention, {
    path: ['newRetention'],
    error: '继续保存须给出新的保管期限',
  });

export const zLegalHold = z.object({
  itemId: zId,
  entity: zAppraisalEntity,
  hold: z.boolean({ error: '请说明冻结或解除冻结' }),
  reason: required('原因', 500),
});

export const zDestructionCreate = z.object({
  round: required('鉴定批次', 60),
  listNo: required('清册编号', 40),
});
export const zDestructionId = z.object({ id: zId });
export const zDestructionApprove = z.object({ id: zId, password: zPassword });
export const zDestructionPrint = z.object({
  id: zId,
  format: z.enum(['pdf', 'xlsx'], { error: '格式应为 pdf 或 xlsx' }),
});

export const zOpeningDecide = z.object({
  itemId: zId,
  entity: zAppraisalEntity,
  result: z.enum(['open', 'control'], { error: '开放鉴定结论应为开放或控制' }),
  reason: required('鉴定理由', 500),
  disclosure: text('政府信息公开情况', 200).default(''),
  password: zPassword,
});
export const zOpeningPrint = z.object({ format: z.enum(['pdf', 'xlsx'], { error: '格式应为 pdf 或 xlsx' }) });

export const zSecurityChange = z.object({
  itemId: zId,
  entity: zAppraisalEntity,
  newLevel: zSecurity,
  effectiveDate: day,
  reason: required('变更理由', 500),
  password: zPassword,
});

/** A record's latest appraisal decision. */
export interface AppraisalDecisionView {
  id: string;
  decision: AppraisalDecision;
  newRetention: 'Y' | 'D30' | 'D10' | null;
  keepUntilYear: number | null;
  round: string;
  reason: string;
  decidedByName: string;
  decidedAt: string;
  listId: string | null;
}

/** A record whose retention has expired (or the opening-review list's record). */
export interface DueRecord {
  /** 件 or 案卷; `itemId` is the record's id of that kind. */
  entity: AppraisalEntity;
  itemId: string;
  archiveCode: string;
  title: string;
  year: number;
  retention: 'Y' | 'D30' | 'D10';
  securityLevel: number;
  /** The last year its retention (or its latest 继续保存 period) ran to. */
  expiredAfter: number | null;
  held: boolean;
  decision: AppraisalDecisionView | null;
}

export interface DuePage {
  rows: DueRecord[];
  total: number;
}

export interface DestructionEntry {
  entity: AppraisalEntity;
  itemId: string;
  archiveCode: string;
  title: string;
  year: number;
  retention: string;
  reason: string;
  decidedByName: string;
}

export interface DestructionListView {
  id: string;
  listNo: string;
  round: string;
  status: DestructionStatus;
  /** The compiler's user id: a list is never approved by its compiler (DESTRUCTION_OWN_LIST). */
  createdBy: string;
  createdByName: string;
  createdAt: string;
  approvedByName: string | null;
  approvedAt: string | null;
  /** sha256 of the list as approved (the signature names it). */
  contentHash: string | null;
  executedByName: string | null;
  executedAt: string | null;
  entries: DestructionEntry[];
}

export interface OpeningDueRecord {
  entity: AppraisalEntity;
  itemId: string;
  archiveCode: string;
  title: string;
  year: number;
  securityLevel: number;
}

export interface OpeningReviewView {
  id: string;
  entity: AppraisalEntity;
  itemId: string;
  archiveCode: string;
  title: string;
  result: OpeningResult;
  reason: string;
  disclosure: string;
  reviewerName: string;
  reviewedAt: string;
}

export interface SecurityChangeView {
  id: string;
  entity: AppraisalEntity;
  itemId: string;
  archiveCode: string;
  oldLevel: number;
  newLevel: number;
  kind: 'change' | 'declassify';
  effectiveDate: string;
  reason: string;
  approverName: string;
  changedAt: string;
}

export interface AppraisalFile {
  fileName: string;
  base64: string;
  pages: number;
}

export interface OpeningDuePage {
  rows: OpeningDueRecord[];
  total: number;
  /** The years after which records reach opening review (meta 'opening_years', default 25). */
  years: number;
}
