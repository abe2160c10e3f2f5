/** `sync status`: what a station has pending and what came back; a bureau's stations and quarantine. */
import type { BureauSyncStatus, ConflictView, KeysView, StationSyncStatus, SyncStatus } from '../../contract/sync';
import type { CoreContext } from '../kernel/context';
import { getMeta } from '../setup/meta';
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

export function syncStatus(ctx: CoreContext): SyncStatus {
  return roleOf(ctx) === 'bureau' ? bureauStatus(ctx) : stationStatus(ctx);
}

function stationStatus(ctx: CoreContext): StationSyncStatus {
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
      `SELECT entity, entity_id AS id, acked_version AS version, status, reason FROM sync_outbox
       WHERE status != 'reported' ORDER BY updated_at DESC LIMIT 200`,
    )
    .all() as StationSyncStatus['problems'];
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

export function listConflicts(ctx: CoreContext, stationId?: string): ConflictView[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT * FROM sync_conflicts WHERE status = 'open' AND (@station IS NULL OR station_id = @station)
       ORDER BY created_at LIMIT 1000`,
    )
    .all({ station: stationId ?? null }) as {
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
    oursVersion: r.ours_version,
    theirsVersion: r.theirs_version,
    theirsDeleted: r.theirs_deleted === 1,
    reason: r.reason,
    bundleId: r.bundle_id,
    createdAt: r.created_at,
  }));
}
