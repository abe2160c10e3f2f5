/**
 * The bureau's statistics over its stations' mirrored records (`station_records`): per
 * station and county-wide, items by 门类, 年度 and 保管期限 with their 页数, volumes, scans,
 * open conflicts and the last bundle. One grouped pass over the records; copies kept
 * beside a record after a conflict ('keep both', id `<id>~<conflict>`) are not counted
 * twice. Categories are labelled from the bureau's scheme by full code (YW·HJ), which is
 * what every node's 档号 is built from, so the same 门类 adds up across stations.
 */
import { asc, eq } from 'drizzle-orm';
import { syncStations } from '../../../db/schema';
import type { Retention } from '../../contract/domain';
import type { BureauStats, CountBy, StationStats, StatsBlock } from '../../contract/bureau';
import { type CoreContext } from '../kernel';
import { loadScheme } from '../scheme';
import { requireRole, requireStation } from '../sync';

// The counts stay raw SQL: grouped aggregates over the JSON of the mirrored records
// (json_extract), which the query builder would only wrap in sql`` fragments.

const RETENTION_LABEL: Record<string, string> = { Y: '永久', D30: '定期30年', D10: '定期10年' };

interface Group {
  station_id: string;
  category: string | null;
  year: number | null;
  retention: string | null;
  deleted: number;
  n: number;
  pages: number;
}

export interface StatsInput {
  stationId?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
}

const emptyBlock = (): StatsBlock => ({
  items: 0,
  deletedItems: 0,
  volumes: 0,
  pages: 0,
  scannedPages: 0,
  scanFiles: 0,
  scanBytes: 0,
  openConflicts: 0,
  byCategory: [],
  byYear: [],
  byRetention: [],
});

function bump<K>(list: CountBy<K>[], key: K, label: string, items: number, pages: number): void {
  const b = list.find((x) => x.key === key);
  if (b) {
    b.items += items;
    b.pages += pages;
  } else list.push({ key, label, items, pages });
}

/** Adds `from` into `into` (the county total is the sum of the stations). */
function addBlock(into: StatsBlock, from: StatsBlock): void {
  for (const k of [
    'items',
    'deletedItems',
    'volumes',
    'pages',
    'scannedPages',
    'scanFiles',
    'scanBytes',
    'openConflicts',
  ] as const)
    into[k] += from[k];
  for (const b of from.byCategory) bump(into.byCategory, b.key, b.label, b.items, b.pages);
  for (const b of from.byYear) bump(into.byYear, b.key, b.label, b.items, b.pages);
  for (const b of from.byRetention) bump(into.byRetention, b.key, b.label, b.items, b.pages);
}

function sortBlock(b: StatsBlock): void {
  b.byCategory.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  b.byYear.sort((x, y) => x.key - y.key);
  const order = ['Y', 'D30', 'D10'];
  b.byRetention.sort((x, y) => order.indexOf(x.key) - order.indexOf(y.key));
}

export function bureauStats(ctx: CoreContext, clearance: number, input: StatsInput): BureauStats {
  requireRole(ctx, 'bureau');
  if (input.stationId) requireStation(ctx, input.stationId);
  const db = ctx.sqlite;
  const stations = ctx.orm
    .select()
    .from(syncStations)
    .where(input.stationId ? eq(syncStations.stationId, input.stationId) : undefined)
    .orderBy(asc(syncStations.stationId))
    .all();
  const params = {
    id: input.stationId ?? null,
    clearance,
    yFrom: input.yearFrom ?? 0,
    yTo: input.yearTo ?? 9999,
  };
  const visible = `r.entity = @entity AND instr(r.entity_id, '~') = 0 AND (@id IS NULL OR r.station_id = @id)
    AND coalesce(json_extract(r.fields, '$.fields.security_level'), 0) <= @clearance
    AND coalesce(json_extract(r.fields, '$.fields.year'), 0) BETWEEN @yFrom AND @yTo`;
  const groups = db
    .prepare(
      `SELECT r.station_id, json_extract(r.fields, '$.fields.category_code') AS category,
         json_extract(r.fields, '$.fields.year') AS year, json_extract(r.fields, '$.fields.retention') AS retention,
         r.deleted, count(*) AS n, coalesce(sum(json_extract(r.fields, '$.fields.page_count')), 0) AS pages
       FROM station_records r WHERE ${visible} GROUP BY 1, 2, 3, 4, 5`,
    )
    .all({ ...params, entity: 'item' }) as Group[];
  const perStation = (sql: string, extra: Record<string, unknown> = {}) =>
    new Map(
      (
        db
          .prepare(sql)
          .raw()
          .all({ ...params, ...extra }) as [string, number, number?][]
      ).map((r) => [r[0], r]),
    );
  const volumes = perStation(
    `SELECT r.station_id, count(*) FROM station_records r WHERE ${visible} AND r.deleted = 0 GROUP BY 1`,
    { entity: 'volume' },
  );
  // Scanned pages carry no year of their own: counted without the year range.
  const scanned = perStation(
    `SELECT station_id, count(*) FROM station_records WHERE entity = 'page' AND deleted = 0
       AND instr(entity_id, '~') = 0 AND (@id IS NULL OR station_id = @id) GROUP BY 1`,
  );
  const files = perStation(
    'SELECT station_id, count(*), coalesce(sum(size), 0) FROM station_files WHERE (@id IS NULL OR station_id = @id) GROUP BY 1',
  );
  const conflicts = perStation(
    "SELECT station_id, count(*) FROM sync_conflicts WHERE status = 'open' AND (@id IS NULL OR station_id = @id) GROUP BY 1",
  );
  const names = new Map(loadScheme(ctx).list.map((c) => [c.fullCode, c.name]));
  const blocks = new Map<string, StatsBlock>(stations.map((s) => [s.stationId, emptyBlock()]));
  for (const g of groups) {
    const b = blocks.get(g.station_id);
    if (!b) continue;
    if (g.deleted) {
      b.deletedItems += g.n;
      continue;
    }
    b.items += g.n;
    b.pages += g.pages;
    const cat = g.category ?? '';
    bump(b.byCategory, cat, names.get(cat) ?? (cat || '（未知门类）'), g.n, g.pages);
    bump(b.byYear, Number(g.year) || 0, String(g.year ?? '未知'), g.n, g.pages);
    const ret = (g.retention ?? 'Y') as Retention;
    bump(b.byRetention, ret, RETENTION_LABEL[ret] ?? ret, g.n, g.pages);
  }
  const county = { ...emptyBlock(), stations: stations.length, lastBundleAt: null as string | null };
  const out: StationStats[] = stations.map((s) => {
    const b = blocks.get(s.stationId)!;
    b.volumes = volumes.get(s.stationId)?.[1] ?? 0;
    b.scannedPages = scanned.get(s.stationId)?.[1] ?? 0;
    b.scanFiles = files.get(s.stationId)?.[1] ?? 0;
    b.scanBytes = files.get(s.stationId)?.[2] ?? 0;
    b.openConflicts = conflicts.get(s.stationId)?.[1] ?? 0;
    sortBlock(b);
    addBlock(county, b);
    if (s.lastImportAt && (!county.lastBundleAt || s.lastImportAt > county.lastBundleAt))
      county.lastBundleAt = s.lastImportAt;
    return {
      stationId: s.stationId,
      name: s.name,
      status: s.status,
      lastSeq: s.lastSeq,
      lastBundleAt: s.lastImportAt,
      ...b,
    };
  });
  sortBlock(county);
  return { stations: out, county, generatedAt: ctx.nowIso() };
}
