/**
 * 整理 → 自查 → 验收 (arrangement and acceptance, issue 19; the seven-step method of seeds/004):
 * batches with a scope, their ordered steps, 定人定项、定时定量 assignments, progress, the
 * self-check report and step sign-offs signed with the signer's password; the 卷内备考表 fields
 * of a volume come from these sign-offs.
 */
import { z } from 'zod';
import { zId, zPassword, zYear } from './schemas';

export const SIGN_ROLE_LABELS = {
  manager: '主管',
  compiler: '整理人',
  checker: '检查人',
  acceptor: '验收组',
  head: '所长',
  registry: '户籍民警',
} as const;
export type SignRole = keyof typeof SIGN_ROLE_LABELS;
const SIGN_ROLE_KEYS = Object.keys(SIGN_ROLE_LABELS) as [SignRole, ...SignRole[]];
export const BATCH_STATUS_LABELS = { open: '进行中', accepted: '已验收' } as const;
export type BatchStatus = keyof typeof BATCH_STATUS_LABELS;

export interface StepDef {
  key: string;
  label: string;
  roles: SignRole[];
}
/** The default steps, after the seven-step method (定人定项 … 自查自纠整改 … 验收签名). */
export const DEFAULT_STEPS: readonly StepDef[] = [
  { key: 'assign', label: '定人定项', roles: ['manager'] },
  { key: 'arrange', label: '整理', roles: ['compiler'] },
  { key: 'selfcheck', label: '自查', roles: ['checker'] },
  { key: 'correct', label: '整改', roles: ['compiler'] },
  { key: 'accept', label: '验收', roles: ['acceptor', 'head', 'registry'] },
];
/** Gap lists of the self-check stop here (the counts stay exact). */
export const MAX_GAP_ROWS = 500;

const text = (what: string, max: number) =>
  z
    .string({ error: `${what}必须是文字` })
    .trim()
    .max(max, { error: `${what}不能超过${max}个字` });
const boxNo = (what: string) =>
  z
    .number({ error: `${what}必须是数字` })
    .int({ error: `${what}须为整数` })
    .min(1)
    .max(99999)
    .optional();

const zStep = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,30}$/, { error: '步骤代码为小写字母开头的字母、数字' }),
  label: text('步骤名称', 30).min(1, { error: '请填写步骤名称' }),
  roles: z
    .array(z.enum(SIGN_ROLE_KEYS, { error: '签名身份无效' }))
    .min(1, { error: '每个步骤至少需要一个签名' })
    .max(6),
});

export const zBatchCreate = z
  .object({
    name: text('批次名称', 100).min(1, { error: '请填写批次名称' }),
    categoryCode: z.string().trim().min(1).max(40).optional(),
    year: zYear.optional(),
    boxFrom: boxNo('起始盒号'),
    boxTo: boxNo('终止盒号'),
    steps: z.array(zStep).min(1).max(12).optional(),
  })
  .superRefine((v, c) => {
    if (!v.categoryCode && v.year === undefined && v.boxFrom === undefined)
      c.addIssue({ code: 'custom', path: ['categoryCode'], message: '请指定范围：门类和年度，或盒号起止' });
    if ((v.boxFrom === undefined) !== (v.boxTo === undefined))
      c.addIssue({ code: 'custom', path: ['boxTo'], message: '盒号起止须同时填写' });
    if (v.boxFrom !== undefined && v.boxTo !== undefined && v.boxTo < v.boxFrom)
      c.addIssue({ code: 'custom', path: ['boxTo'], message: '终止盒号不能小于起始盒号' });
    if (v.steps && new Set(v.steps.map((s) => s.key)).size !== v.steps.length)
      c.addIssue({ code: 'custom', path: ['steps'], message: '步骤代码不能重复' });
  });

export const zBatchId = z.object({ id: zId });
export const zBatchList = z.object({ status: z.enum(['open', 'accepted']).optional() }).default({});

export const zBatchAssign = z.object({
  batchId: zId,
  /** The person by login name (定人). */
  username: z.string().trim().min(1, { error: '请填写整理人的用户名' }).max(32),
  task: text('整理事项', 100).min(1, { error: '请填写整理事项' }),
  target: z.number({ error: '定量须为数字' }).int({ error: '定量须为整数' }).min(1, { error: '定量至少为 1' }).max(1e6),
  dueDate: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: '完成期限格式应为 YYYY-MM-DD' })
    .default(''),
});

export const zBatchSign = z.object({
  batchId: zId,
  stepId: zId,
  signRole: z.enum(SIGN_ROLE_KEYS, { error: '签名身份无效' }),
  comment: text('签名意见', 500).default(''),
  /** The signer's own password, typed at the moment of signing. */
  password: zPassword,
});

export const zVolumeNotes = z.object({ volumeId: zId });

export interface SignoffView {
  signRole: SignRole;
  signerName: string;
  comment: string;
  signedAt: string;
  contentHash: string;
}
export interface StepView {
  id: string;
  position: number;
  key: string;
  label: string;
  roles: SignRole[];
  completedAt: string | null;
  signoffs: SignoffView[];
}
export interface PersonProgress {
  userId: string;
  userName: string;
  task: string;
  target: number;
  dueDate: string;
  /** Items of the scope this person catalogued, and of those the ones with scanned pages. */
  catalogued: number;
  done: number;
}
export interface BatchProgress {
  /** Items of the scope, those with scanned pages, and the sum of the assignments' targets. */
  items: number;
  scanned: number;
  target: number;
  persons: PersonProgress[];
}
export interface ArrangementBatch {
  id: string;
  name: string;
  /** The scope in words (门类 年度 盒号). */
  scope: string;
  categoryCode: string | null;
  year: number | null;
  boxFrom: number | null;
  boxTo: number | null;
  status: BatchStatus;
  currentStep: number;
  createdByName: string;
  createdAt: string;
  steps: StepView[];
  progress: BatchProgress;
  version: number;
}

export interface SelfCheckReport {
  batchId: string;
  scope: string;
  volumes: number;
  items: number;
  /** Distinct persons named by the items of the scope. */
  persons: number;
  scanned: number;
  /** Persons in the catalogue none of whose forms has a scanned page. */
  unscannedPersons: { name: string; idNumber: string; archiveCodes: string[] }[];
  /** 件号 missing from 1 … the highest number of a class or volume. */
  itemNoGaps: { where: string; missing: number[] }[];
  /** Items lacking a mandatory field (题名, 日期, 页数, the class's required fields). */
  missingFields: { archiveCode: string; fields: string[] }[];
  gapCount: number;
}

/** The 卷内备考表 fields filled from a batch's sign-offs (print.document's notes). */
export interface VolumeNotes {
  batchId: string;
  batchName: string;
  compiler: string;
  checker: string;
  /** 立卷时间 and 检查时间, YYYYMMDD. */
  date: string;
  checkDate: string;
}

export interface ArrangementFile {
  fileName: string;
  base64: string;
  pages: number;
}
