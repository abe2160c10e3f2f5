/**
 * Bureau: the trust list. Each station key has a status and a validity range of bundle
 * sequence numbers; revocation closes the range ("bundles after seq N are refused"),
 * rotation opens the announced key's range after the bundle that announced it. Every
 * change bumps the list's version (meta `sync.trust_version`), which receipts carry.
 */
import { and, eq, ne } from 'drizzle-orm';
import { syncStations, syncTrust, type SyncStationRecord, type SyncTrustRecord } from '../../../db/schema';
import type { ErrorCode } from '../../contract/errors';
import { fingerprintOf, verifyBytes } from './crypto';
import { K, metaInt, setMetaInt } from './state';
import { appendAudit } from '../audit';
import { recordChange, type Actor, type CoreContext, AppError } from '../kernel';

export type TrustStatus = 'active' | 'revoked' | 'retired';

/** A `sync_trust` row; its status is only ever written from TrustStatus (this file). */
export type TrustRow = Omit<SyncTrustRecord, 'status'> & { status: TrustStatus };

export type StationRow = SyncStationRecord;

export const trustVersion = (ctx: CoreContext): number => metaInt(ctx, K.trustVersion);

/** Bumps the list's version; call inside the changing transaction. */
export function bumpTrust(ctx: CoreContext): number {
  const v = trustVersion(ctx) + 1;
  setMetaInt(ctx, K.trustVersion, v);
  return v;
}

export const stationRow = (ctx: CoreContext, stationId: string): StationRow | null =>
  ctx.orm.select().from(syncStations).where(eq(syncStations.stationId, stationId)).get() ?? null;

export function requireStation(ctx: CoreContext, stationId: string): StationRow {
  const s = stationRow(ctx, stationId);
  if (!s) throw new AppError('STATION_UNKNOWN', `未登记的派出所：${stationId}`);
  return s;
}

export const trustRows = (ctx: CoreContext, stationId: string): TrustRow[] =>
  ctx.orm
    .select()
    .from(syncTrust)
    .where(eq(syncTrust.stationId, stationId))
    .orderBy(syncTrust.addedAt)
    .all() as TrustRow[];

const validFor = (k: TrustRow, seq: number) =>
  seq >= k.validFromSeq && (k.validThroughSeq === null || seq <= k.validThroughSeq);

/** Fingerprints of the keys this station may sign its next bundle after `seq` with. */
export const keysValidAfter = (ctx: CoreContext, stationId: string, seq: number): string[] =>
  trustRows(ctx, stationId)
    .filter((k) => validFor(k, seq + 1))
    .map((k) => k.fingerprint);

export function addTrustedKey(
  ctx: CoreContext,
  actor: Actor,
  stationId: string,
  publicPem: string,
  validFromSeq: number,
  why: string,
): TrustRow {
  const fingerprint = fingerprintOf(publicPem);
  const version = bumpTrust(ctx);
  const now = ctx.nowIso();
  const row: TrustRow = {
    id: ctx.ids(),
    stationId,
    fingerprint,
    publicPem,
    status: 'active',
    validFromSeq,
    validThroughSeq: null,
    trustVersion: version,
    addedAt: now,
    changedAt: now,
  };
  // A key trusted before (retired or revoked) is trusted again from this sequence on.
  ctx.orm
    .insert(syncTrust)
    .values(row)
    .onConflictDoUpdate({
      target: [syncTrust.stationId, syncTrust.fingerprint],
      set: { status: 'active', validFromSeq, validThroughSeq: null, trustVersion: version, changedAt: now },
    })
    .run();
  recordChange(ctx, 'trust_key', `${stationId}:${fingerprint}`, version, 'insert');
  appendAudit(ctx, actor, {
    action: 'sync.trust.add',
    entity: 'sync_trust',
    entityId: stationId,
    summary: `信任列表（第 ${version} 版）：派出所 ${stationId} 的签名密钥 ${fingerprint.slice(0, 16)}… 自第 ${validFromSeq} 号数据包起有效（${why}）`,
    details: { fingerprint, validFromSeq, why },
  });
  return row;
}

/** Refuses the station's bundles after `afterSeq` signed by any key it holds now. */
export function revokeStationKeys(
  ctx: CoreContext,
  actor: Actor,
  stationId: string,
  afterSeq: number,
  reason?: string,
): number {
  requireStation(ctx, stationId);
  const keys = trustRows(ctx, stationId).filter((k) => k.validThroughSeq === null || k.validThroughSeq > afterSeq);
  if (!keys.length) throw new AppError('NOT_FOUND', `派出所 ${stationId} 没有可吊销的密钥`);
  const version = bumpTrust(ctx);
  const now = ctx.nowIso();
  for (const k of keys) {
    ctx.orm
      .update(syncTrust)
      .set({
        status: 'revoked' satisfies TrustStatus,
        validThroughSeq: afterSeq,
        trustVersion: version,
        changedAt: now,
      })
      .where(eq(syncTrust.id, k.id))
      .run();
    recordChange(ctx, 'trust_key', `${stationId}:${k.fingerprint}`, version, 'update');
  }
  appendAudit(ctx, actor, {
    action: 'sync.trust.revoke',
    entity: 'sync_trust',
    entityId: stationId,
    summary: `信任列表（第 ${version} 版）：吊销派出所 ${stationId} 的 ${keys.length} 个签名密钥，第 ${afterSeq} 号之后的数据包不再接受${reason ? `。原因：${reason}` : ''}`,
    details: { afterSeq, fingerprints: keys.map((k) => k.fingerprint), reason: reason || null },
  });
  return version;
}

export type SignatureCheck =
  | { ok: true; key: TrustRow }
  | { ok: false; code: ErrorCode; message: string; signerFingerprint: string | null; signerPem: string | null };

/** Which trusted key (if any) signed this tag manifest, and whether it may sign this sequence number. */
export function checkSignature(
  ctx: CoreContext,
  stationId: string,
  seq: number,
  tagmanifest: Buffer,
  signature: Buffer,
  embeddedPem: string | null,
): SignatureCheck {
  for (const k of trustRows(ctx, stationId)) {
    if (!verifyBytes(k.publicPem, tagmanifest, signature)) continue;
    if (validFor(k, seq)) return { ok: true, key: k };
    const message =
      k.validThroughSeq !== null && seq > k.validThroughSeq
        ? `签名密钥 ${k.fingerprint.slice(0, 16)}… 已被吊销：第 ${k.validThroughSeq} 号之后的数据包不再接受（本包为第 ${seq} 号）`
        : `签名密钥 ${k.fingerprint.slice(0, 16)}… 自第 ${k.validFromSeq} 号数据包起才有效`;
    return {
      ok: false,
      code: 'BUNDLE_REVOKED_KEY',
      message,
      signerFingerprint: k.fingerprint,
      signerPem: k.publicPem,
    };
  }
  if (embeddedPem && verifyBytes(embeddedPem, tagmanifest, signature)) {
    const fp = fingerprintOf(embeddedPem);
    const other = ctx.orm
      .select({ stationId: syncTrust.stationId })
      .from(syncTrust)
      .where(and(eq(syncTrust.fingerprint, fp), ne(syncTrust.stationId, stationId)))
      .limit(1)
      .get()?.stationId;
    const message = other
      ? `签名密钥 ${fp.slice(0, 16)}… 属于派出所 ${other}，不是 ${stationId} 的密钥`
      : `签名密钥 ${fp.slice(0, 16)}… 不在派出所 ${stationId} 的信任列表中；请与派出所屏幕上显示的指纹核对后再接受`;
    return {
      ok: false,
      code: 'BUNDLE_UNKNOWN_KEY',
      message,
      signerFingerprint: fp,
      signerPem: other ? null : embeddedPem,
    };
  }
  return {
    ok: false,
    code: 'BUNDLE_BAD_SIGNATURE',
    message: '签名无效：与任何已知密钥都不符',
    signerFingerprint: null,
    signerPem: null,
  };
}
