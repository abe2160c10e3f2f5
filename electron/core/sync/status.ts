/** `sync status`: what a station has pending and what came back; a bureau's stations and quarantine. */
import type { BureauSyncStatus, ConflictView, KeysView, StationSyncStatus, SyncStatus } from '../../contract/sync';
import { and, count, desc, eq, max, ne, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import {
  items,
  persons,
  stationRecords,
  syncConflicts,
  syncOutBundles,
  syncOutbox,
  syncReceipts,
  syncStations,
  volumes,
} from '../../../db/schema';
import { planExport } from './export';
import { fingerprintView } from './fingerprint';
import { keyRow } from './keys';
import { bureauPeerOrNull } from './peers';
import { conflictVisible, mirrorVisible } from './mirror-clearance';
import { listQuarantine } from './quarantine';
import { K, metaInt, roleOf } from './state';
import { trustRows, trustVersion } from './trust';
import { hasVault } from './vault';
import { type CoreContext, type Session, getMeta, itemLevelSql, qualified } from '../kernel';

export function keysView(ctx: CoreContext): KeysView {
  const sign = keyRow(ctx, 'sign');
  const next = keyRow(ctx, 'sign', 'next');
  return {
    sign: sign ? { ...fingerprintView(sign.fingerprint), publicPem: sign.publicKey } : null,
    next: next ? fingerprintView(next.fingerprint) : null,
    ageRecipient: keyRow(ctx, 'age')?.publicKey ?? null,
    unlocked: hasVault(ctx),
  };
}

/** The caller's clearance (the CLI, with no session, sees everything). */
const clearanceOf = (session?: Session | null): number => (session ? session.clearance : 99);

export function syncStatus(ctx: CoreContext, session?: Session | null): SyncStatus {
  return roleOf(ctx) === 'bureau' ? bureauStatus(ctx, clearanceOf(session)) : stationStatus(ctx, clearanceOf(session));
}

/** 档号 and 题名 (or 姓名) of an outbox record, when the caller may see it. */
const outboxLabel = (clearance: number) => sql<string | null>`CASE ${syncOutbox.entity}
    WHEN 'item' THEN (SELECT ${items.archiveCode} || ' ' || ${items.title} FROM ${items}
      WHERE ${qualified(items.id)} = ${qualified(syncOutbox.entityId)} AND ${itemLevelSql()} <= ${clearance})
    WHEN 'volume' THEN (SELECT ${volumes.archiveCode} || ' ' || ${volumes.title} FROM ${volumes}
      WHERE ${qualified(volumes.id)} = ${qualified(syncOutbox.entityId)} AND ${volumes.securityLevel} <= ${clearance})
    WHEN 'person' THEN (SELECT ${persons.name} FROM ${persons}
      WHERE ${qualified(persons.id)} = ${qualified(syncOutbox.entityId)})
  END`;

function stationStatus(ctx: CoreContext, clearance: number): StationSyncStatus {
  const stationId = getMeta(ctx, K.stationId);
  const peer = bureauPeerOrNull(ctx);
  const own = keyRow(ctx, 'sign');
  const ackedThrough = metaInt(ctx, K.ackedThrough);
  const plan = stationId ? planExport(ctx, ackedThrough) : null;
  const last = ctx.orm.select().from(syncOutBundles).orderBy(desc(syncOutBundles.seq)).limit(1).get();
  const counts = Object.fromEntries(
    ctx.orm
      .select({ status: syncOutbox.status, n: count() })
      .from(syncOutbox)
      .groupBy(syncOutbox.status)
      .all()
      .map((r) => [r.status, r.n]),
  );
  const problems = ctx.orm
    .select({
      entity: syncOutbox.entity,
      id: syncOutbox.entityId,
      version: syncOutbox.ackedVersion,
      status: syncOutbox.status,
      reason: syncOutbox.reason,
      label: outboxLabel(clearance),
    })
    .from(syncOutbox)
    .where(ne(syncOutbox.status, 'reported'))
    .orderBy(desc(syncOutbox.updatedAt))
    .limit(200)
    .all();
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
      ? { seq: last.seq, bundleId: last.bundleId, status: last.status, at: last.createdAt, dir: last.dirName }
      : null,
    lastReceiptAt:
      ctx.orm
        .select({ at: max(syncReceipts.receivedAt) })
        .from(syncReceipts)
        .get()?.at ?? null,
    outbox: { reported: counts.reported ?? 0, conflict: counts.conflict ?? 0, rejected: counts.rejected ?? 0 },
    problems,
  };
}

function bureauStatus(ctx: CoreContext, clearance: number): BureauSyncStatus {
  const own = keyRow(ctx, 'sign');
  const stations = ctx.orm.select().from(syncStations).orderBy(syncStations.stationId).all();
  const records = (stationId: string) =>
    // Counted as the caller may see them: a station's 秘密 records add nothing for a lower clearance.
    ctx.orm
      .select({ n: count() })
      .from(stationRecords)
      .where(and(eq(stationRecords.stationId, stationId), mirrorVisible(clearance)))
      .get()?.n ?? 0;
  const conflicts = (stationId: string) =>
    ctx.orm
      .select({ n: count() })
      .from(syncConflicts)
      .where(and(eq(syncConflicts.stationId, stationId), eq(syncConflicts.status, 'open'), conflictVisible(clearance)))
      .get()?.n ?? 0;
  return {
    role: 'bureau',
    own: own ? fingerprintView(own.fingerprint) : null,
    ageRecipient: keyRow(ctx, 'age')?.publicKey ?? null,
    trustVersion: trustVersion(ctx),
    stations: stations.map((s) => ({
      stationId: s.stationId,
      name: s.name,
      status: s.status,
      keys: trustRows(ctx, s.stationId).map((k) => ({
        fingerprint: k.fingerprint,
        status: k.status,
        validFromSeq: k.validFromSeq,
        validThroughSeq: k.validThroughSeq,
      })),
      lastSeq: s.lastSeq,
      lastBundleId: s.lastBundleId,
      lastEpoch: s.lastEpoch,
      ackedThrough: s.ackedThrough,
      lastImportAt: s.lastImportAt,
      records: records(s.stationId),
      openConflicts: conflicts(s.stationId),
    })),
    quarantine: listQuarantine(ctx),
  };
}

/** The 密级 in a mirrored record's fields (a JSON column). */
const levelIn = (json: SQLiteColumn) => sql`coalesce(json_extract(${json}, '$.fields.security_level'), 0)`;

/**
 * Open conflicts the caller may see (neither copy above their clearance: the detail refuses
 * those too, and listing them would tell the ids of records the caller may not know of),
 * each named by the held copy's 档号 and 题名 (or 姓名).
 */
export function listConflicts(ctx: CoreContext, stationId?: string, session?: Session | null): ConflictView[] {
  const r = stationRecords;
  const c = syncConflicts;
  const label = sql<
    string | null
  >`(SELECT CASE WHEN max(${levelIn(r.fields)}, ${levelIn(c.theirsFields)}) <= ${clearanceOf(session)}
      THEN trim(coalesce(json_extract(${r.fields}, '$.fields.archive_code'), '') || ' ' ||
        coalesce(json_extract(${r.fields}, '$.fields.title'), json_extract(${r.fields}, '$.fields.name'), '')) END
    FROM ${r} WHERE ${qualified(r.stationId)} = ${qualified(c.stationId)} AND ${qualified(r.entity)} = ${qualified(c.entity)}
      AND ${qualified(r.entityId)} = ${qualified(c.entityId)})`;
  const rows = ctx.orm
    .select({
      id: c.id,
      stationId: c.stationId,
      entity: c.entity,
      entityId: c.entityId,
      label,
      oursVersion: c.oursVersion,
      theirsVersion: c.theirsVersion,
      theirsDeleted: c.theirsDeleted,
      reason: c.reason,
      bundleId: c.bundleId,
      createdAt: c.createdAt,
    })
    .from(c)
    .where(
      and(
        eq(c.status, 'open'),
        stationId === undefined ? undefined : eq(c.stationId, stationId),
        conflictVisible(clearanceOf(session)),
      ),
    )
    .orderBy(c.createdAt)
    .limit(1000)
    .all();
  return rows.map((x) => ({ ...x, label: x.label || null, theirsDeleted: x.theirsDeleted === 1 }));
}
