/**
 * Bureau → station bundles (downlink): the county's classification scheme, form templates
 * and the station's entries of the trust list, signed by the bureau key. Inputs and views.
 */
import { z } from 'zod';
import { zServerPath } from './server-path';
import { zStationId } from './sync';

export const zDownlinkExport = z.object({ stationId: zStationId, outDir: zServerPath('写出目录（U 盘）') });
export const zDownlinkImport = z.object({ dir: zServerPath('下发包目录') });

export interface DownlinkExportResult {
  stationId: string;
  dir: string;
  bundleId: string;
  seq: number;
  prevBundleId: string;
  categories: number;
  templates: number;
  trustVersion: number;
  bytes: number;
}

/** What became of one category or template at the station. */
export interface DownlinkChange {
  kind: 'category' | 'template';
  /** The category's full code (YW·HJ) or the template id. */
  key: string;
  name: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped';
  /** Why it was skipped, or what was left as it was. */
  note: string | null;
}

export interface DownlinkImportResult {
  outcome: 'applied' | 'duplicate';
  message: string;
  bundleId: string;
  seq: number;
  issuedAt: string;
  counts: Record<DownlinkChange['outcome'], number>;
  changes: DownlinkChange[];
  trustVersion: number;
  /** The station's signing key switched to the rotated-in one the bureau now trusts. */
  rotated: boolean;
  /** Records whose 冲突 the bureau resolved, now shown with the resolution. */
  resolutions: number;
}
