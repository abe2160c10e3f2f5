/** Domain vocabulary shared by core, renderer and scripts (pure data, no I/O). */

export const ROLES = ['admin', 'clerk', 'registry', 'head', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  clerk: '档案员/内勤',
  registry: '户籍民警',
  head: '所长',
  auditor: '审计员',
};

/** 密级 as an ordered scale; a user sees records whose level is ≤ the user's clearance. */
export const SECURITY_LEVELS = [0, 1, 2] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];
export const SECURITY_LABELS: Record<SecurityLevel, string> = { 0: '公开', 1: '内部', 2: '秘密' };

export const RETENTIONS = ['Y', 'D30', 'D10'] as const;
export type Retention = (typeof RETENTIONS)[number];
export const RETENTION_LABELS: Record<Retention, string> = {
  Y: '永久',
  D30: '定期30年',
  D10: '定期10年',
};

export const ARRANGEMENTS = ['item', 'volume'] as const;
export type Arrangement = (typeof ARRANGEMENTS)[number];
export const ARRANGEMENT_LABELS: Record<Arrangement, string> = { item: '按件', volume: '按卷' };

export const NODE_ROLES = ['station', 'bureau'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];
export const NODE_ROLE_LABELS: Record<NodeRole, string> = { station: '派出所', bureau: '县局' };

export const FIELD_TYPES = ['text', 'textarea', 'date', 'number', 'idNumber', 'enum'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A category's extra field, defined as data (分类方案), not code. */
export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  options?: string[];
}

/** The built-in catalogue columns every item has; imports and grid filters use these keys. */
export const ITEM_COLUMNS = {
  archiveCode: '档号',
  title: '题名',
  author: '责任者',
  docNumber: '文号',
  date: '日期',
  year: '年度',
  retention: '保管期限',
  orgCode: '机构代码',
  itemNo: '件号',
  pageCount: '页数',
  securityLevel: '密级',
  remarks: '备注',
} as const;
export type ItemColumn = keyof typeof ITEM_COLUMNS;
