/** `sync status`: what a station has pending and what came back; a bureau's stations and quarantine. */
import type { BureauSyncStatus, ConflictView, KeysView, StationSyncStatus, SyncStatus } from '../../contract/sync';
import { type CoreContext, type Session, getMeta } from '../kernel';
import { planExport } from './export';
import { fingerprintView } from './fingerprint';
import { keyRow } from './keys';
import { bureauPeerOrNull } from './peers';
import { listQuarantine } from './quarantine';
import { K, metaInt, roleOf } from './state';
import { trustRows, trustVersion, type StationRow } from './trust';
import { hasVault } from './vault';

export function keysView(ctx: CoreContext): KeysView {
  const sign = keyRow(ctx, 'sign');
  const next = keyRow(ctx, 'sign', 'next');
  return {
    sign: sign ? { ...fingerprintView(sign.fingerprint), publicPem: sign.public_key } : null,
    next: next ? fingerprintView(next.fingerprint) : null,
    ageRecipient: keyRow(ctx, 'age')?.public_key ?? null,
    unlocked: hasVault(ctx),
  };
}

/** The caller's clearance (the CLI, with no session, sees everything). */
const clearanceOf = (session?: Session | null): number => (session ? session.clearance : 99);

export function syncStatus(ctx: CoreContext, session?: Session | null): SyncStatus {
  return roleOf(ctx) === 'bureau' ? bureauStatus(ctx) : stationStatus(ctx, clearanceOf(session));
}

function stationStatus(ctx: CoreContext, clearance: number): StationSyncStatus {
  const stationId = getMeta(ctx, K.stationId);
  const peer = bureauPeerOrNull(ctx);
  const own = keyRow(ctx, 'sign');
  const ackedThrough = metaInt(ctx, K.ackedThrough);
  const plan = stationId ? planExport(ctx, ackedThrough) : null;
  const last = ctx.sqlite.prepare('SELECT * FROM sync_out_bundles ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; bundle_id: string | null; status: string; created_at: string; dir_name: string } | undefined;
  const counts = Object.fromEntries(
    (
      ctx.sqlite.prepare('SELECT status, count(*) AS n FROM sync_outbox GROUP BY status').all() as {
        status: string;
        n: number;
      }[]
    ).map((r) => [r.status, r.n]),
  );
  const problems = ctx.sqlite
    .prepare(
      `SELECT o.entity, o.entity_id AS id, o.acked_version AS version, o.status, o.reason,
         CASE o.entity
           WHEN 'item' THEN (SELECT archive_code || ' ' || title FROM items
             WHERE id = o.entity_id AND security_level <= @clearance)
           WHEN 'volume' THEN (SELECT archive_code || ' ' || title FROM volumes
             WHERE id = o.entity_id AND security_level <= @clearance)
           WHEN 'person' THEN (SELECT name FROM persons WHERE id = o.entity_id)
         END AS label
       FROM sync_outbox o WHERE o.status != 'reported' ORDER BY o.updated_at DESC LIMIT 200`,
    )
    .all({ clearance }) as StationSyncStatus['problems'];
  return {
    role: 'station',
    enrolled: !!stationId && !!peer,
    stationId,
    bureau: peer ? { ...fingerprintView(peer.fingerprint), unitName: peer.unitName } : null,
    own: own ? fingerprintView(own.fingerprint) : null,
    epoch: metaInt(ctx, K.epoch) || 1,
    ackedThrough,
    ackedBundleSeq: metaInt(ctx, K.ackedBundleSeq),
    pendingRecords: plan?.records.length ?? 0,
    pendingFiles: plan?.files.length ?? 0,
    lastExport: last
      ? { seq: last.seq, bundleId: last.bundle_id, status: last.status, at: last.created_at, dir: last.dir_name }
      : null,
    lastReceiptAt:
      (ctx.sqlite.prepare('SELECT max(received_at) FROM sync_receipts').pluck().get() as string | null) ?? null,
    outbox: { reported: counts.reported ?? 0, conflict: counts.conflict ?? 0, rejected: counts.rejected ?? 0 },
    problems,
  };
}

function bureauStatus(ctx: CoreContext): BureauSyncStatus {
  const own = keyRow(ctx, 'sign');
  const stations = ctx.sqlite.prepare('SELECT * FROM sync_stations ORDER BY station_id').all() as StationRow[];
  const records = ctx.sqlite.prepare('SELECT count(*) FROM station_records WHERE station_id = ?').pluck();
  const conflicts = ctx.sqlite
    .prepare("SELECT count(*) FROM sync_conflicts WHERE station_id = ? AND status = 'open'")
    .pluck();
  return {
    role: 'bureau',
    own: own ? fingerprintView(own.fingerprint) : null,
    ageRecipient: keyRow(ctx, 'age')?.public_key ?? null,
    trustVersion: trustVersion(ctx),
    stations: stations.map((s) => ({
      stationId: s.station_id,
      name: s.name,
      status: s.status,
      keys: trustRows(ctx, s.station_id).map((k) => ({
        fingerprint: k.fingerprint,
        status: k.status,
        validFromSeq: k.valid_from_seq,
        validThroughSeq: k.valid_through_seq,
      })),
      lastSeq: s.last_seq,
      lastBundleId: s.last_bundle_id,
      lastEpoch: s.last_epoch,
      ackedThrough: s.acked_through,
      lastImportAt: s.last_import_at,
      records: records.get(s.station_id) as number,
      openConflicts: conflicts.get(s.station_id) as number,
    })),
    quarantine: listQuarantine(ctx),
  };
}

/**
 * Open conflicts, each named by the held copy's 档号 and 题名 (or 姓名) when neither copy
 * is above the caller's clearance (the detail refuses those too).
 */
export function listConflicts(ctx: CoreContext, stationId?: string, session?: Session | null): ConflictView[] {
  const level = (json: string) => `coalesce(json_extract(${json}, '$.fields.security_level'), 0)`;
  const rows = ctx.sqlite
    .prepare(
      `SELECT c.*, (SELECT CASE WHEN max(${level('r.fields')}, ${level('c.theirs_fields')}) <= @clearance
           THEN trim(coalesce(json_extract(r.fields, '$.fields.archive_code'), '') || ' ' ||
             coalesce(json_extract(r.fields, '$.fields.title'), json_extract(r.fields, '$.fields.name'), '')) END
         FROM station_records r
         WHERE r.station_id = c.station_id AND r.entity = c.entity AND r.entity_id = c.entity_id) AS label
       FROM sync_conflicts c WHERE c.status = 'open' AND (@station IS NULL OR c.station_id = @station)
       ORDER BY c.created_at LIMIT 1000`,
    )
    .all({ station: stationId ?? null, clearance: clearanceOf(session) }) as {
    label: string | null;
    id: string;
    station_id: string;
    entity: string;
    entity_id: string;
    ours_version: number;
    theirs_version: number;
    theirs_deleted: number;
    reason: string;
    bundle_id: string;
    created_at: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    stationId: r.station_id,
    entity: r.entity,
    entityId: r.entity_id,
    label: r.label || null,
    oursVersion: r.ours_version,
    theirsVersion: r.theirs_version,
    theirsDeleted: r.theirs_deleted === 1,
    reason: r.reason,
    bundleId: r.bundle_id,
    createdAt: r.created_at,
  }));
}
