/**
 * One writer per record: at the county bureau, a record a station sent belongs to that
 * station, so the bureau's catalogue refuses to change it (with the reason, in Chinese)
 * instead of answering "not found".
 */
import type { CatalogueScope } from '../../contract/dto';
import { type CoreContext, AppError } from '../kernel';
import { isBureau } from './bureau-items';

const refuse = (station: string) =>
  new AppError('STATION_RECORD_READ_ONLY', `这是${station}报送的档案，县局只能查看，不能修改或删除`);

export function refuseStationRecord(ctx: CoreContext, entity: 'item' | 'volume', id: string): void {
  if (!isBureau(ctx)) return;
  const row = ctx.sqlite
    .prepare(
      `SELECT coalesce(s.name, r.station_id) FROM station_records r
       LEFT JOIN sync_stations s ON s.station_id = r.station_id WHERE r.entity = ? AND r.entity_id = ? LIMIT 1`,
    )
    .pluck()
    .get(entity, id) as string | undefined;
  if (row !== undefined) throw refuse(row);
}

/** A scope over a station's records (renumbering, for one) is refused at the bureau. */
export function refuseStationScope(ctx: CoreContext, scope: CatalogueScope): void {
  if (!scope.stationId || !isBureau(ctx)) return;
  const name = ctx.sqlite
    .prepare('SELECT name FROM sync_stations WHERE station_id = ?')
    .pluck()
    .get(scope.stationId) as string | undefined;
  throw refuse(name ?? scope.stationId);
}

/** A station ignores the station part of a scope (it holds no other station's records). */
export function withoutStation<S extends CatalogueScope>(scope: S): Omit<S, 'stationId'> {
  const { stationId: _s, ...rest } = scope;
  return rest;
}
