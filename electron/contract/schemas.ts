/** zod input schemas, with Chinese messages, shared by every transport. */
import { z } from 'zod';
import { ARRANGEMENTS, FIELD_TYPES, NODE_ROLES, RETENTIONS, ROLES } from './domain';

const trimmed = (label: string, max = 200) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` });
const required = (label: string, max = 200) => trimmed(label, max).min(1, { error: `请填写${label}` });

export const zRetention = z.enum(RETENTIONS, { error: '保管期限只能是 Y、D30 或 D10' });
export const zSecurity = z.union([z.literal(0), z.literal(1), z.literal(2)], {
  error: '密级只能是 公开、内部 或 秘密',
});
export const zRole = z.enum(ROLES, { error: '角色无效' });
export const zId = z.string().min(1, { error: '缺少记录标识' }).max(64);
export const zYear = z
  .number({ error: '年度必须是四位数字' })
  .int({ error: '年度必须是四位数字' })
  .min(1900, { error: '年度不能早于1900' })
  .max(2100, { error: '年度不能晚于2100' });
/** Dates are stored as YYYYMMDD text per the 归档文件目录 convention; empty means unknown. */
export const zDate = z
  .string()
  .trim()
  .regex(/^(\d{8})?$/, { error: '日期格式应为 YYYYMMDD，例如 20110305' });
export const zPassword = z
  .string({ error: '请填写密码' })
  .min(8, { error: '密码至少8位' })
  .max(128, { error: '密码不能超过128位' });
export const zUsername = z
  .string({ error: '请填写用户名' })
  .trim()
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fa5]{2,32}$/, { error: '用户名为2到32位字母、数字或汉字' });
export const zFondsCode = z
  .string({ error: '请填写全宗号' })
  .trim()
  .regex(/^[A-Za-z0-9]{1,8}$/, { error: '全宗号由字母和数字组成，例如 J001' });
export const zOrgCode = z
  .string()
  .trim()
  .max(20, { error: '机构代码不能超过20个字' })
  .regex(/^[^\s\-·]*$/, { error: '机构代码不能含空格、“-”或“·”' })
  .default('');

export const zPerson = z.object({
  name: required('姓名', 50),
  idNumber: z
    .string()
    .trim()
    .transform((s) => (s === '' ? null : s.toUpperCase()))
    .nullable()
    .default(null),
});

export const zFieldDef = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, { error: '字段键名须以字母开头，由字母、数字、下划线组成' }),
  label: required('字段名称', 40),
  type: z.enum(FIELD_TYPES, { error: '字段类型无效' }),
  required: z.boolean().optional(),
  options: z.array(required('选项', 40)).max(100).optional(),
});

export const zScope = z.object({
  stationId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{0,32}$/, { error: '派出所编号只能由字母、数字、- 和 _ 组成' })
    .optional(),
  categoryId: zId.optional(),
  year: zYear.optional(),
  retention: zRetention.optional(),
  orgCode: z.string().max(20).optional(),
  volumeId: zId.optional(),
});

export const SORTABLE_COLUMNS = ['archiveCode', 'title', 'date', 'year', 'itemNo', 'author', 'updatedAt'] as const;
export const FILTERABLE_COLUMNS = ['archiveCode', 'title', 'author', 'docNumber', 'date', 'personNames'] as const;

export const zItemQuery = z.object({
  scope: zScope.default({}),
  filters: z.partialRecord(z.enum(FILTERABLE_COLUMNS), z.string().max(200)).default({}),
  /** 库位: only what stands at this place or under it (by its box, its volume's box, or its volume). */
  placeId: zId.optional(),
  securityLevel: zSecurity.optional(),
  includeDeleted: z.boolean().default(false),
  sort: z
    .object({ column: z.enum(SORTABLE_COLUMNS), dir: z.enum(['asc', 'desc']) })
    .default({ column: 'archiveCode', dir: 'asc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

const itemFields = {
  title: required('题名', 500),
  author: trimmed('责任者', 200).default(''),
  docNumber: trimmed('文号', 100).default(''),
  date: zDate.default(''),
  pageCount: z.number().int().min(0).max(100000).nullable().default(null),
  securityLevel: zSecurity.default(0),
  remarks: trimmed('备注', 2000).default(''),
  extra: z.record(z.string(), z.string().max(2000)).default({}),
  persons: z.array(zPerson).max(200).default([]),
};

export const zCreateItem = z.object({
  categoryId: zId,
  year: zYear,
  retention: zRetention.optional(),
  orgCode: zOrgCode,
  volumeId: zId.nullable().default(null),
  ...itemFields,
});

export const zUpdateItem = z.object({
  id: zId,
  expectedVersion: z.number().int().min(1),
  ...itemFields,
});

export const zCreateVolume = z.object({
  categoryId: zId,
  year: zYear,
  retention: zRetention.optional(),
  orgCode: zOrgCode,
  title: required('案卷题名', 500),
  startDate: zDate.default(''),
  endDate: zDate.default(''),
  securityLevel: zSecurity.default(0),
  remarks: trimmed('备注', 2000).default(''),
});

export const zUpdateVolume = z.object({
  id: zId,
  expectedVersion: z.number().int().min(1),
  title: required('案卷题名', 500),
  startDate: zDate.default(''),
  endDate: zDate.default(''),
  securityLevel: zSecurity.default(0),
  remarks: trimmed('备注', 2000).default(''),
});

export const zDelete = z.object({ id: zId, reason: required('删除原因', 500) });

export const zSetup = z.object({
  nodeRole: z.enum(NODE_ROLES, { error: '请选择本机角色' }),
  unitName: required('单位名称', 100),
  fondsCode: zFondsCode,
  adminUsername: zUsername,
  adminDisplayName: required('管理员姓名', 50),
  adminPassword: zPassword,
});

export const zCategoryInput = z.object({
  id: zId.optional(),
  expectedVersion: z.number().int().min(1).optional(),
  parentId: zId.nullable().default(null),
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{1,6}$/, { error: '门类代码为1到6位大写字母或数字' }),
  name: required('门类名称', 50),
  defaultRetention: zRetention,
  arrangement: z.enum(ARRANGEMENTS, { error: '整理方式无效' }),
  codeTemplate: required('档号模板', 200),
  volumeCodeTemplate: required('案卷档号模板', 200),
  fields: z.array(zFieldDef).max(60).default([]),
  sortOrder: z.number().int().default(0),
});

export const zImportSource = z.object({
  fileName: required('文件名', 260),
  base64: z.string().min(1, { error: '文件内容为空' }),
  sheet: z.string().optional(),
  categoryId: zId,
  mapping: z.record(z.string(), z.string()).optional(),
  defaults: z
    .object({ year: zYear.optional(), retention: zRetention.optional(), securityLevel: zSecurity.optional() })
    .default({}),
});
