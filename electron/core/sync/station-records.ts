/**
 * Bureau: one station's mirrored records, newest first, for the stations screen. Records
 * above the caller's clearance do not exist for them (the level is in the station's fields).
 */
import type { StationRecordPage, StationRecordRow } from '../../contract/sync-conflicts';
import type { CoreContext, Session } from '../kernel';
import { requireRole } from './state';
import { requireStation } from './trust';

interface Row {
  entity: string;
  entity_id: string;
  version: number;
  deleted: number;
  fields: string;
  received_at: string;
  has_variant: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

export function listStationRecords(
  ctx: CoreContext,
  session: Session | null,
  input: { stationId: string; entity: string; offset: number; limit: number },
): StationRecordPage {
  requireRole(ctx, 'bureau');
  requireStation(ctx, input.stationId);
  const clearance = session ? session.clearance : 99;
  const where = `r.station_id = @station AND r.entity = @entity
    AND coalesce(json_extract(r.fields, '$.fields.security_level'), 0) <= @clearance`;
  const params = { station: input.stationId, entity: input.entity, clearance };
  const total = ctx.sqlite
    .prepare(`SELECT count(*) FROM station_records r WHERE ${where}`)
    .pluck()
    .get(params) as number;
  const rows = ctx.sqlite
    .prepare(
      `SELECT r.entity, r.entity_id, r.version, r.deleted, r.fields, r.received_at,
         EXISTS (SELECT 1 FROM sync_conflicts c WHERE c.station_id = r.station_id AND c.entity = r.entity
           AND c.entity_id = r.entity_id AND c.resolution = 'both') AS has_variant
       FROM station_records r WHERE ${where}
       ORDER BY r.received_at DESC, r.entity_id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset }) as Row[];
  const scans = input.entity === 'item' ? scansOf(ctx, input.stationId, rows) : new Map<string, ScanCount>();
  return { rows: rows.map((r) => ({ ...toView(r), scans: scans.get(r.entity_id) ?? { pages: 0, held: 0 } })), total };
}

type ScanCount = StationRecordRow['scans'];

/** The station's page records of the listed items, and whether the bureau holds each page's original scan. */
function scansOf(ctx: CoreContext, stationId: string, rows: Row[]): Map<string, ScanCount> {
  const out = new Map<string, ScanCount>();
  if (rows.length === 0) return out;
  const counts = ctx.sqlite
    .prepare(
      `SELECT json_extract(p.fields, '$.fields.item_id') AS item, count(*) AS pages,
         sum(EXISTS (SELECT 1 FROM station_files f WHERE f.station_id = p.station_id
           AND f.sha256 = json_extract(p.fields, '$.fields.original_sha256'))) AS held
       FROM station_records p
       WHERE p.station_id = ? AND p.entity = 'page' AND p.deleted = 0
         AND json_extract(p.fields, '$.fields.item_id') IN (SELECT value FROM json_each(?))
       GROUP BY item`,
    )
    .all(stationId, JSON.stringify(rows.map((r) => r.entity_id))) as { item: string; pages: number; held: number }[];
  for (const c of counts) out.set(c.item, { pages: c.pages, held: c.held });
  return out;
}

function toView(r: Row): Omit<StationRecordRow, 'scans'> {
  let parsed: { fields?: Record<string, unknown>; variantOf?: { entityId?: string } } = {};
  try {
    parsed = JSON.parse(r.fields) as typeof parsed;
  } catch {
    // shown without fields
  }
  const f = parsed.fields ?? {};
  const year = Number(f.year);
  return {
    entity: r.entity,
    entityId: r.entity_id,
    version: r.version,
    deleted: r.deleted === 1,
    archiveCode: str(f.archive_code),
    title: str(f.title) ?? str(f.name),
    year: Number.isFinite(year) && f.year !== undefined ? year : null,
    receivedAt: r.received_at,
    variantOf: parsed.variantOf?.entityId ?? null,
    hasVariant: r.has_variant === 1,
  };
}
