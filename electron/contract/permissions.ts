/** What each role may do. Authorization is decided in core from these tables. */
import type { Role } from './domain';

export const PERMISSIONS = [
  'catalogue.read',
  'catalogue.write',
  'catalogue.delete',
  'catalogue.renumber',
  /** 撤销删除: the administrator only (a deletion is undone by someone other than the clerk). */
  'catalogue.restore',
  'scheme.edit',
  'users.manage',
  'audit.read',
  'import',
  'export',
  'search.manage',
  'scan',
  'forms.manage',
  'sync.export',
  'sync.import',
  'sync.manage',
  /**
   * `sync.bundle.verify` makes the server read a folder named by the caller: those who
   * move bundles (档案员, 管理员) and the 审计员, who checks a bundle at the bureau without
   * importing it. 所长 and 登记员 never handle bundles.
   */
  'sync.verify',
  /** System settings such as the OCR engines and the hot folder: the administrator only. */
  'settings.manage',
  /** 借阅: filing requests, handing records out and taking them back (those who keep the archive). */
  'lending.request',
  /** 借阅审批: the station head (and the administrator, for what needs no head). */
  'lending.approve',
  /** 鉴定: recording appraisal decisions, legal holds, compiling and executing destruction lists. */
  'appraisal.decide',
  /** 批准销毁清册: the station head (password signature). */
  'appraisal.approve',
  /** 开放鉴定 and 密级变更/解密: the station head (password signature). */
  'opening.review',
  /** 整理验收: opening batches and assigning people (those who keep the archive). */
  'arrangement.manage',
  /** Signing a step of a batch (its capacity is checked per step: 所长, 户籍民警 sign as themselves). */
  'arrangement.sign',
  /** 统计年报: entering the year's 库房面积, equipment and staff (those who keep the archive, the head). */
  'statistics.profile',
  /** 统计年报关账: the station head closes a year (password signature); its figures are frozen. */
  'statistics.close',
  /** 考核指标权重: the administrator sets how much each indicator counts (admin only). */
  'statistics.weights',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  clerk: [
    'catalogue.read',
    'catalogue.write',
    'catalogue.delete',
    'catalogue.renumber',
    'import',
    'export',
    'search.manage',
    'scan',
    'forms.manage',
    'sync.export',
    'sync.import',
    'sync.verify',
    'lending.request',
    'appraisal.decide',
    'arrangement.manage',
    'arrangement.sign',
    'statistics.profile',
  ],
  registry: ['catalogue.read', 'catalogue.write', 'export', 'scan', 'lending.request', 'arrangement.sign'],
  head: [
    'catalogue.read',
    'export',
    'audit.read',
    'lending.approve',
    'appraisal.approve',
    'opening.review',
    'arrangement.sign',
    'statistics.profile',
    'statistics.close',
  ],
  // 审计员: reads everything including the audit log, changes nothing.
  auditor: ['catalogue.read', 'audit.read', 'sync.verify'],
};

export const hasPermission = (role: Role, p: Permission): boolean => ROLE_PERMISSIONS[role].includes(p);
