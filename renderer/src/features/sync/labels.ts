import { t, zhCN, type MessageKey } from '../../i18n/zh-CN';

/** A label from a key built at run time, or the raw value when no string exists for it. */
function lookup(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in zhCN ? t(key as MessageKey) : value;
}

export const entityLabel = (e: string): string => lookup('sync.entity', e);
export const outcomeLabel = (s: string): string => lookup('sync.outcome', s);
export const bundleStatusLabel = (s: string): string => lookup('sync.bundleStatus', s);
export const keyStatusLabel = (s: string): string => lookup('sync.keyStatus', s);
export const stationStatusLabel = (s: string): string => lookup('sync.stationStatus', s);

/** 1536 → "1.5 KB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Chinese names of the station record columns shown when comparing a conflict's two copies. */
export const FIELD_LABELS: Record<string, string> = {
  archive_code: '档号',
  title: '题名',
  year: '年度',
  retention: '保管期限',
  category_code: '门类',
  org_code: '机构问题代码',
  item_no: '件号',
  volume_no: '案卷号',
  author: '责任者',
  doc_number: '文号',
  date: '日期',
  start_date: '起始日期',
  end_date: '终止日期',
  page_count: '页数',
  security_level: '密级',
  remarks: '备注',
  persons: '人员',
  name: '姓名',
  id_number: '公民身份号码',
  deleted_at: '删除时间',
  deleted_reason: '删除原因',
  updated_at: '修改时间',
  version: '版本',
};
