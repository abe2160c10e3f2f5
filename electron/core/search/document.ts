/**
 * What an item contributes to search: its fields' texts (SEARCH_FIELDS order) and the
 * attributes search filters on. Loaded in batches, for reindexing and for the items a
 * transaction changed.
 */
import type Database from 'better-sqlite3';
import {
  archiveCodeHistory,
  itemPersons,
  items,
  pageTexts,
  persons,
  type CodeHistoryRecord,
  type ItemRecord,
  type PersonRecord,
} from '../../../db/schema';
import { SEARCH_FIELDS } from '../../contract/search';
import { colSql, itemLevelRaw, selectSql, tableSql } from '../kernel';
import { pinyinOf } from './pinyin';

// Raw on purpose: reads items and their persons in bulk batches for (re)indexing and for
// every search page; names and row types come from the schema.

const ITEM_KEYS = [
  'id',
  'title',
  'personNames',
  'archiveCode',
  'docNumber',
  'author',
  'extra',
  'remarks',
  'categoryId',
  'year',
  'retention',
  'securityLevel',
  'date',
] as const satisfies readonly (keyof ItemRecord)[];

export type ItemSource = Omit<Pick<ItemRecord, (typeof ITEM_KEYS)[number]>, 'retention'> & {
  /** Any text: a station's mirrored record is not held to the bureau's enum. */
  retention: string;
  deleted: boolean;
  /** Linked persons' names and 公民身份号码. */
  persons: Pick<PersonRecord, 'name' | 'idNumber'>[];
  /** Page texts in page order. */
  pages: string[];
  /** 档号 the item had before a 更正归档位置: searching an old 档号 still finds it. */
  formerCodes?: string[];
  /** At the bureau: the station a mirrored record came from (absent for the bureau's own items). */
  stationId?: string;
};

// The level search filters on is the effective one: an item in a higher volume takes the volume's.
const ITEM_COLUMNS = `rowid AS rowid, ${selectSql(
  items,
  ITEM_KEYS.filter((k) => k !== 'securityLevel'),
)}, ${itemLevelRaw()} AS "securityLevel", ${colSql(items.deletedAt)} IS NOT NULL AS deleted`;
const ITEMS = tableSql(items);

type Row = Pick<ItemRecord, (typeof ITEM_KEYS)[number]> & { rowid: number; deleted: number };

/** Items by rowid range (reindex reads the table in rowid order). */
export function loadRange(
  db: Database.Database,
  afterRowid: number,
  limit: number,
): { last: number; items: ItemSource[] } {
  const rows = db
    .prepare(`SELECT ${ITEM_COLUMNS} FROM ${ITEMS} WHERE rowid > ? ORDER BY rowid LIMIT ?`)
    .all(afterRowid, limit) as Row[];
  return { last: rows.length ? rows[rows.length - 1]!.rowid : afterRowid, items: complete(db, rows) };
}

export function loadItems(db: Database.Database, ids: string[]): ItemSource[] {
  const out: ItemSource[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = db
      .prepare(`SELECT ${ITEM_COLUMNS} FROM ${ITEMS} WHERE ${colSql(items.id)} IN (${part.map(() => '?').join(',')})`)
      .all(...part) as Row[];
    out.push(...complete(db, rows));
  }
  return out;
}

const ip = (c: keyof typeof itemPersons.$inferSelect) => colSql(itemPersons[c], 'ip');
const PERSONS_OF = (list: string) =>
  `SELECT ${ip('itemId')} AS "itemId", ${selectSql(persons, ['name', 'idNumber'], 'p')}
   FROM ${tableSql(itemPersons)} ip JOIN ${tableSql(persons)} p ON ${colSql(persons.id, 'p')} = ${ip('personId')}
   WHERE ${ip('itemId')} IN (${list}) ORDER BY ${ip('itemId')}, ${ip('position')}`;
const PAGES_OF = (list: string) =>
  `SELECT ${selectSql(pageTexts, ['itemId', 'text'])} FROM ${tableSql(pageTexts)}
   WHERE ${colSql(pageTexts.itemId)} IN (${list}) ORDER BY ${colSql(pageTexts.itemId)}, ${colSql(pageTexts.pageNo)}`;
const h = archiveCodeHistory;
const FORMER_OF = (list: string) =>
  `SELECT ${selectSql(h, ['entityId', 'oldCode'])} FROM ${tableSql(h)}
   WHERE ${colSql(h.entity)} = 'item' AND ${colSql(h.entityId)} IN (${list}) ORDER BY ${colSql(h.entityId)}, ${colSql(h.changedAt)}`;

function complete(db: Database.Database, rows: Row[]): ItemSource[] {
  const byId = new Map<string, ItemSource>();
  for (const r of rows) {
    const { rowid: _rowid, ...rest } = r;
    byId.set(r.id, { ...rest, deleted: r.deleted === 1, persons: [], pages: [] });
  }
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const list = ids.map(() => '?').join(',');
  const linked = db.prepare(PERSONS_OF(list)).all(...ids) as (Pick<typeof itemPersons.$inferSelect, 'itemId'> &
    Pick<PersonRecord, 'name' | 'idNumber'>)[];
  for (const p of linked) byId.get(p.itemId)?.persons.push({ name: p.name, idNumber: p.idNumber });
  const pages = db.prepare(PAGES_OF(list)).all(...ids) as Pick<typeof pageTexts.$inferSelect, 'itemId' | 'text'>[];
  for (const p of pages) byId.get(p.itemId)?.pages.push(p.text);
  const former = db.prepare(FORMER_OF(list)).all(...ids) as Pick<CodeHistoryRecord, 'entityId' | 'oldCode'>[];
  for (const f of former) {
    const src = byId.get(f.entityId);
    if (src) (src.formerCodes ??= []).push(f.oldCode);
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
