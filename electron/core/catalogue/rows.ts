import type { ItemRow, ItemView, PersonRef } from '../../contract/dto';
import type { Retention, SecurityLevel } from '../../contract/domain';
import type { CoreContext } from '../kernel';
import { loadScheme } from '../scheme';

export interface ItemRecord {
  id: string;
  node_id: string;
  version: number;
  fonds_code: string;
  category_id: string;
  category_code: string;
  year: number;
  retention: Retention;
  org_code: string;
  volume_id: string | null;
  item_no: number;
  archive_code: string;
  title: string;
  author: string;
  doc_number: string;
  date: string;
  page_count: number | null;
  security_level: SecurityLevel;
  remarks: string;
  extra: string;
  person_names: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_reason: string | null;
}

/** Columns the grid needs; heavy text (remarks, extra) stays out of paging queries. */
export const ROW_COLUMNS =
  'id, version, fonds_code, category_id, category_code, year, retention, org_code, volume_id, item_no, archive_code, title, author, doc_number, date, page_count, security_level, person_names, created_at, updated_at, deleted_at, deleted_reason';

export function toItemRow(ctx: CoreContext, r: Omit<ItemRecord, 'extra' | 'remarks' | 'node_id'>): ItemRow {
  return {
    id: r.id,
    version: r.version,
    categoryId: r.category_id,
    categoryCode: r.category_code,
    categoryName: loadScheme(ctx).byId.get(r.category_id)?.name ?? '',
    fondsCode: r.fonds_code,
    year: r.year,
    retention: r.retention,
    orgCode: r.org_code,
    volumeId: r.volume_id,
    itemNo: r.item_no,
    archiveCode: r.archive_code,
    title: r.title,
    author: r.author,
    docNumber: r.doc_number,
    date: r.date,
    pageCount: r.page_count,
    securityLevel: r.security_level,
    personNames: r.person_names,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    deletedReason: r.deleted_reason,
  };
}

export function toItemView(ctx: CoreContext, r: ItemRecord): ItemView {
  const persons = ctx.sqlite
    .prepare(
      `SELECT p.id, p.name, p.id_number FROM item_persons ip JOIN persons p ON p.id = ip.person_id
       WHERE ip.item_id = ? ORDER BY ip.position`,
    )
    .all(r.id) as { id: string; name: string; id_number: string | null }[];
  const { personNames: _names, ...row } = toItemRow(ctx, r);
  return {
    ...row,
    nodeId: r.node_id,
    remarks: r.remarks,
    extra: JSON.parse(r.extra) as Record<string, string>,
    persons: persons.map((p): PersonRef => ({ id: p.id, name: p.name, idNumber: p.id_number })),
  };
}
