/**
 * USB sync between stations and the county bureau: keys, bundles, receipts, downlink, and the sync.*
 * methods.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { exportDownlink } from './downlink-export';
export { downlinkHandlers } from './downlink-handlers';
export { importDownlink } from './downlink-import';
export { addStation, enrollStation } from './enroll';
export { exportBundle } from './export';
export { syncHandlers } from './handlers';
export { exportIdentity, unlockWithPassphrase } from './identity';
export { importBundle } from './import';
export { createNextSigningKey, ensureNodeKeys, keyRow, unsealKey } from './keys';
export { conflictVisible, mirrorFileVisible, mirrorVisible } from './mirror-clearance';
export { decryptChanges } from './payload';
export { importReceipt } from './receipt-import';
export { requireRole, roleOf } from './state';
export { keysView, syncStatus } from './status';
export { requireStation, revokeStationKeys, type StationRow } from './trust';
export { verifyBundleDir } from './verify';
