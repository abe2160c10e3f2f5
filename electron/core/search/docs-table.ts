/**
 * The documents' filter attributes in memory (about 13 bytes a document), kept in step
 * with search_docs by reading the rows added since the last look: a new row may retire
 * the document it replaces. A reindex starts a new generation and a fresh table.
 */
import type Database from 'better-sqlite3';
import { searchDocs } from '../../../db/schema';
import { getMetaRaw } from './meta';
import { colSql, type CoreContext, defineService, serviceOf, tableSql } from '../kernel';

// Raw on purpose: refreshes the in-memory docs table on every search (.raw() iteration over new docs);
// the names and the tuple type come from the schema.

type DocRecord = typeof searchDocs.$inferSelect;
const REFRESH_KEYS = [
  'doc',
  'replaces',
  'live',
  'categoryId',
  'year',
  'retention',
  'securityLevel',
  'status',
  'hasScans',
  'date',
  'stationId',
] as const satisfies readonly (keyof DocRecord)[];
type ValuesOf<K extends readonly (keyof DocRecord)[]> = {
  -readonly [I in keyof K]: K[I] extends keyof DocRecord ? DocRecord[K[I]] : never;
};
type RefreshRow = ValuesOf<typeof REFRESH_KEYS>;
const DOCS = tableSql(searchDocs);
const DOC = colSql(searchDocs.doc);
const MAX_DOC = `SELECT coalesce(max(${DOC}), 0) FROM ${DOCS}`;
const NEW_DOCS = `SELECT ${REFRESH_KEYS.map((k) => colSql(searchDocs[k])).join(', ')} FROM ${DOCS} WHERE ${DOC} > ? ORDER BY ${DOC}`;

const RETENTIONS = ['Y', 'D30', 'D10'];

export class DocsTable {
  generation = '';
  maxDoc = 0;
  live = new Uint8Array(1024);
  security = new Uint8Array(1024);
  category = new Uint16Array(1024);
  year = new Uint16Array(1024);
  retention = new Uint8Array(1024);
  status = new Uint8Array(1024);
  scans = new Uint8Array(1024);
  date = new Int32Array(1024);
  /** At the bureau: the station a document came from (0 is the bureau's own, '' in `stations`). */
  station = new Uint16Array(1024);
  liveCount = 0;
  readonly categories = new Map<string, number>();
  readonly stations = new Map<string, number>([['', 0]]);

  stationIndex(id: string): number {
    let i = this.stations.get(id);
    if (i === undefined) this.stations.set(id, (i = this.stations.size));
    return i;
  }

  categoryIndex(id: string): number {
    let i = this.categories.get(id);
    if (i === undefined) this.categories.set(id, (i = this.categories.size));
    return i;
  }

  private ensure(doc: number): void {
    if (doc < this.live.length) return;
    let n = this.live.length;
    while (n <= doc) n *= 2;
    const grow = <T extends Uint8Array | Uint16Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.live = grow(this.live);
    this.security = grow(this.security);
    this.category = grow(this.category);
    this.year = grow(this.year);
    this.retention = grow(this.retention);
    this.status = grow(this.status);
    this.scans = grow(this.scans);
    this.date = grow(this.date);
    this.station = grow(this.station);
  }

  refresh(db: Database.Database): void {
    const generation = getMetaRaw(db, 'search.generation') ?? '0';
    if (generation !== this.generation) {
      Object.assign(this, new DocsTable());
      this.generation = generation;
    }
    const max = db.prepare(MAX_DOC).pluck().get() as DocRecord['doc'];
    if (max <= this.maxDoc) return;
    this.ensure(max);
    const rows = db.prepare(NEW_DOCS).raw().iterate(this.maxDoc) as IterableIterator<RefreshRow>;
    for (const [doc, replaces, live, cat, year, ret, sec, status, scans, date, station] of rows) {
      if (replaces !== null && this.live[replaces]) {
        this.live[replaces] = 0;
        this.liveCount--;
      }
      this.live[doc] = live;
      if (live) this.liveCount++;
      this.security[doc] = sec;
      this.category[doc] = this.categoryIndex(cat);
      this.year[doc] = year;
      this.retention[doc] = Math.max(0, RETENTIONS.indexOf(ret));
      this.status[doc] = status;
      this.scans[doc] = scans;
      this.date[doc] = date;
      this.station[doc] = station ? this.stationIndex(station) : 0;
    }
    this.maxDoc = max;
  }
}

const tables = defineService({ name: 'search.docsTable', create: () => new DocsTable() });
/** This core's document table, brought up to date with search_docs. */
export function docsTable(ctx: CoreContext): DocsTable {
  const t = serviceOf(ctx, tables);
  t.refresh(ctx.sqlite);
  return t;
}

export const retentionIndex = (r: string): number => RETENTIONS.indexOf(r);
