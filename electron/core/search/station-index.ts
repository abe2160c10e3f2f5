/**
 * Keeps the bureau's station records in the search index. There is no change-log row for
 * a mirrored record (the bureau never re-exports them), so the bundle import calls
 * `indexStationItems` inside its own transaction; a conflict resolved later ('take
 * theirs', 'keep both') is picked up from its `sync_conflict` change-log row by the
 * commit hook. Like the bureau's own items, nothing is indexed while the index is stale
 * or being rebuilt: the rebuild reads every record anyway.
 */
import { changeLog, syncConflicts, type SyncConflictRecord } from '../../../db/schema';
import { colSql, type CoreContext, selectSql, tableSql } from '../kernel';
import { PostingsBuilder } from './builder';
import { isStale, setIndexFormat } from './meta';
import { buildProgress } from './state';
import { CategoryMap, loadStationItems } from './station-source';
import { IndexStore } from './store';

// Raw on purpose: runs in the commit hook of bundle imports (bulk) and of every mutation; names from the schema.

const KEYS = [
  'id',
  'stationId',
  'entity',
  'entityId',
  'theirsFields',
] as const satisfies readonly (keyof SyncConflictRecord)[];
const RESOLVED_SINCE = `SELECT ${selectSql(syncConflicts, KEYS)} FROM ${tableSql(syncConflicts)}
  WHERE ${colSql(syncConflicts.id)} IN (SELECT ${colSql(changeLog.entityId)} FROM ${tableSql(changeLog)}
    WHERE ${colSql(changeLog.seq)} > ? AND ${colSql(changeLog.entity)} = 'sync_conflict')`;

export function indexStationItems(ctx: CoreContext, stationId: string, ids: readonly string[]): void {
  const db = ctx.sqlite;
  if (ids.length === 0 || buildProgress(ctx).building || isStale(ctx)) return;
  const store = new IndexStore(db);
  const builder = new PostingsBuilder();
  let doc = store.nextDoc();
  if (doc === 1) setIndexFormat(ctx);
  for (const src of loadStationItems(db, new CategoryMap(ctx), stationId, ids)) store.addDoc(builder, doc++, src, true);
  store.writePostings(builder);
}

/** The station items whose conflicts were resolved since `sinceSeq` (the held copy or a kept-beside copy changed). */
export function indexResolvedConflicts(ctx: CoreContext, sinceSeq: number): void {
  const rows = ctx.sqlite.prepare(RESOLVED_SINCE).all(sinceSeq) as Pick<SyncConflictRecord, (typeof KEYS)[number]>[];
  const byStation = new Map<string, string[]>();
  const add = (s: string, ...ids: string[]) => byStation.set(s, [...(byStation.get(s) ?? []), ...ids]);
  for (const r of rows) {
    if (r.entity === 'item') add(r.stationId, r.entityId, `${r.entityId}~${r.id}`);
    else if (r.entity === 'page_text') {
      try {
        const item = (JSON.parse(r.theirsFields) as { fields?: { item_id?: unknown } }).fields?.item_id;
        if (typeof item === 'string') add(r.stationId, item);
      } catch {
        // an unreadable incoming copy: nothing to index
      }
    }
  }
  for (const [s, ids] of byStation) indexStationItems(ctx, s, ids);
}
