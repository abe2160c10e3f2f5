/**
 * Station: reads a bureau receipt. It must verify against the pinned bureau key. Each
 * record is marked 已上报 (applied or duplicate), 冲突 or 被拒 with the reason, the files
 * the bureau holds are not sent again, and the watermark and chain advance. A receipt for
 * a bundle this database never wrote means it was restored from a backup: a new epoch.
 */
import type { ReceiptImportResult } from '../../contract/sync';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, AppError, inTransaction, setMeta } from '../kernel';
import { learnForeignReceipt, startEpoch } from './epoch';
import { promoteNextSigningKey } from './keys';
import { bureauPeer } from './peers';
import { openReceipt, readReceiptFile, type RecordOutcome } from './receipt-format';
import { K, metaInt, setMetaInt, stationState } from './state';

const STATUS: Record<RecordOutcome, 'reported' | 'conflict' | 'rejected'> = {
  applied: 'reported',
  duplicate: 'reported',
  conflict: 'conflict',
  rejected: 'rejected',
};

export function importReceipt(ctx: CoreContext, actor: Actor, file: string): ReceiptImportResult {
  const st = stationState(ctx);
  const peer = bureauPeer(ctx);
  const { json, sig } = readReceiptFile(file);
  const r = openReceipt(json, sig, peer.signPublicPem);
  if (r.stationId !== st.stationId) {
    throw new AppError('RECEIPT_INVALID', `回执属于派出所 ${r.stationId}，不是本所（${st.stationId}）`);
  }
  const base = { bundleId: r.bundleId, seq: r.bundleSeq, counts: r.counts };
  const seen = ctx.sqlite.prepare('SELECT kind FROM sync_receipts WHERE bundle_id = ?').pluck().get(r.bundleId) as
    string | undefined;
  if (seen) return { ...base, status: 'already', newEpoch: false, ackedThrough: st.ackedThrough, rotated: false };
  const bundle = ctx.sqlite.prepare('SELECT * FROM sync_out_bundles WHERE bundle_id = ?').get(r.bundleId) as
    { seq: number; change_to: number; epoch: number } | undefined;
  const body = json.toString('utf8');
  if (!bundle) {
    inTransaction(
      ctx,
      () => {
        learnForeignReceipt(ctx, r, body);
        startEpoch(ctx, actor, `收到本数据库未写过的数据包 ${r.bundleSeq} 号的回执`, { bundleId: r.bundleId });
      },
      { catalogue: false },
    );
    return { ...base, status: 'foreign', newEpoch: true, ackedThrough: st.ackedThrough, rotated: false };
  }
  const now = ctx.nowIso();
  return inTransaction(
    ctx,
    () => {
      ctx.sqlite
        .prepare("UPDATE sync_out_bundles SET status = 'acknowledged', acked_at = ? WHERE seq = ?")
        .run(now, bundle.seq);
      const acked = Math.max(metaInt(ctx, K.ackedThrough), bundle.epoch === st.epoch ? r.ackedThrough : 0);
      setMetaInt(ctx, K.ackedThrough, acked);
      if (r.bundleSeq > st.ackedBundleSeq) {
        setMeta(ctx, K.ackedBundleId, r.bundleId);
        setMetaInt(ctx, K.ackedBundleSeq, r.bundleSeq);
      }
      const current = ctx.sqlite
        .prepare('SELECT acked_version FROM sync_outbox WHERE entity = ? AND entity_id = ?')
        .pluck();
      const upsert = ctx.sqlite.prepare(
        `INSERT INTO sync_outbox (entity, entity_id, acked_version, status, reason, bundle_id, updated_at)
         VALUES (@entity, @id, @version, @status, @reason, @bundle, @now)
         ON CONFLICT(entity, entity_id) DO UPDATE SET acked_version = excluded.acked_version, status = excluded.status,
           reason = excluded.reason, bundle_id = excluded.bundle_id, updated_at = excluded.updated_at`,
      );
      for (const rec of r.records) {
        const have = current.get(rec.entity, rec.id) as number | undefined;
        if (have !== undefined && have > rec.version) continue;
        upsert.run({
          entity: rec.entity,
          id: rec.id,
          version: rec.version,
          status: STATUS[rec.outcome] ?? 'rejected',
          reason: rec.reason ?? null,
          bundle: r.bundleId,
          now,
        });
      }
      const file = ctx.sqlite.prepare(
        'INSERT OR IGNORE INTO sync_files_acked (sha256, bundle_id, acked_at) VALUES (?, ?, ?)',
      );
      for (const sha of r.files) file.run(sha, r.bundleId, now);
      const rotated = r.trustedKeys.some((fp) => promoteNextSigningKey(ctx, fp));
      ctx.sqlite
        .prepare("INSERT INTO sync_receipts (bundle_id, seq, kind, body, received_at) VALUES (?, ?, 'applied', ?, ?)")
        .run(r.bundleId, r.bundleSeq, body, now);
      appendAudit(ctx, actor, {
        action: 'sync.receipt.import',
        entity: 'sync_bundle',
        entityId: r.bundleId,
        summary: `导入县局回执（数据包 ${r.bundleSeq} 号）：已上报 ${r.counts.applied + r.counts.duplicate}，冲突 ${r.counts.conflict}，被拒 ${r.counts.rejected}${rotated ? '；新签名密钥已启用' : ''}`,
        details: { counts: r.counts, ackedThrough: acked, rotated },
      });
      return { ...base, status: 'applied' as const, newEpoch: false, ackedThrough: acked, rotated };
    },
    { catalogue: false },
  );
}
