/** At the bureau: station records among search hits (their sources, names) and the station facet. */
import { and, eq } from 'drizzle-orm';
import { stationRecords, syncStations } from '../../../db/schema';
import type { SearchHit, StationFacet } from '../../contract/search';
import type { CoreContext } from '../kernel';
import type { DocsTable } from './docs-table';
import type { ItemSource } from './document';
import { CategoryMap, loadStationItems, splitStationKey } from './station-source';

/** Sources of the station documents among `keys` (document keys `<station>:<id>`). */
export function loadStationSources(ctx: CoreContext, keys: readonly string[]): ItemSource[] {
  const byStation = new Map<string, string[]>();
  for (const k of keys) {
    const s = splitStationKey(k);
    if (s) byStation.set(s.stationId, [...(byStation.get(s.stationId) ?? []), s.id]);
  }
  if (byStation.size === 0) return [];
  const cats = new CategoryMap(ctx);
  return [...byStation].flatMap(([s, ids]) => loadStationItems(ctx.sqlite, cats, s, ids));
}

export const stationNamesOf = (ctx: CoreContext): Map<string, string> =>
  new Map(
    ctx.orm
      .select({ id: syncStations.stationId, name: syncStations.name })
      .from(syncStations)
      .all()
      .map((s) => [s.id, s.name]),
  );

/** A hit from a station: its own record id and the station. */
export function stationHitFields(src: ItemSource, names: Map<string, string>): Pick<SearchHit, 'id' | 'station'> {
  const key = splitStationKey(src.id)!;
  return { id: key.id, station: { id: key.stationId, name: names.get(key.stationId) ?? key.stationId } };
}

/** The name of a station category the bureau's scheme lacks (category id `<station>:<id>`). */
export function stationCategoryName(ctx: CoreContext, categoryId: string): string {
  const key = splitStationKey(categoryId);
  if (!key) return '';
  const fields = ctx.orm
    .select({ fields: stationRecords.fields })
    .from(stationRecords)
    .where(
      and(
        eq(stationRecords.stationId, key.stationId),
        eq(stationRecords.entity, 'category'),
        eq(stationRecords.entityId, key.id),
      ),
    )
    .get()?.fields;
  try {
    return String((JSON.parse(fields ?? '{}') as { fields?: { name?: unknown } }).fields?.name ?? '');
  } catch {
    return '';
  }
}

/** Matches per station ('' is the bureau's own records), most first. */
export function stationFacets(ctx: CoreContext, table: DocsTable, docs: Int32Array): StationFacet[] {
  const counts = new Map<number, number>();
  for (const d of docs) counts.set(table.station[d]!, (counts.get(table.station[d]!) ?? 0) + 1);
  const idOf = new Map([...table.stations].map(([id, i]) => [i, id]));
  const names = stationNamesOf(ctx);
  return [...counts]
    .map(([i, count]) => {
      const stationId = idOf.get(i) ?? '';
      return { stationId, name: stationId ? (names.get(stationId) ?? stationId) : '本局', count };
    })
    .sort((a, b) => b.count - a.count || (a.stationId < b.stationId ? -1 : 1));
}
