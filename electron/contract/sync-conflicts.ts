/**
 * Bureau side of USB sync, the parts a person works with: resolving conflicts (keep ours /
 * take theirs / keep both), a station's mirrored records, and a look at a bundle before it
 * is imported (who signed it: the fingerprint the operator compares with the station's screen).
 */
import { z } from 'zod';
import type { ConflictView, FingerprintView } from './sync';
import { zServerPath } from './server-path';
import { zStationId } from './sync';

export const CONFLICT_ACTIONS = ['ours', 'theirs', 'both'] as const;
export type ConflictAction = (typeof CONFLICT_ACTIONS)[number];

const zConflictId = z.string().trim().min(1, { error: '缺少冲突标识' }).max(64);

export const zConflictGet = z.object({ id: zConflictId });
export const zConflictResolve = z.object({
  id: zConflictId,
  action: z.enum(CONFLICT_ACTIONS, { error: '处理方式只能是：保留县局副本、采用派出所来件、两者都保留' }),
  note: z.string().trim().max(500, { error: '说明最多 500 个字符' }).optional(),
});
export const zStationRecords = z.object({
  stationId: zStationId,
  entity: z
    .enum([
      'item',
      'volume',
      'person',
      'page',
      'category',
      'loan_request',
      'loan_record',
      'loan_decision',
      'signature',
      'appraisal_decision',
      'destruction_list',
      'legal_hold',
      'destruction_tombstone',
      'opening_review',
      'security_change',
      'arrangement_batch',
      'arrangement_step',
      'arrangement_assignment',
      'arrangement_signoff',
    ])
    .default('item'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});
export const zBundleInspect = z.object({
  dir: zServerPath('数据包目录'),
});

/** One side of a conflict: a record's full state as the station sent it. */
export interface ConflictSide {
  version: number;
  deleted: boolean;
  fields: Record<string, unknown>;
  files: string[];
}

export interface ConflictDetail extends ConflictView {
  status: 'open' | 'resolved';
  resolution: ConflictAction | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  /** The copy the bureau holds now (null if it is gone). */
  ours: ConflictSide | null;
  /** The incoming copy, kept beside it. */
  theirs: ConflictSide;
  /** The copy the bureau held when the conflict arose is still the one it holds ('theirs' is possible). */
  oursCurrent: boolean;
}

export interface ConflictResolveResult {
  id: string;
  action: ConflictAction;
  resolvedAt: string;
  /** 'both': the id under which the incoming copy is kept beside the bureau's. */
  variantId: string | null;
}

export interface StationRecordRow {
  entity: string;
  entityId: string;
  version: number;
  deleted: boolean;
  archiveCode: string | null;
  title: string | null;
  year: number | null;
  receivedAt: string;
  /** A copy kept beside the record named here ('keep both'). */
  variantOf: string | null;
  /** The record has a copy kept beside it. */
  hasVariant: boolean;
  /** Items: the scanned pages the station sent for it (not deleted), and how many of their files the bureau holds. */
  scans: { pages: number; held: number };
  /**
   * A signed record (a destruction list's approval, an acceptance sign-off, an opening review, a
   * 密级 change, a loan decision): the station's signature as mirrored here; null when the record
   * is unsigned or its signature has not arrived.
   */
  signature: { signerName: string; signerRole: string; kind: string; signedAt: string; contentHash: string } | null;
}

export interface StationRecordPage {
  rows: StationRecordRow[];
  total: number;
}

/** What a bundle folder holds and who signed it, before anything is imported. */
export interface BundleInspectView {
  dir: string;
  type: string | null;
  stationId: string | null;
  stationName: string | null;
  seq: number | null;
  epoch: number | null;
  records: number | null;
  files: number | null;
  exportedAt: string | null;
  exportedBy: string | null;
  bundleId: string | null;
  /** The first thing wrong with the files (no key needed), or null. */
  problem: { code: string; message: string } | null;
  stationKnown: boolean;
  signer: FingerprintView | null;
  /** 'trusted': on the trust list; 'unknown': not yet (compare and accept); other values refuse. */
  signerStatus: 'trusted' | 'unknown' | 'revoked' | 'invalid' | null;
  signerMessage: string | null;
}
