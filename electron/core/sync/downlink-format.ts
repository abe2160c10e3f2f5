/**
 * The downlink bundle's payload (`data/downlink.json`): a full snapshot of what the bureau
 * hands down, never a diff, so a lost stick or a skipped downlink loses nothing (the next
 * one carries everything). It is signed, not encrypted: the scheme, the templates and the
 * station's public keys are not secret, and stations hold no age identity.
 */
import { z } from 'zod';
import { zFieldDef, zRetention } from '../../contract/schemas';
import { zFormTemplate } from '../../contract/forms';
import { ARRANGEMENTS } from '../../contract/domain';
import { seq6 } from './bagit';

export const DOWNLINK_FILE = 'data/downlink.json';
export const downlinkDirName = (stationId: string, seq: number): string => `DGD-${stationId}-${seq6(seq)}`;

const zCode = z.string().regex(/^[A-Z0-9]{1,6}$/);

export const zDownlinkCategory = z.object({
  /** Codes from the root: ['YW', 'HJ'] is 业务·户籍. Stations match categories by this path, not by id. */
  path: z.array(zCode).min(1).max(8),
  name: z.string().trim().min(1).max(50),
  defaultRetention: zRetention,
  arrangement: z.enum(ARRANGEMENTS),
  codeTemplate: z.string().min(1).max(200),
  volumeCodeTemplate: z.string().min(1).max(200),
  fields: z.array(zFieldDef).max(60),
  sortOrder: z.number().int(),
});
export type DownlinkCategory = z.infer<typeof zDownlinkCategory>;

export const zDownlinkTrustKey = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  status: z.enum(['active', 'revoked', 'retired']),
  validFromSeq: z.number().int().min(0),
  validThroughSeq: z.number().int().min(0).nullable(),
});

/** How the bureau resolved one of this station's conflicts (so the station stops showing 冲突). */
export const zDownlinkResolution = z.object({
  entity: z.string().max(40),
  id: z.string().max(200),
  version: z.number().int().min(0),
  action: z.enum(['ours', 'theirs', 'both']),
  resolvedAt: z.string().max(40),
});
export type DownlinkResolution = z.infer<typeof zDownlinkResolution>;

export const zDownlinkPayload = z.object({
  format: z.literal('dangan-downlink/1'),
  stationId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  seq: z.number().int().min(1),
  issuedAt: z.string().min(1).max(40),
  bureau: z.object({ nodeId: z.string().max(64), unitName: z.string().max(100), fingerprint: z.string() }),
  scheme: z.array(zDownlinkCategory).max(2000),
  formTemplates: z.array(zFormTemplate).max(500),
  trust: z.object({ version: z.number().int().min(0), keys: z.array(zDownlinkTrustKey).max(100) }),
  /** Absent in bundles of older bureaus. */
  resolutions: z.array(zDownlinkResolution).max(100_000).default([]),
});
export type DownlinkPayload = z.output<typeof zDownlinkPayload>;
