/**
 * Two nodes in one test process: a station and a county bureau on separate temp
 * databases, a temp folder standing in for the USB stick, real keys and real crypto.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BundleExportResult, BundleImportResult } from '../../electron/contract/sync';
import type { Core } from '../../electron/core/app';
import { nodeIdOf, recordChange } from '../../electron/core/kernel/changelog';
import { inTransaction } from '../../electron/core/kernel/tx';
import { BlobStore } from '../../electron/core/storage/blob-store';
import { categoryId, makeTestCore, tempDir, type TestCore } from './test-core';

export const PASSPHRASE = 'correct horse battery staple';

export async function makeNode(role: 'station' | 'bureau', unit: string, fonds: string): Promise<TestCore> {
  const t = await makeTestCore({ setup: false });
  await t.ok('setup.initialize', {
    nodeRole: role,
    unitName: unit,
    fondsCode: fonds,
    adminUsername: 'admin',
    adminDisplayName: '李管理',
    adminPassword: 'Adm1n-Passw0rd',
  });
  t.adminToken = await t.login('admin', 'Adm1n-Passw0rd');
  await t.ok('sync.keys.unlock', { passphrase: PASSPHRASE }, t.adminToken);
  return t;
}

export interface SyncNodes {
  station: TestCore;
  bureau: TestCore;
  stick: string;
  stationId: string;
  ws: string;
  addItems(n: number, prefix?: string): Promise<{ id: string; version: number }[]>;
  addPage(itemId: string, bytes: Buffer): string;
  exportBundle(): Promise<BundleExportResult>;
  importBundle(dir: string, acceptKey?: string): Promise<BundleImportResult>;
  receiptOf(r: BundleImportResult): string;
  stationFingerprint(): Promise<string>;
  close(): Promise<void>;
}

export async function makeSyncNodes(stationId = 'BG01'): Promise<SyncNodes> {
  const bureau = await makeNode('bureau', '城关县公安局', 'J100');
  const station = await makeNode('station', '北港派出所', 'J001');
  const stick = tempDir('dangan-stick-');
  await bureau.ok('sync.stations.add', { stationId, name: '北港派出所', outDir: stick }, bureau.adminToken);
  await station.ok('sync.enroll', { dir: path.join(stick, `DGE-${stationId}`) }, station.adminToken);
  const ws = await categoryId(station, 'WS');
  let n = 0;
  const nodes: SyncNodes = {
    station,
    bureau,
    stick,
    stationId,
    ws,
    addItems: async (count, prefix = '文件') => {
      const out: { id: string; version: number }[] = [];
      for (let i = 0; i < count; i++) {
        const v = await nodes.station.ok(
          'catalogue.create',
          { categoryId: ws, year: 2020, title: `${prefix}${++n}`, persons: [] },
          nodes.station.adminToken,
        );
        out.push({ id: v.id, version: v.version });
      }
      return out;
    },
    addPage: (itemId, bytes) => addPage(nodes.station.core, itemId, bytes),
    exportBundle: () => nodes.station.ok('sync.bundle.export', { outDir: stick }, nodes.station.adminToken),
    importBundle: (dir, acceptKey) =>
      nodes.bureau.ok('sync.bundle.import', acceptKey ? { dir, acceptKey } : { dir }, nodes.bureau.adminToken),
    receiptOf: (r) => path.join(stick, 'receipts', stationId, `${r.bundleId}.json`),
    stationFingerprint: async () =>
      (await nodes.station.ok('sync.keys.get', {}, nodes.station.adminToken)).sign!.fingerprint,
    close: async () => {
      await nodes.station.close();
      await nodes.bureau.close();
      execFileSync('chmod', ['-R', 'u+w', stick]);
      fs.rmSync(stick, { recursive: true, force: true });
    },
  };
  return nodes;
}

/** A scanned page as intake would store it (bytes in the content store, row, change-log entry). */
export function addPage(core: Core, itemId: string, bytes: Buffer): string {
  const ctx = core.ctx;
  const sha = new BlobStore(ctx.dataDir).put(bytes).sha256;
  inTransaction(ctx, () => {
    const id = ctx.ids();
    const now = ctx.nowIso();
    const seq = (ctx.sqlite.prepare('SELECT count(*) FROM pages WHERE item_id = ?').pluck().get(itemId) as number) + 1;
    ctx.sqlite
      .prepare(
        `INSERT INTO pages (id, node_id, version, item_id, seq, original_sha256, original_name, format, created_at, updated_at)
         VALUES (?, ?, 1, ?, ?, ?, ?, 'tiff', ?, ?)`,
      )
      .run(id, nodeIdOf(ctx), itemId, seq, sha, `scan-${seq}.tif`, now, now);
    recordChange(ctx, 'page', id, 1, 'insert');
  });
  return sha;
}

/** The database file's bytes after a checkpoint: equal hashes mean nothing was written. */
export function dbBytesHash(t: TestCore): string {
  t.core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return createHash('sha256')
    .update(fs.readFileSync(path.join(t.dir, 'dangan.sqlite')))
    .digest('hex');
}

/** Pseudo-random bytes (a stand-in scan that does not compress). */
export function noise(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** Copies a bundle folder (to corrupt the copy, not the original). */
export function copyBundle(src: string, dest: string): string {
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

/**
 * A record the bureau has acknowledged, then changed at the station on its old version
 * (as after restoring a backup): the next bundle, imported here, holds a conflict.
 */
export async function conflictingEdit(
  n: SyncNodes,
  title: string,
): Promise<{ itemId: string; second: BundleImportResult }> {
  const [a] = await n.addItems(2);
  const r1 = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
  await n.station.ok('sync.receipt.import', { file: r1.receiptFile }, n.station.adminToken);
  const ctx = n.station.core.ctx;
  inTransaction(ctx, () => {
    ctx.sqlite.prepare('UPDATE items SET title = ? WHERE id = ?').run(title, a!.id);
    recordChange(ctx, 'item', a!.id, 1, 'update');
  });
  return { itemId: a!.id, second: await n.importBundle((await n.exportBundle()).dir) };
}
