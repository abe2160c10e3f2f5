/**
 * Bureau: every check on a station's bundle that needs no decryption, in order (integrity,
 * station, duplicate, signature against the trust list, node, fork, order, chain,
 * watermark). Changes nothing; `import` and `bundle verify` both use it.
 */
import { and, eq } from 'drizzle-orm';
import { syncImports } from '../../../db/schema';
import type { ErrorCode } from '../../contract/errors';
import type { CoreContext } from '../kernel';
import { GENESIS_BUNDLE_ID } from './bagit';
import { parseHeader, readTag, type BundleHeader } from './bundle-header';
import { mainProblem, type ReadBundle } from './bundle-read';
import { checkBundleSchema } from './schema-version';
import { checkSignature, stationRow, type StationRow, type TrustRow } from './trust';

export interface ImportOptions {
  /** The fingerprint a person compared with the station's screen: trust this new key. */
  acceptKey?: string | undefined;
  /** Where receipts go (default: the stick folder holding the bundle). */
  receiptDir?: string | undefined;
}

export type Verdict =
  | { kind: 'accept'; h: BundleHeader; station: StationRow; key: TrustRow | null; acceptPem: string | null }
  | { kind: 'refuse'; code: ErrorCode; message: string; h: BundleHeader | null }
  | { kind: 'duplicate'; h: BundleHeader };

/** Every check that needs no decryption, in order; changes nothing. */
export function judgeBundle(ctx: CoreContext, rb: ReadBundle, opts: ImportOptions): Verdict {
  const refuse = (code: ErrorCode, message: string, h: BundleHeader | null): Verdict => ({
    kind: 'refuse',
    code,
    message,
    h,
  });
  const p = mainProblem(rb.problems);
  const h = parseHeader(rb.info);
  if (p) return refuse(p.code, p.message, h);
  if (!h) return refuse('BUNDLE_TAMPERED', 'bag-info.txt 缺少必需字段或字段无效', h);
  const station = stationRow(ctx, h.stationId);
  if (!station) return refuse('STATION_UNKNOWN', `派出所 ${h.stationId} 未在本局登记`, h);
  const imported = rb.bundleId
    ? ctx.orm
        .select({ stationId: syncImports.stationId })
        .from(syncImports)
        .where(eq(syncImports.bundleId, rb.bundleId))
        .get()?.stationId
    : undefined;
  if (imported === h.stationId) return { kind: 'duplicate', h };
  const sig = checkSignature(
    ctx,
    h.stationId,
    h.seq,
    rb.tagmanifest!,
    rb.signature!,
    readTag(rb.dir, 'keys/station.pub.pem'),
  );
  let key: TrustRow | null = null;
  let acceptPem: string | null = null;
  if (sig.ok) key = sig.key;
  else if (
    sig.code === 'BUNDLE_UNKNOWN_KEY' &&
    sig.signerPem &&
    opts.acceptKey &&
    opts.acceptKey.replace(/[\s:]/g, '').toLowerCase() === sig.signerFingerprint
  ) {
    acceptPem = sig.signerPem;
  } else return refuse(sig.code, sig.message, h);
  // After the signature: the version is part of the signed header, so a changed one is
  // reported as tampering, and a genuine newer bundle as needing an upgrade.
  const schema = checkBundleSchema(ctx, rb.info!, '数据包');
  if (!schema.ok) return refuse(schema.error.code, schema.error.message, h);

  if (station.nodeId && h.nodeId !== station.nodeId) {
    return refuse('BUNDLE_FORK', `派出所节点标识改变（${station.nodeId} → ${h.nodeId}），不是同一数据库的延续`, h);
  }
  const sameSeq = ctx.orm
    .select({ bundleId: syncImports.bundleId })
    .from(syncImports)
    .where(and(eq(syncImports.stationId, h.stationId), eq(syncImports.seq, h.seq)))
    .get()?.bundleId;
  if (sameSeq) {
    return refuse(
      'BUNDLE_FORK',
      `第 ${h.seq} 号数据包已导入过另一个内容不同的版本（${sameSeq.slice(0, 12)}…）：分叉`,
      h,
    );
  }
  if (h.seq <= station.lastSeq) {
    return refuse(
      'BUNDLE_STALE',
      `第 ${h.seq} 号数据包早于已导入的第 ${station.lastSeq} 号（重放或顺序颠倒），未应用`,
      h,
    );
  }
  if (h.epoch < station.lastEpoch) {
    return refuse('BUNDLE_FORK', `数据包轮次 ${h.epoch} 早于已导入的轮次 ${station.lastEpoch}`, h);
  }
  if (h.prev !== GENESIS_BUNDLE_ID) {
    const known = ctx.orm
      .select({ seq: syncImports.seq })
      .from(syncImports)
      .where(and(eq(syncImports.stationId, h.stationId), eq(syncImports.bundleId, h.prev)))
      .get();
    if (!known) {
      return refuse(
        'BUNDLE_CHAIN_BROKEN',
        `数据包接在本局没有的数据包 ${h.prev.slice(0, 12)}… 之后：缺少前序数据包`,
        h,
      );
    }
  }
  if (h.ackedThrough > station.ackedThrough) {
    return refuse(
      'BUNDLE_CHAIN_BROKEN',
      `数据包声称县局已确认到变更 ${h.ackedThrough}，而本局只确认到 ${station.ackedThrough}：本局缺少数据`,
      h,
    );
  }
  return { kind: 'accept', h, station, key, acceptPem };
}
