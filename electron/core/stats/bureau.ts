/**
 * The bureau's statistics over its stations' mirrored records (`station_records`): per
 * station and county-wide, items by 门类, 年度 and 保管期限 with their 页数, volumes, scans,
 * open conflicts and the last bundle. One grouped pass over the records; copies kept
 * beside a record after a conflict ('keep both', id `<id>~<conflict>`) are not counted
 * twice. Categories are labelled from the bureau's scheme by full code (YW·HJ), which is
 * what every node's 档号 is built from, so the same 门类 adds up across stations.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { stationFiles, stationRecords, syncConflicts, syncStations } from '../../../db/schema';
import type { Retention } from '../../contract/domain';
import type { BureauStats, CountBy, StationStats, StatsBlock } from '../../contract/bureau';
import { type CoreContext } from '../kernel';
import { loadScheme } from '../scheme';
import { conflictVisible, mirrorFileVisible, mirrorVisible, requireRole, requireStation } from '../sync';

// Grouped counts over the JSON of the mirrored records: json_extract as sql`` fragments on schema columns.

const RETENTION_LABEL: Record<string, string> = { Y: '永久', D30: '定期30年', D10: '定期10年' };

/** A field of a mirrored record's JSON (`{ fields: { … } }`); the name is one of the constants below. */
const field = <T = unknown>(name: string) =>
  sql<T>`json_extract(${stationRecords.fields}, ${sql.raw(`'$.fields.${name}'`)})`;

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
  const stations = ctx.orm
    .select()
    .from(syncStations)
    .where(input.stationId ? eq(syncStations.stationId, input.stationId) : undefined)
    .orderBy(asc(syncStations.stationId))
    .all();
  const r = stationRecords;
  const ofStation = (c: typeof r.stationId | typeof stationFiles.stationId | typeof syncConflicts.stationId) =>
    input.stationId ? eq(c, input.stationId) : undefined;
  const notKeptBeside = sql`instr(${r.entityId}, '~') = 0`;
  const visible = (entity: string) =>
    and(
      eq(r.entity, entity),
      notKeptBeside,
      ofStation(r.stationId),
      sql`coalesce(${field('security_level')}, 0) <= ${clearance}`,
      sql`coalesce(${field('year')}, 0) BETWEEN ${input.yearFrom ?? 0} AND ${input.yearTo ?? 9999}`,
    );
  const category = field<string | null>('category_code');
  const year = field<number | null>('year');
  const retention = field<string | null>('retention');
  const groups = ctx.orm
    .select({
      stationId: r.stationId,
      category,
      year,
      retention,
      deleted: r.deleted,
      n: count(),
      pages: sql<number>`coalesce(sum(${field('page_count')}), 0)`,
    })
    .from(r)
    .where(visible('item'))
    .groupBy(r.stationId, category, year, retention, r.deleted)
    .all();
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((x) => [x.id, x]));
  const volumes = byId(
    ctx.orm
      .select({ id: r.stationId, n: count() })
      .from(r)
      .where(and(visible('volume'), eq(r.deleted, 0)))
      .groupBy(r.stationId)
      .all(),
  );
  // Scanned pages carry no year of their own: counted without the year range; a page of a
  // record above the caller's 密级 is not counted.
  const scanned = byId(
    ctx.orm
      .select({ id: r.stationId, n: count() })
      .from(r)
      .where(
        and(eq(r.entity, 'page'), eq(r.deleted, 0), notKeptBeside, ofStation(r.stationId), mirrorVisible(clearance)),
      )
      .groupBy(r.stationId)
      .all(),
  );
  const f = stationFiles;
  const files = byId(
    ctx.orm
      .select({ id: f.stationId, n: count(), bytes: sql<number>`coalesce(sum(${f.size}), 0)` })
      .from(f)
      .where(and(ofStation(f.stationId), mirrorFileVisible(clearance)))
      .groupBy(f.stationId)
      .all(),
  );
  const c = syncConflicts;
  const conflicts = byId(
    ctx.orm
      .select({ id: c.stationId, n: count() })
      .from(c)
      .where(and(eq(c.status, 'open'), ofStation(c.stationId), conflictVisible(clearance)))
      .groupBy(c.stationId)
      .all(),
  );
  const names = new Map(loadScheme(ctx).list.map((c) => [c.fullCode, c.name]));
  const blocks = new Map<string, StatsBlock>(stations.map((s) => [s.stationId, emptyBlock()]));
  for (const g of groups) {
    const b = blocks.get(g.stationId);
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
    b.volumes = volumes.get(s.stationId)?.n ?? 0;
    b.scannedPages = scanned.get(s.stationId)?.n ?? 0;
    b.scanFiles = files.get(s.stationId)?.n ?? 0;
    b.scanBytes = files.get(s.stationId)?.bytes ?? 0;
    b.openConflicts = conflicts.get(s.stationId)?.n ?? 0;
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
