/**
 * One writer per record: at the county bureau, a record a station sent belongs to that
 * station, so the bureau's catalogue refuses to change it (with the reason, in Chinese)
 * instead of answering "not found".
 */
import { and, eq, sql } from 'drizzle-orm';
import { stationRecords, syncStations } from '../../../db/schema';
import type { CatalogueScope } from '../../contract/dto';
import { type CoreContext, AppError } from '../kernel';
import { isBureau } from './bureau-items';

const refuse = (station: string) =>
  new AppError('STATION_RECORD_READ_ONLY', `这是${station}报送的档案，县局只能查看，不能修改或删除`);

export function refuseStationRecord(ctx: CoreContext, entity: 'item' | 'volume', id: string): void {
  if (!isBureau(ctx)) return;
  const row = ctx.orm
    .select({ name: sql<string>`coalesce(${syncStations.name}, ${stationRecords.stationId})` })
    .from(stationRecords)
    .leftJoin(syncStations, eq(syncStations.stationId, stationRecords.stationId))
    .where(and(eq(stationRecords.entity, entity), eq(stationRecords.entityId, id)))
    .limit(1)
    .get();
  if (row !== undefined) throw refuse(row.name);
}

/** A scope over a station's records (renumbering, for one) is refused at the bureau. */
export function refuseStationScope(ctx: CoreContext, scope: CatalogueScope): void {
  if (!scope.stationId || !isBureau(ctx)) return;
  const station = ctx.orm
    .select({ name: syncStations.name })
    .from(syncStations)
    .where(eq(syncStations.stationId, scope.stationId))
    .get();
  throw refuse(station?.name ?? scope.stationId);
}

/** A station ignores the station part of a scope (it holds no other station's records). */
export function withoutStation<S extends CatalogueScope>(scope: S): Omit<S, 'stationId'> {
  const { stationId: _s, ...rest } = scope;
  return rest;
}
