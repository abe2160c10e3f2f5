/**
 * Bureau: applies an accepted, decrypted bundle in one transaction: trust-list changes
 * (an accepted key, a rotation announced or completed), the records (and their search
 * documents), the files, the station's state, the signed receipt and the audit entry.
 */
import { appendAudit } from '../audit';
import { nodeIdOf, type Actor, type CoreContext, inTransaction, getMeta } from '../kernel';
import { indexStationItems, touchedStationItems } from '../search';
import { applyRecords } from './apply';
import { readTag } from './bundle-header';
import { fingerprintOf, signBytes } from './crypto';
import type { RecordState } from './entities';
import type { Verdict } from './judge';
import type { KeyRow } from './keys';
import type { Receipt, RecordOutcome } from './receipt-format';
import { noteDownlinkHead } from './downlink-export';
import { addTrustedKey, keysValidAfter, trustVersion } from './trust';

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
  if (signer && signer.valid_from_seq > 1) {
    // The first bundle signed by a rotated-in key retires the keys it replaced.
    ctx.sqlite
      .prepare(
        "UPDATE sync_trust SET status = 'retired', valid_through_seq = ?, changed_at = ? WHERE station_id = ? AND id != ? AND valid_through_seq IS NULL AND valid_from_seq < ?",
      )
      .run(h.seq - 1, ctx.nowIso(), h.stationId, signer.id, signer.valid_from_seq);
  }
  const nextPem = readTag(dir, 'keys/next-station.pub.pem');
  if (h.nextKey && nextPem && fingerprintOf(nextPem) === h.nextKey) {
    const have = ctx.sqlite
      .prepare('SELECT 1 FROM sync_trust WHERE station_id = ? AND fingerprint = ?')
      .pluck()
      .get(h.stationId, h.nextKey);
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
    const outcomes = applyRecords(ctx, h.stationId, station.node_id ?? h.nodeId, bundleId, records);
    // Search documents for what was applied, in the same transaction (mirrored records have no change-log rows).
    const applied = new Set(outcomes.filter((o) => o.outcome === 'applied').map((o) => `${o.entity}:${o.id}`));
    indexStationItems(ctx, h.stationId, touchedStationItems(records.filter((r) => applied.has(`${r.entity}:${r.id}`))));
    const fileRow = ctx.sqlite.prepare(
      'INSERT OR IGNORE INTO station_files (station_id, sha256, size, bundle_id, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const f of files) fileRow.run(h.stationId, f.sha256, f.size, bundleId, now);
    const held = ctx.sqlite.prepare('SELECT 1 FROM station_files WHERE station_id = ? AND sha256 = ?').pluck();
    const heldFiles = [...new Set(records.flatMap((r) => r.files).concat(files.map((f) => f.sha256)))]
      .filter((sha) => held.get(h.stationId, sha))
      .sort();
    ctx.sqlite
      .prepare(
        `UPDATE sync_stations SET node_id = coalesce(node_id, ?), status = 'active', last_seq = ?, last_bundle_id = ?, last_epoch = ?,
           acked_through = ?, last_import_at = ?, updated_at = ? WHERE station_id = ?`,
      )
      .run(h.nodeId, h.seq, bundleId, h.epoch, Math.max(h.changeTo, station.acked_through), now, now, h.stationId);
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
    ctx.sqlite
      .prepare(
        `INSERT INTO sync_imports (bundle_id, station_id, seq, epoch, prev_bundle_id, change_to, records, conflicts, rejected, files, receipt, receipt_sig, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        bundleId,
        h.stationId,
        h.seq,
        h.epoch,
        h.prev,
        h.changeTo,
        records.length,
        counts.conflict,
        counts.rejected,
        files.length,
        body,
        sig.toString('base64'),
        now,
      );
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
