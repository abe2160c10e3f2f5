/**
 * 借阅 / 利用 (lending and utilisation): requests, the approver's queue, signed decisions,
 * hand-out and return by scanned label, overdue loans, the 借阅登记簿 and the year's counts
 * (reference §9 and §11).
 */
import { z } from 'zod';
import { zId, zPassword, zYear } from './schemas';
import { MAX_SCAN_CODE } from './stocktake';

export const BORROWER_KIND_LABELS = { officer: '本单位民警', unit: '外单位', citizen: '公民' } as const;
export type BorrowerKind = keyof typeof BORROWER_KIND_LABELS;
export const LOAN_PURPOSES = ['工作查考', '编史修志', '依法维权', '就学就业', '落实政策', '其他'] as const;
export type LoanPurpose = (typeof LOAN_PURPOSES)[number];
export const LOAN_WAYS = ['阅览', '借出', '复制摘抄', '出具证明'] as const;
export type LoanWay = (typeof LOAN_WAYS)[number];
export const LOAN_STATUS_LABELS = {
  pending: '待审批',
  approved: '已批准',
  rejected: '未批准',
  closed: '已归还',
} as const;
export type LoanStatus = keyof typeof LOAN_STATUS_LABELS;
export const LOAN_RECORD_STATUS_LABELS = { requested: '待取档', out: '借出中', returned: '已归还' } as const;
export type LoanRecordStatus = keyof typeof LOAN_RECORD_STATUS_LABELS;
/** A request names at most this many records (one request is one visit's worth). */
export const MAX_LOAN_RECORDS = 50;

const text = (what: string, max: number) =>
  z
    .string({ error: `${what}必须是文字` })
    .trim()
    .max(max, { error: `${what}不能超过${max}个字` });
const day = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${what}格式应为 YYYY-MM-DD，例如 2026-03-05` })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: `${what}不是有效日期` });

export const zLoanCreate = z
  .object({
    borrowerKind: z.enum(['officer', 'unit', 'citizen'], { error: '借阅人类别应为本单位民警、外单位或公民' }),
    borrowerName: text('借阅人姓名', 50).min(1, { error: '请填写借阅人姓名' }),
    borrowerUnit: text('单位/部门', 100).default(''),
    borrowerIdNo: text('证件号码', 40).default(''),
    letterNo: text('介绍信编号', 60).default(''),
    contact: text('联系方式', 60).default(''),
    ownRecords: z.boolean({ error: '“查本人档案”应为是或否' }).default(false),
    onBehalf: z.boolean({ error: '“民警代查”应为是或否' }).default(false),
    purpose: z.enum(LOAN_PURPOSES, { error: `利用目的应为：${LOAN_PURPOSES.join('、')}` }),
    way: z.enum(LOAN_WAYS, { error: `利用方式应为：${LOAN_WAYS.join('、')}` }),
    reason: text('借阅事由', 500).default(''),
    fromDate: day('借阅日期'),
    dueDate: day('归还期限'),
    itemIds: z.array(zId).max(MAX_LOAN_RECORDS).default([]),
    volumeIds: z.array(zId).max(MAX_LOAN_RECORDS).default([]),
    /** Records by scanned label (V/…, I/…) or typed 档号, as the desk's form takes them. */
    codes: z
      .array(z.string().trim().min(1, { error: '档号为空' }).max(MAX_SCAN_CODE, { error: '档号过长' }))
      .max(MAX_LOAN_RECORDS)
      .default([]),
  })
  .superRefine((v, c) => {
    const n = v.itemIds.length + v.volumeIds.length + v.codes.length;
    if (n === 0) c.addIssue({ code: 'custom', path: ['volumeIds'], message: '请选择要借阅的案卷或文件' });
    if (n > MAX_LOAN_RECORDS)
      c.addIssue({ code: 'custom', path: ['volumeIds'], message: `一次申请最多 ${MAX_LOAN_RECORDS} 卷/件` });
    if (v.dueDate < v.fromDate) c.addIssue({ code: 'custom', path: ['dueDate'], message: '归还期限不能早于借阅日期' });
    if (v.borrowerKind === 'unit' && !v.letterNo)
      c.addIssue({ code: 'custom', path: ['letterNo'], message: '外单位借阅须填写介绍信编号' });
    if (v.borrowerKind === 'citizen' && !v.borrowerIdNo)
      c.addIssue({ code: 'custom', path: ['borrowerIdNo'], message: '公民查档须填写身份证件号码' });
    if (v.borrowerKind !== 'citizen' && (v.ownRecords || v.onBehalf))
      c.addIssue({ code: 'custom', path: ['ownRecords'], message: '“查本人档案”和“民警代查”只适用于公民查档' });
  });

export const zLoanList = z
  .object({
    status: z.enum(['pending', 'approved', 'rejected', 'closed'], { error: '状态无效' }).optional(),
    /** Only what the caller may decide (the approver's queue). */
    queue: z.boolean().default(false),
    year: zYear.optional(),
  })
  .default({ queue: false });

export const zLoanDecide = z.object({
  id: zId,
  decision: z.enum(['approved', 'rejected'], { error: '审批结果应为批准或不批准' }),
  comment: text('审批意见', 500).default(''),
  /** The approver's own password, asked again at the moment of signing. */
  password: zPassword,
});

const zScan = z
  .string({ error: '条码内容必须是文字' })
  .trim()
  .min(1, { error: '条码为空，请重新扫描' })
  .max(MAX_SCAN_CODE, { error: `条码过长（最多 ${MAX_SCAN_CODE} 个字符），可能是两次扫描连在了一起` });

/** A record named by its scanned label (V/… or I/…) or by id. */
const zRecordRef = z.object({
  code: zScan.optional(),
  itemId: zId.optional(),
  volumeId: zId.optional(),
});
const oneRef = (v: z.output<typeof zRecordRef>) => [v.code, v.itemId, v.volumeId].filter(Boolean).length === 1;

export const zLoanHandOut = zRecordRef.refine(oneRef, { error: '请扫描档案标签，或选择一卷/一件档案' });

export const zLoanReturn = zRecordRef
  .extend({
    pagesChecked: z.number({ error: '请填写清点页数' }).int({ error: '页数须为整数' }).min(0).max(100000),
    intact: z.boolean({ error: '请说明是否完好' }).default(true),
    solved: z.boolean({ error: '请说明是否解决问题' }),
    servedWhat: text('利用效果（用途）', 200).default(''),
    outcomeText: text('利用效果说明', 1000).default(''),
    copyPages: z.number({ error: '复制页数须为数字' }).int({ error: '复制页数须为整数' }).min(0).max(100000).default(0),
  })
  .refine(oneRef, { error: '请扫描档案标签，或选择一卷/一件档案' });

export const zLoanYear = z.object({ year: zYear });
export const zLoanOverdue = z.object({}).default({});
export const zLoanRegister = z.object({
  year: zYear,
  format: z.enum(['pdf', 'xlsx'], { error: '格式应为 pdf 或 xlsx' }),
});
export const zLoanReminder = z.object({ recordIds: z.array(zId).max(500).default([]) }).default({ recordIds: [] });

export interface LoanRecordView {
  id: string;
  requestId: string;
  entity: 'item' | 'volume';
  entityId: string;
  archiveCode: string;
  title: string;
  securityLevel: number;
  status: LoanRecordStatus;
  outAt: string | null;
  outByName: string | null;
  dueDate: string | null;
  returnedAt: string | null;
  receivedByName: string | null;
  pagesChecked: number | null;
  intact: boolean | null;
  solved: boolean | null;
  servedWhat: string;
  outcomeText: string;
  copyPages: number;
  overdue: boolean;
}

/** An overdue loan with who has it (the 催还 list). */
export interface OverdueLoan extends LoanRecordView {
  borrowerName: string;
  borrowerUnit: string;
  contact: string;
  way: LoanWay;
  approverName: string | null;
  decidedAt: string | null;
}

export interface LoanDecisionView {
  approverName: string;
  approverRole: string;
  decision: 'approved' | 'rejected';
  comment: string;
  decidedAt: string;
  contentHash: string;
}

export interface LoanView {
  id: string;
  borrowerKind: BorrowerKind;
  borrowerName: string;
  borrowerUnit: string;
  borrowerIdNo: string;
  letterNo: string;
  contact: string;
  ownRecords: boolean;
  onBehalf: boolean;
  purpose: LoanPurpose;
  way: LoanWay;
  reason: string;
  fromDate: string;
  dueDate: string;
  status: LoanStatus;
  /** Why the station head must decide ([] when any approver may). */
  headReasons: string[];
  /** The filer's user id: a request is never decided by its filer (LOAN_OWN_REQUEST). */
  filedBy: string | null;
  filedByName: string;
  filedAt: string;
  decision: LoanDecisionView | null;
  records: LoanRecordView[];
  version: number;
}

/** What the clerk sees after a scan: the loan record and where the paper stands. */
export interface LoanScanResult {
  loan: LoanView;
  record: LoanRecordView;
  /** 库房 / 架 / 层 / 盒, or null when never shelved. */
  place: string | null;
  boxCode: string | null;
  message: string;
}

export interface UtilisationCounts {
  year: number;
  /** 利用人次: one person on one day = 1; one loan over many days = 1 (reference §11). */
  visits: number;
  /** 卷次 / 件次: volumes and items provided. */
  volumeTimes: number;
  itemTimes: number;
  copyPages: number;
  solved: number;
  byPurpose: { purpose: LoanPurpose; visits: number; volumeTimes: number; itemTimes: number; solved: number }[];
  /** The same counts by 利用方式 (the 档基 tables ask for both). */
  byWay: { way: LoanWay; visits: number; volumeTimes: number; itemTimes: number; solved: number }[];
}

export interface LoanFile {
  fileName: string;
  base64: string;
  pages: number;
}

/** The approval rules (meta 'lending_rules'; defaults in core/lending/rules.ts). */
export interface LendingRules {
  /** Ways that need the station head (借出). */
  headWays: LoanWay[];
  /** From this 密级 up the station head decides (2 = 秘密). */
  headFromLevel: number;
  /** Borrower kinds that need the station head (外单位). */
  headBorrowers: BorrowerKind[];
  /** Roles that count as the station head. */
  headRoles: string[];
  /** 门类代码 never lent outside the unit (会计: KU). */
  inHouseCategories: string[];
}
