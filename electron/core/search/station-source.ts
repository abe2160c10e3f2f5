/**
 * At the county bureau, the stations' mirrored records (`station_records`) are searchable
 * like the bureau's own items: each station item becomes an ItemSource (its persons and
 * page texts joined from the same station's records) and is indexed as document key
 * `<station>:<item id>`, with the station in `search_docs.station_id`. Categories are
 * mapped to the bureau's by full code (YW·HJ, what every node's 档号 is built from), so a
 * 门类 filter finds the same 门类 at every station; a code the bureau lacks keeps the
 * station's own category id (prefixed by the station) and its name.
 */
import type Database from 'better-sqlite3';
import { stationRecords, type StationMirrorRecord } from '../../../db/schema';
import { colSql, type CoreContext, selectSql, tableSql } from '../kernel';
import { loadScheme } from '../scheme';
import type { ItemSource } from './document';

// Raw on purpose: bulk reads of the mirrored station records (JSON fields) for indexing; names from the schema.

const sr = stationRecords;
const RECORDS = tableSql(sr);
const c = (k: keyof StationMirrorRecord) => colSql(sr[k]);
const ofStation = (entity: string) => `${RECORDS} WHERE ${c('stationId')} = ? AND ${c('entity')} = '${entity}'`;
const ITEM_KEYS = ['entityId', 'fields', 'deleted'] as const satisfies readonly (keyof StationMirrorRecord)[];
const ITEMS_OF = (marks: string) =>
  `SELECT ${selectSql(sr, ITEM_KEYS)} FROM ${ofStation('item')} AND ${c('entityId')} IN (${marks})`;
const PERSONS_OF = (marks: string) =>
  `SELECT ${c('entityId')}, ${c('fields')} FROM ${ofStation('person')} AND ${c('entityId')} IN (${marks})`;
const PAGE_TEXTS_OF = (marks: string) =>
  `SELECT ${c('fields')} FROM ${ofStation('page_text')}
   AND json_extract(${c('fields')}, '$.fields.item_id') IN (${marks}) AND ${c('deleted')} = 0`;
const NEXT_ITEM_KEYS = `SELECT ${c('stationId')}, ${c('entityId')} FROM ${RECORDS} WHERE ${c('entity')} = 'item'
  AND (${c('stationId')}, ${c('entityId')}) > (?, ?) ORDER BY ${c('stationId')}, ${c('entityId')} LIMIT ?`;
type Key = [StationMirrorRecord['stationId'], StationMirrorRecord['entityId']];

export const STATION_KEY_SEPARATOR = ':';
export const stationDocKey = (stationId: string, id: string): string => `${stationId}${STATION_KEY_SEPARATOR}${id}`;

/** Splits a document key; null for the bureau's own items (UUIDs hold no ':'). */
export function splitStationKey(key: string): { stationId: string; id: string } | null {
  const i = key.indexOf(STATION_KEY_SEPARATOR);
  return i < 0 ? null : { stationId: key.slice(0, i), id: key.slice(i + 1) };
}

type Fields = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const parse = (json: string): Fields => {
  try {
    return ((JSON.parse(json) as { fields?: Fields }).fields ?? {}) as Fields;
  } catch {
    return {};
  }
};

/** Resolves station category codes to the bureau's category ids (and names for display). */
export class CategoryMap {
  private byCode: Map<string, { id: string; name: string }>;
  constructor(ctx: CoreContext) {
    this.byCode = new Map(loadScheme(ctx).list.map((c) => [c.fullCode, { id: c.id, name: c.name }]));
  }
  idFor(stationId: string, fullCode: string, stationCategoryId: string): string {
    return this.byCode.get(fullCode)?.id ?? stationDocKey(stationId, stationCategoryId);
  }
}

type Row = Pick<StationMirrorRecord, (typeof ITEM_KEYS)[number]>;

/** The given items of one station as search sources (ids that are not station items are skipped). */
export function loadStationItems(
  db: Database.Database,
  cats: CategoryMap,
  stationId: string,
  ids: readonly string[],
): ItemSource[] {
  const out: ItemSource[] = [];
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = db.prepare(ITEMS_OF(marks(part.length))).all(stationId, ...part) as Row[];
    if (rows.length === 0) continue;
    const items = rows.map((r) => ({ r, f: parse(r.fields), itemId: r.entityId.split('~')[0]! }));
    // Persons and page texts of the whole batch in two queries (page texts through their partial index).
    const personIds = [
      ...new Set(
        items.flatMap(({ f }) =>
          (Array.isArray(f.persons) ? (f.persons as { personId?: unknown }[]) : [])
            .map((p) => p.personId)
            .filter((x): x is string => typeof x === 'string'),
        ),
      ),
    ];
    const persons = new Map<string, Fields>();
    for (let k = 0; k < personIds.length; k += 500) {
      const chunk = personIds.slice(k, k + 500);
      for (const [id, fields] of db
        .prepare(PERSONS_OF(marks(chunk.length)))
        .raw()
        .all(stationId, ...chunk) as [StationMirrorRecord['entityId'], StationMirrorRecord['fields']][])
        persons.set(id, parse(fields));
    }
    const itemIds = [...new Set(items.map((x) => x.itemId))];
    const texts = new Map<string, Fields[]>();
    for (const [fields] of db
      .prepare(PAGE_TEXTS_OF(marks(itemIds.length)))
      .raw()
      .all(stationId, ...itemIds) as [StationMirrorRecord['fields']][]) {
      const f = parse(fields);
      const key = str(f.item_id);
      texts.set(key, [...(texts.get(key) ?? []), f]);
    }
    for (const { r, f, itemId } of items) {
      // A copy kept beside a record after a conflict ('<id>~<conflict>') reads its texts like the record.
      const linked = (Array.isArray(f.persons) ? (f.persons as { personId?: string }[]) : []).flatMap((p) => {
        const pf = p.personId ? persons.get(p.personId) : undefined;
        return pf ? [{ name: str(pf.name), idNumber: str(pf.id_number) || null }] : [];
      });
      const pages = (texts.get(itemId) ?? [])
        .sort((a, b) => Number(a.page_no) - Number(b.page_no))
        .map((p) => str(p.text));
      out.push({
        id: stationDocKey(stationId, r.entityId),
        stationId,
        title: str(f.title),
        personNames: str(f.person_names),
        archiveCode: str(f.archive_code),
        docNumber: str(f.doc_number),
        author: str(f.author),
        extra: str(f.extra) || '{}',
        remarks: str(f.remarks),
        categoryId: cats.idFor(stationId, str(f.category_code), str(f.category_id)),
        year: Number(f.year) || 0,
        retention: str(f.retention) || 'Y',
        securityLevel: Number(f.security_level) || 0,
        deleted: r.deleted === 1 || f.deleted_at != null,
        date: str(f.date),
        persons: linked,
        pages,
      });
    }
  }
  return out;
}

/** Every station item, a batch at a time in key order (the reindex). */
export function* stationItemBatches(db: Database.Database, cats: CategoryMap, batch: number): Generator<ItemSource[]> {
  const next = db.prepare(NEXT_ITEM_KEYS);
  let after: Key = ['', ''];
  for (;;) {
    const keys = next.raw().all(after[0], after[1], batch) as Key[];
    if (keys.length === 0) return;
    after = keys[keys.length - 1]!;
    const byStation = new Map<string, string[]>();
    for (const [s, id] of keys) byStation.set(s, [...(byStation.get(s) ?? []), id]);
    yield [...byStation].flatMap(([s, ids]) => loadStationItems(db, cats, s, ids));
  }
}

/** The station items a set of applied records touches: the items themselves and those whose page text changed. */
export function touchedStationItems(
  records: readonly { entity: string; id: string; fields: Record<string, unknown> }[],
): string[] {
  const ids = new Set<string>();
  for (const r of records) {
    if (r.entity === 'item') ids.add(r.id);
    else if (r.entity === 'page_text' && typeof r.fields.item_id === 'string') ids.add(r.fields.item_id);
  }
  return [...ids];
}
