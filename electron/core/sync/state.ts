/** Sync facts kept in `meta` (station id, epoch, watermark, last acknowledged bundle). */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { syncOutBundles } from '../../../db/schema';
import type { NodeRole } from '../../contract/domain';
import { type CoreContext, AppError, getMeta, setMeta } from '../kernel';
import { GENESIS_BUNDLE_ID } from './bagit';

export const K = {
  stationId: 'sync.station_id',
  stationName: 'sync.station_name',
  bureauFingerprint: 'sync.bureau_fingerprint',
  epoch: 'sync.epoch',
  /** Highest change-log seq the bureau has acknowledged (the export watermark). */
  ackedThrough: 'sync.acked_through',
  /** The newest bundle the bureau acknowledged: the next bundle's Prev-Bundle-Id. */
  ackedBundleId: 'sync.acked_bundle_id',
  ackedBundleSeq: 'sync.acked_bundle_seq',
  /** Sequence numbers at or below this are used (raised when a restored database learns of later bundles). */
  seqFloor: 'sync.seq_floor',
  bureauScheme: 'sync.bureau_scheme',
  trustVersion: 'sync.trust_version',
} as const;

export const metaInt = (ctx: CoreContext, key: string): number => Number(getMeta(ctx, key) ?? 0) || 0;
export const setMetaInt = (ctx: CoreContext, key: string, v: number): void => setMeta(ctx, key, String(v));

export const roleOf = (ctx: CoreContext): NodeRole | null => getMeta(ctx, 'node_role') as NodeRole | null;

export function requireRole(ctx: CoreContext, role: NodeRole): void {
  if (roleOf(ctx) !== role) {
    throw new AppError(
      'SYNC_WRONG_ROLE',
      role === 'bureau' ? '此操作只能在县局（bureau 角色）进行' : '此操作只能在派出所（station 角色）进行',
    );
  }
}

export interface StationSyncState {
  stationId: string;
  epoch: number;
  ackedThrough: number;
  ackedBundleId: string;
  ackedBundleSeq: number;
  seqFloor: number;
}

export function stationState(ctx: CoreContext): StationSyncState {
  requireRole(ctx, 'station');
  const stationId = getMeta(ctx, K.stationId);
  if (!stationId) throw new AppError('NOT_ENROLLED');
  return {
    stationId,
    epoch: metaInt(ctx, K.epoch) || 1,
    ackedThrough: metaInt(ctx, K.ackedThrough),
    ackedBundleId: getMeta(ctx, K.ackedBundleId) ?? GENESIS_BUNDLE_ID,
    ackedBundleSeq: metaInt(ctx, K.ackedBundleSeq),
    seqFloor: metaInt(ctx, K.seqFloor),
  };
}

/** The highest sequence number this station has used (bundles written or learned of). */
export function lastUsedSeq(ctx: CoreContext): number {
  const max =
    ctx.orm
      .select({ n: sql<number>`coalesce(max(${syncOutBundles.seq}), 0)` })
      .from(syncOutBundles)
      .get()?.n ?? 0;
  return Math.max(max, metaInt(ctx, K.seqFloor));
}

/** The head marker beside the database: a restored database file is behind it (epoch.ts). */
export const headFile = (ctx: CoreContext): string => path.join(ctx.dataDir, 'sync', 'head.json');
