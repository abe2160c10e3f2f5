/**
 * USB sync between stations and the county bureau (docs/sync-protocol-notes.md).
 * Station-side tables: own keys, the pinned bureau, bundles written, per-record report
 * status, files the bureau holds, receipts read. Bureau-side tables: stations, the trust
 * list, bundles imported (with the receipt bytes, so a re-import rewrites them exactly),
 * the stations' records mirrored under their station id, their files, and conflicts.
 */
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

/** This node's key pairs. Private halves are sealed by a key vault (passphrase or safeStorage). */
export const syncKeys = sqliteTable(
  'sync_keys',
  {
    id: text('id').primaryKey(),
    /** 'sign' (Ed25519) | 'age' (X25519 age identity, bureau only). */
    purpose: text('purpose').notNull(),
    /** 'active' | 'next' (announced, not yet acknowledged) | 'retired'. */
    status: text('status').notNull(),
    /** SPKI PEM for 'sign'; the age1… recipient for 'age'. */
    publicKey: text('public_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    sealedPrivate: text('sealed_private').notNull(),
    vaultKind: text('vault_kind').notNull(),
    createdAt: text('created_at').notNull(),
    retiredAt: text('retired_at'),
  },
  (t) => [index('ix_sync_keys_purpose').on(t.purpose, t.status)],
);

/** Station: the bureau pinned at enrollment (trust on first use, fingerprint compared by people). */
export const syncPeers = sqliteTable('sync_peers', {
  fingerprint: text('fingerprint').primaryKey(),
  role: text('role').notNull(),
  nodeId: text('node_id').notNull(),
  unitName: text('unit_name').notNull(),
  signPublicPem: text('sign_public_pem').notNull(),
  /** JSON array of age recipients the payload is encrypted to. */
  ageRecipients: text('age_recipients').notNull(),
  status: text('status').notNull(),
  pinnedAt: text('pinned_at').notNull(),
});

/** Station: every bundle written (or attempted; a failed attempt still uses up its number). */
export const syncOutBundles = sqliteTable('sync_out_bundles', {
  seq: integer('seq').primaryKey(),
  epoch: integer('epoch').notNull(),
  bundleId: text('bundle_id'),
  prevBundleId: text('prev_bundle_id').notNull(),
  ackedThrough: integer('acked_through').notNull(),
  changeTo: integer('change_to').notNull(),
  records: integer('records').notNull(),
  files: integer('files').notNull(),
  bytes: integer('bytes').notNull().default(0),
  /** 'writing' | 'written' | 'failed' | 'acknowledged'. */
  status: text('status').notNull(),
  dirName: text('dir_name').notNull(),
  error: text('error'),
  createdAt: text('created_at').notNull(),
  ackedAt: text('acked_at'),
});

/** Station: what the bureau said about each record (已上报 / 冲突 / 被拒) and at which version. */
export const syncOutbox = sqliteTable(
  'sync_outbox',
  {
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    ackedVersion: integer('acked_version').notNull(),
    /** 'reported' | 'conflict' | 'rejected'. */
    status: text('status').notNull(),
    reason: text('reason'),
    bundleId: text('bundle_id').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId] }), index('ix_sync_outbox_status').on(t.status)],
);

/** Station: files the bureau confirmed it holds (not sent again). */
export const syncFilesAcked = sqliteTable('sync_files_acked', {
  sha256: text('sha256').primaryKey(),
  bundleId: text('bundle_id').notNull(),
  ackedAt: text('acked_at').notNull(),
});

/** Station: receipts read (a second read of the same receipt changes nothing). */
export const syncReceipts = sqliteTable('sync_receipts', {
  bundleId: text('bundle_id').primaryKey(),
  seq: integer('seq').notNull(),
  /** 'applied' | 'foreign' (a bundle this database never wrote: restored from a backup). */
  kind: text('kind').notNull(),
  body: text('body').notNull(),
  receivedAt: text('received_at').notNull(),
});

/** Bureau: the stations registered here. */
export const syncStations = sqliteTable('sync_stations', {
  stationId: text('station_id').primaryKey(),
  name: text('name').notNull(),
  /** The station's node id, learned from its first bundle (records must carry it). */
  nodeId: text('node_id'),
  status: text('status').notNull(),
  lastSeq: integer('last_seq').notNull().default(0),
  lastBundleId: text('last_bundle_id'),
  lastEpoch: integer('last_epoch').notNull().default(0),
  ackedThrough: integer('acked_through').notNull().default(0),
  lastImportAt: text('last_import_at'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Bureau: the versioned trust list (station keys, revocation by sequence number). */
export const syncTrust = sqliteTable(
  'sync_trust',
  {
    id: text('id').primaryKey(),
    stationId: text('station_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    publicPem: text('public_pem').notNull(),
    /** 'active' | 'revoked' | 'retired'. */
    status: text('status').notNull(),
    validFromSeq: integer('valid_from_seq').notNull().default(1),
    /** Bundles with a higher sequence signed by this key are refused. */
    validThroughSeq: integer('valid_through_seq'),
    trustVersion: integer('trust_version').notNull(),
    addedAt: text('added_at').notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [uniqueIndex('ux_sync_trust_station_key').on(t.stationId, t.fingerprint)],
);

/** Bureau: bundles applied, each with the exact receipt it produced. */
export const syncImports = sqliteTable(
  'sync_imports',
  {
    bundleId: text('bundle_id').primaryKey(),
    stationId: text('station_id').notNull(),
    seq: integer('seq').notNull(),
    epoch: integer('epoch').notNull(),
    prevBundleId: text('prev_bundle_id').notNull(),
    changeTo: integer('change_to').notNull(),
    records: integer('records').notNull(),
    conflicts: integer('conflicts').notNull(),
    rejected: integer('rejected').notNull(),
    files: integer('files').notNull(),
    receipt: text('receipt').notNull(),
    receiptSig: text('receipt_sig').notNull(),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [uniqueIndex('ux_sync_imports_station_seq').on(t.stationId, t.seq)],
);

/**
 * Bureau: the stations' records, as their full current states, keyed by station. They are
 * kept apart from the bureau's own catalogue tables: the station owns them (one writer per
 * record), and two stations may hold the same 档号 or the same person without clashing.
 */
export const stationRecords = sqliteTable(
  'station_records',
  {
    stationId: text('station_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    version: integer('version').notNull(),
    deleted: integer('deleted').notNull().default(0),
    nodeId: text('node_id').notNull(),
    fields: text('fields').notNull(),
    fieldsHash: text('fields_hash').notNull(),
    bundleId: text('bundle_id').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.entity, t.entityId] }),
    index('ix_station_records_entity').on(t.entity, t.entityId),
  ],
);

/** Bureau: scan files received from stations (bytes in the content store). */
export const stationFiles = sqliteTable(
  'station_files',
  {
    stationId: text('station_id').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    bundleId: text('bundle_id').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.sha256] })],
);

/** Bureau: an incoming state that could not replace the held one, kept beside it for a person. */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: text('id').primaryKey(),
    stationId: text('station_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    oursVersion: integer('ours_version').notNull(),
    oursHash: text('ours_hash').notNull(),
    theirsVersion: integer('theirs_version').notNull(),
    theirsDeleted: integer('theirs_deleted').notNull(),
    theirsFields: text('theirs_fields').notNull(),
    theirsHash: text('theirs_hash').notNull(),
    bundleId: text('bundle_id').notNull(),
    reason: text('reason').notNull(),
    /** 'open' | 'resolved'. */
    status: text('status').notNull(),
    resolution: text('resolution'),
    resolvedBy: text('resolved_by'),
    resolvedAt: text('resolved_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('ix_sync_conflicts_station').on(t.stationId, t.status)],
);

/**
 * Bureau: downlink bundles written to a station (scheme, form templates, trust list), one
 * sequence per station. A failed attempt still uses up its number, as for uplink bundles.
 */
export const syncDownlinksOut = sqliteTable(
  'sync_downlinks_out',
  {
    stationId: text('station_id').notNull(),
    seq: integer('seq').notNull(),
    bundleId: text('bundle_id'),
    prevBundleId: text('prev_bundle_id').notNull(),
    prevSeq: integer('prev_seq').notNull(),
    /** 'writing' | 'written' | 'failed'. */
    status: text('status').notNull(),
    dirName: text('dir_name').notNull(),
    categories: integer('categories').notNull(),
    templates: integer('templates').notNull(),
    trustVersion: integer('trust_version').notNull(),
    error: text('error'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.seq] })],
);

/** Station: downlink bundles applied (a replay or an older one is refused; the same one again changes nothing). */
export const syncDownlinksIn = sqliteTable('sync_downlinks_in', {
  seq: integer('seq').primaryKey(),
  bundleId: text('bundle_id').notNull().unique(),
  prevBundleId: text('prev_bundle_id').notNull(),
  issuedAt: text('issued_at').notNull(),
  /** JSON: what was applied, left unchanged or skipped (with the reason). */
  summary: text('summary').notNull(),
  appliedAt: text('applied_at').notNull(),
});

export type SyncKeyRecord = typeof syncKeys.$inferSelect;
export type SyncPeerRecord = typeof syncPeers.$inferSelect;
export type SyncOutBundleRecord = typeof syncOutBundles.$inferSelect;
export type SyncStationRecord = typeof syncStations.$inferSelect;
export type SyncTrustRecord = typeof syncTrust.$inferSelect;
/** A station's record as mirrored at the bureau (`station_records`). */
export type StationMirrorRecord = typeof stationRecords.$inferSelect;
export type SyncConflictRecord = typeof syncConflicts.$inferSelect;
