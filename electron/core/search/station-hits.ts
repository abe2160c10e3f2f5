/** At the bureau: station records among search hits (their sources, names) and the station facet. */
import type { SearchHit, StationFacet } from '../../contract/search';
import type { CoreContext } from '../kernel';
import type { DocsTable } from './docs-table';
import type { ItemSource } from './document';
import { CategoryMap, loadStationItems, splitStationKey } from './station-source';

// Raw on purpose: per-hit lookups on the search hot path (.raw()/.pluck() values).

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
  new Map(ctx.sqlite.prepare('SELECT station_id, name FROM sync_stations').raw().all() as [string, string][]);

/** A hit from a station: its own record id and the station. */
export function stationHitFields(src: ItemSource, names: Map<string, string>): Pick<SearchHit, 'id' | 'station'> {
  const key = splitStationKey(src.id)!;
  return { id: key.id, station: { id: key.stationId, name: names.get(key.stationId) ?? key.stationId } };
}

/** The name of a station category the bureau's scheme lacks (category id `<station>:<id>`). */
export function stationCategoryName(ctx: CoreContext, categoryId: string): string {
  const key = splitStationKey(categoryId);
  if (!key) return '';
  const fields = ctx.sqlite
    .prepare("SELECT fields FROM station_records WHERE station_id = ? AND entity = 'category' AND entity_id = ?")
    .pluck()
    .get(key.stationId, key.id) as string | undefined;
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
