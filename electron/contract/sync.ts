/** USB sync (station ⇄ county bureau): inputs and views. */
import { z } from 'zod';
import { zServerPath } from './server-path';

export const zStationId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, { error: '派出所编号只能由字母、数字、- 和 _ 组成（最多 32 个字符）' });
const zFingerprint = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s:]/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, { error: '指纹应为 64 位十六进制数' }));

export const zKeysUnlock = z.object({ passphrase: z.string().min(8, { error: '密钥口令至少 8 个字符' }).max(1024) });
export const zStationAdd = z.object({
  stationId: zStationId,
  name: z.string().trim().min(1, { error: '请填写派出所名称' }).max(100),
  outDir: zServerPath('写出目录（U 盘）'),
});
export const zStationRevoke = z.object({
  stationId: zStationId,
  afterSeq: z.number().int().min(0),
  /** Why (kept in the audit entry). */
  reason: z.string().trim().max(500, { error: '吊销原因最多 500 个字符' }).optional(),
});
export const zEnroll = z.object({ dir: zServerPath('登记包目录') });
export const zBundleExport = z.object({ outDir: zServerPath('写出目录（U 盘）') });
export const zBundleImport = z.object({ dir: zServerPath('数据包目录'), acceptKey: zFingerprint.optional() });
export const zBundleVerify = z.object({ dir: zServerPath('数据包目录') });
export const zReceiptImport = z.object({ file: zServerPath('回执文件') });
export const zExportIdentity = z.object({ outFile: zServerPath('身份文件路径') });

export interface FingerprintView {
  fingerprint: string;
  hex: string;
  words: string;
}

export interface KeysView {
  sign: (FingerprintView & { publicPem: string }) | null;
  next: FingerprintView | null;
  ageRecipient: string | null;
  unlocked: boolean;
}

export interface StationAddResult {
  stationId: string;
  name: string;
  dir: string;
  bureau: FingerprintView;
}

export interface EnrollResult {
  stationId: string;
  stationName: string;
  bureauUnit: string;
  bureau: FingerprintView;
  own: FingerprintView;
}

export interface BundleExportResult {
  dir: string;
  bundleId: string;
  seq: number;
  epoch: number;
  records: number;
  files: number;
  bytes: number;
  newEpoch: boolean;
  /** Scans the records refer to that are missing from this station's file store. */
  missingFiles: string[];
}

export interface QuarantineEntry {
  name: string;
  dir: string;
  source: string;
  code: string;
  message: string;
  stationId: string | null;
  seq: number | null;
  bundleId: string | null;
  at: string;
  /** What was kept: metadata and manifests, then payload up to a cap; the rest only listed. Absent on older entries. */
  sample?: QuarantineSample;
}

/** The bounded copy of a refused bundle kept in quarantine. */
export interface QuarantineSample {
  capBytes: number;
  copiedFiles: number;
  copiedBytes: number;
  omittedCount: number;
  omittedBytes: number;
  /** The files not copied (the first 1,000): too large for what was left of the cap, or not a regular file. */
  omitted: { path: string; size: number; why: 'size' | 'not-a-file' }[];
}

export type OutcomeCounts = Record<'applied' | 'duplicate' | 'conflict' | 'rejected', number>;

export interface BundleImportResult {
  outcome: 'applied' | 'duplicate' | 'quarantined';
  code: string | null;
  message: string;
  bundleId: string | null;
  stationId: string | null;
  seq: number | null;
  counts: OutcomeCounts | null;
  quarantine: QuarantineEntry | null;
  receiptFile: string | null;
  receiptError: string | null;
}

export interface ReceiptImportResult {
  status: 'applied' | 'already' | 'foreign';
  bundleId: string;
  seq: number;
  counts: OutcomeCounts;
  ackedThrough: number;
  newEpoch: boolean;
  /** The bureau now trusts the rotated-in signing key, so the station switched to it. */
  rotated: boolean;
}

export interface VerifyCheck {
  name: 'integrity' | 'schema' | 'signature' | 'chain' | 'decrypt';
  ok: boolean | null;
  code: string | null;
  message: string;
}

export interface BundleVerifyResult {
  ok: boolean;
  dir: string;
  type: string | null;
  bundleId: string | null;
  stationId: string | null;
  seq: number | null;
  checks: VerifyCheck[];
}

export interface StationSyncStatus {
  role: 'station';
  enrolled: boolean;
  stationId: string | null;
  bureau: (FingerprintView & { unitName: string }) | null;
  own: FingerprintView | null;
  epoch: number;
  ackedThrough: number;
  ackedBundleSeq: number;
  pendingRecords: number;
  pendingFiles: number;
  lastExport: { seq: number; bundleId: string | null; status: string; at: string; dir: string } | null;
  lastReceiptAt: string | null;
  outbox: { reported: number; conflict: number; rejected: number };
  problems: {
    entity: string;
    id: string;
    /** 档号 and 题名 (or 姓名) of the record, when the caller may see it. */
    label: string | null;
    version: number;
    status: string;
    reason: string | null;
  }[];
}

export interface StationSummary {
  stationId: string;
  name: string;
  status: string;
  keys: { fingerprint: string; status: string; validFromSeq: number; validThroughSeq: number | null }[];
  lastSeq: number;
  lastBundleId: string | null;
  lastEpoch: number;
  ackedThrough: number;
  lastImportAt: string | null;
  records: number;
  openConflicts: number;
}

export interface BureauSyncStatus {
  role: 'bureau';
  own: FingerprintView | null;
  ageRecipient: string | null;
  trustVersion: number;
  stations: StationSummary[];
  quarantine: QuarantineEntry[];
}

export type SyncStatus = StationSyncStatus | BureauSyncStatus;

export interface ConflictView {
  id: string;
  stationId: string;
  entity: string;
  entityId: string;
  /** The held copy's 档号 and 题名 (or 姓名), null above the caller's clearance. */
  label: string | null;
  oursVersion: number;
  theirsVersion: number;
  theirsDeleted: boolean;
  reason: string;
  bundleId: string;
  createdAt: string;
}
