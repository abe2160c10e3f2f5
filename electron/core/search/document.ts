/**
 * What an item contributes to search: its fields' texts (SEARCH_FIELDS order) and the
 * attributes search filters on. Loaded in batches, for reindexing and for the items a
 * transaction changed.
 */
import type Database from 'better-sqlite3';
import { SEARCH_FIELDS } from '../../contract/search';
import { pinyinOf } from './pinyin';

// Raw on purpose: reads items and their persons in bulk batches for (re)indexing.

export interface ItemSource {
  id: string;
  title: string;
  personNames: string;
  archiveCode: string;
  docNumber: string;
  author: string;
  extra: string;
  remarks: string;
  categoryId: string;
  year: number;
  retention: string;
  securityLevel: number;
  deleted: boolean;
  date: string;
  /** Linked persons' names and 公民身份号码. */
  persons: { name: string; idNumber: string | null }[];
  /** Page texts in page order. */
  pages: string[];
  /** 档号 the item had before a 更正归档位置: searching an old 档号 still finds it. */
  formerCodes?: string[];
  /** At the bureau: the station a mirrored record came from (absent for the bureau's own items). */
  stationId?: string;
}

const ITEM_COLUMNS = `rowid AS rowid, id, title, person_names AS personNames, archive_code AS archiveCode,
  doc_number AS docNumber, author, extra, remarks, category_id AS categoryId, year, retention,
  security_level AS securityLevel, deleted_at IS NOT NULL AS deleted, date`;

type Row = Omit<ItemSource, 'persons' | 'pages' | 'deleted'> & { rowid: number; deleted: number };

/** Items by rowid range (reindex reads the table in rowid order). */
export function loadRange(
  db: Database.Database,
  afterRowid: number,
  limit: number,
): { last: number; items: ItemSource[] } {
  const rows = db
    .prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE rowid > ? ORDER BY rowid LIMIT ?`)
    .all(afterRowid, limit) as Row[];
  return { last: rows.length ? rows[rows.length - 1]!.rowid : afterRowid, items: complete(db, rows) };
}

export function loadItems(db: Database.Database, ids: string[]): ItemSource[] {
  const out: ItemSource[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = db
      .prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE id IN (${part.map(() => '?').join(',')})`)
      .all(...part) as Row[];
    out.push(...complete(db, rows));
  }
  return out;
}

function complete(db: Database.Database, rows: Row[]): ItemSource[] {
  const byId = new Map<string, ItemSource>();
  for (const r of rows) {
    const { rowid: _rowid, ...rest } = r;
    byId.set(r.id, { ...rest, deleted: r.deleted === 1, persons: [], pages: [] });
  }
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const list = ids.map(() => '?').join(',');
  const persons = db
    .prepare(
      `SELECT ip.item_id AS itemId, p.name, p.id_number AS idNumber FROM item_persons ip
       JOIN persons p ON p.id = ip.person_id WHERE ip.item_id IN (${list}) ORDER BY ip.item_id, ip.position`,
    )
    .all(...ids) as { itemId: string; name: string; idNumber: string | null }[];
  for (const p of persons) byId.get(p.itemId)?.persons.push({ name: p.name, idNumber: p.idNumber });
  const pages = db
    .prepare(`SELECT item_id AS itemId, text FROM page_texts WHERE item_id IN (${list}) ORDER BY item_id, page_no`)
    .all(...ids) as { itemId: string; text: string }[];
  for (const p of pages) byId.get(p.itemId)?.pages.push(p.text);
  const former = db
    .prepare(
      `SELECT entity_id AS itemId, old_code AS code FROM archive_code_history
       WHERE entity = 'item' AND entity_id IN (${list}) ORDER BY entity_id, changed_at`,
    )
    .all(...ids) as { itemId: string; code: string }[];
  for (const f of former) {
    const src = byId.get(f.itemId);
    if (src) (src.formerCodes ??= []).push(f.code);
  }
  return [...byId.values()];
}

const NAME_SPLIT = /[、，,;；\s]+/;

/** The item's searchable texts, indexed like SEARCH_FIELDS. */
export function fieldsOf(src: ItemSource): string[] {
  const names = new Set(src.personNames.split(NAME_SPLIT).filter(Boolean));
  for (const p of src.persons) names.add(p.name);
  const nameList = [...names];
  const spoken = nameList.map(pinyinOf).filter(Boolean);
  let extra = '';
  try {
    const values = JSON.parse(src.extra || '{}') as Record<string, unknown>;
    extra = Object.values(values)
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .join('\n');
  } catch {
    extra = '';
  }
  const byField: Record<(typeof SEARCH_FIELDS)[number], string> = {
    title: src.title,
    names: [...nameList, ...spoken].join('\n'),
    idno: src.persons.map((p) => p.idNumber ?? '').join('\n'),
    code: [src.archiveCode, ...(src.formerCodes ?? [])].join('\n'),
    docno: src.docNumber,
    author: src.author,
    extra,
    remarks: src.remarks,
    fulltext: src.pages.join('\n'),
  };
  return SEARCH_FIELDS.map((f) => byField[f]);
}

/** The date as YYYYMMDD, or 0. */
export const dateNumber = (d: string): number => (/^\d{8}$/.test(d) ? Number(d) : 0);
