/**
 * Bureau: applies an accepted, decrypted bundle in one transaction: trust-list changes
 * (an accepted key, a rotation announced or completed), the records (and their search
 * documents), the files, the station's state, the signed receipt and the audit entry.
 */
import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import { stationFiles, syncImports, syncStations, syncTrust } from '../../../db/schema';
import { applyRecords } from './apply';
import { readTag } from './bundle-header';
import { fingerprintOf, signBytes } from './crypto';
import type { RecordState } from './entities';
import type { Verdict } from './judge';
import type { KeyRow } from './keys';
import type { Receipt, RecordOutcome } from './receipt-format';
import { noteDownlinkHead } from './downlink-export';
import { addTrustedKey, keysValidAfter, trustVersion, type TrustStatus } from './trust';
import { appendAudit } from '../audit';
import { nodeIdOf, type Actor, type CoreContext, inTransaction, getMeta } from '../kernel';
import { indexStationItems, touchedStationItems } from '../search';

export interface Committed {
  body: string;
  sig: Buffer;
  counts: Record<RecordOutcome, number>;
}

/** Trust changes the bundle brings: the key a person accepted, a rotation completed or announced. */
function applyTrust(ctx: CoreContext, actor: Actor, dir: string, v: Extract<Verdict, { kind: 'accept' }>): void {
  const { h } = v;
  if (v.acceptPem) addTrustedKey(ctx, actor, h.stationId, v.acceptPem, h.seq, '操作员核对指纹后接受');
  const signer = v.key;
  if (signer && signer.validFromSeq > 1) {
    // The first bundle signed by a rotated-in key retires the keys it replaced.
    ctx.orm
      .update(syncTrust)
      .set({ status: 'retired' satisfies TrustStatus, validThroughSeq: h.seq - 1, changedAt: ctx.nowIso() })
      .where(
        and(
          eq(syncTrust.stationId, h.stationId),
          ne(syncTrust.id, signer.id),
          isNull(syncTrust.validThroughSeq),
          lt(syncTrust.validFromSeq, signer.validFromSeq),
        ),
      )
      .run();
  }
  const nextPem = readTag(dir, 'keys/next-station.pub.pem');
  if (h.nextKey && nextPem && fingerprintOf(nextPem) === h.nextKey) {
    const have = ctx.orm
      .select({ id: syncTrust.id })
      .from(syncTrust)
      .where(and(eq(syncTrust.stationId, h.stationId), eq(syncTrust.fingerprint, h.nextKey)))
      .get();
    if (!have) addTrustedKey(ctx, actor, h.stationId, nextPem, h.seq + 1, '由旧密钥签名的数据包宣告的新密钥');
  }
}

export function commitBundle(
  ctx: CoreContext,
  actor: Actor,
  input: {
    dir: string;
    bundleId: string;
    verdict: Extract<Verdict, { kind: 'accept' }>;
    records: RecordState[];
    files: { sha256: string; size: number }[];
    signKey: KeyRow;
    signPem: string;
  },
): Committed {
  const { verdict: v, bundleId, records, files } = input;
  const { h, station } = v;
  return inTransaction(ctx, () => {
    const now = ctx.nowIso();
    applyTrust(ctx, actor, input.dir, v);
    const outcomes = applyRecords(ctx, h.stationId, station.nodeId ?? h.nodeId, bundleId, records);
    // Search documents for what was applied, in the same transaction (mirrored records have no change-log rows).
    const applied = new Set(outcomes.filter((o) => o.outcome === 'applied').map((o) => `${o.entity}:${o.id}`));
    indexStationItems(ctx, h.stationId, touchedStationItems(records.filter((r) => applied.has(`${r.entity}:${r.id}`))));
    // One statement each, prepared once: a bundle can carry thousands of files.
    const fileRow = ctx.orm
      .insert(stationFiles)
      .values({
        stationId: h.stationId,
        sha256: sql.placeholder('sha'),
        size: sql.placeholder('size'),
        bundleId,
        receivedAt: now,
      })
      .onConflictDoNothing()
      .prepare();
    for (const f of files) fileRow.run({ sha: f.sha256, size: f.size });
    const held = ctx.orm
      .select({ sha256: stationFiles.sha256 })
      .from(stationFiles)
      .where(and(eq(stationFiles.stationId, h.stationId), eq(stationFiles.sha256, sql.placeholder('sha'))))
      .prepare();
    const heldFiles = [...new Set(records.flatMap((r) => r.files).concat(files.map((f) => f.sha256)))]
      .filter((sha) => held.get({ sha }))
      .sort();
    ctx.orm
      .update(syncStations)
      .set({
        nodeId: sql`coalesce(${syncStations.nodeId}, ${h.nodeId})`,
        status: 'active',
        lastSeq: h.seq,
        lastBundleId: bundleId,
        lastEpoch: h.epoch,
        ackedThrough: Math.max(h.changeTo, station.ackedThrough),
        lastImportAt: now,
        updatedAt: now,
      })
      .where(eq(syncStations.stationId, h.stationId))
      .run();
    noteDownlinkHead(ctx, h.stationId, h.downlink);
    const counts: Record<RecordOutcome, number> = { applied: 0, duplicate: 0, conflict: 0, rejected: 0 };
    for (const o of outcomes) counts[o.outcome]++;
    const r: Receipt = {
      format: 'dangan-receipt/1',
      stationId: h.stationId,
      bundleId,
      bundleSeq: h.seq,
      epoch: h.epoch,
      bureauNodeId: nodeIdOf(ctx),
      bureauKey: input.signKey.fingerprint,
      importedAt: now,
      ackedThrough: h.changeTo,
      trustVersion: trustVersion(ctx),
      trustedKeys: keysValidAfter(ctx, h.stationId, h.seq),
      counts,
      records: outcomes,
      files: heldFiles,
    };
    const body = JSON.stringify(r) + '\n';
    const sig = signBytes(input.signPem, Buffer.from(body));
    ctx.orm
      .insert(syncImports)
      .values({
        bundleId,
        stationId: h.stationId,
        seq: h.seq,
        epoch: h.epoch,
        prevBundleId: h.prev,
        changeTo: h.changeTo,
        records: records.length,
        conflicts: counts.conflict,
        rejected: counts.rejected,
        files: files.length,
        receipt: body,
        receiptSig: sig.toString('base64'),
        importedAt: now,
      })
      .run();
    appendAudit(ctx, actor, {
      action: 'sync.bundle.import',
      entity: 'sync_bundle',
      entityId: bundleId,
      summary: `导入派出所 ${h.stationId} 第 ${h.seq} 号数据包：应用 ${counts.applied}，重复 ${counts.duplicate}，冲突 ${counts.conflict}，拒收 ${counts.rejected}，文件 ${files.length} 个`,
      details: { seq: h.seq, epoch: h.epoch, prev: h.prev, changeTo: h.changeTo, unit: getMeta(ctx, 'unit_name') },
    });
    return { body, sig, counts };
  });
}
