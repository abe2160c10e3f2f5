/**
 * Station: reads a bureau receipt. It must verify against the pinned bureau key. Each
 * record is marked 已上报 (applied or duplicate), 冲突 or 被拒 with the reason, the files
 * the bureau holds are not sent again, and the watermark and chain advance. A receipt for
 * a bundle this database never wrote means it was restored from a backup: a new epoch.
 */
import { and, eq, sql } from 'drizzle-orm';
import { syncOutBundles, syncOutbox, syncReceipts } from '../../../db/schema';
import type { ReceiptImportResult } from '../../contract/sync';
import { learnForeignReceipt, noteFilesAcked, startEpoch } from './epoch';
import { excluded } from './excluded';
import { promoteNextSigningKey } from './keys';
import { bureauPeer } from './peers';
import { openReceipt, readReceiptFile, type RecordOutcome } from './receipt-format';
import { K, metaInt, setMetaInt, stationState } from './state';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, AppError, inTransaction, setMeta } from '../kernel';

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
  const seen = ctx.orm
    .select({ kind: syncReceipts.kind })
    .from(syncReceipts)
    .where(eq(syncReceipts.bundleId, r.bundleId))
    .get()?.kind;
  if (seen) return { ...base, status: 'already', newEpoch: false, ackedThrough: st.ackedThrough, rotated: false };
  const bundle = ctx.orm
    .select({ seq: syncOutBundles.seq, epoch: syncOutBundles.epoch })
    .from(syncOutBundles)
    .where(eq(syncOutBundles.bundleId, r.bundleId))
    .get();
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
      ctx.orm
        .update(syncOutBundles)
        .set({ status: 'acknowledged', ackedAt: now })
        .where(eq(syncOutBundles.seq, bundle.seq))
        .run();
      const acked = Math.max(metaInt(ctx, K.ackedThrough), bundle.epoch === st.epoch ? r.ackedThrough : 0);
      setMetaInt(ctx, K.ackedThrough, acked);
      if (r.bundleSeq > st.ackedBundleSeq) {
        setMeta(ctx, K.ackedBundleId, r.bundleId);
        setMetaInt(ctx, K.ackedBundleSeq, r.bundleSeq);
      }
      // Prepared once: a receipt answers for every record of its bundle (tens of thousands).
      const current = ctx.orm
        .select({ version: syncOutbox.ackedVersion })
        .from(syncOutbox)
        .where(and(eq(syncOutbox.entity, sql.placeholder('entity')), eq(syncOutbox.entityId, sql.placeholder('id'))))
        .prepare();
      const upsert = ctx.orm
        .insert(syncOutbox)
        .values({
          entity: sql.placeholder('entity'),
          entityId: sql.placeholder('id'),
          ackedVersion: sql.placeholder('version'),
          status: sql.placeholder('status'),
          reason: sql.placeholder('reason'),
          bundleId: r.bundleId,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [syncOutbox.entity, syncOutbox.entityId],
          set: {
            ackedVersion: excluded(syncOutbox.ackedVersion),
            status: excluded(syncOutbox.status),
            reason: excluded(syncOutbox.reason),
            bundleId: excluded(syncOutbox.bundleId),
            updatedAt: excluded(syncOutbox.updatedAt),
          },
        })
        .prepare();
      for (const rec of r.records) {
        const have = current.get({ entity: rec.entity, id: rec.id })?.version;
        if (have !== undefined && have > rec.version) continue;
        upsert.run({
          entity: rec.entity,
          id: rec.id,
          version: rec.version,
          status: STATUS[rec.outcome] ?? 'rejected',
          reason: rec.reason ?? null,
        });
      }
      noteFilesAcked(ctx, r.files, r.bundleId, now);
      const rotated = r.trustedKeys.some((fp) => promoteNextSigningKey(ctx, fp));
      ctx.orm
        .insert(syncReceipts)
        .values({ bundleId: r.bundleId, seq: r.bundleSeq, kind: 'applied', body, receivedAt: now })
        .run();
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
