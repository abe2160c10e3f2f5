import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, readJournal } from '../../db/migrate';
import { parseBagInfo } from '../../electron/core/sync/bagit';
import { checkBundleSchema } from '../../electron/core/sync/schema-version';
import type { TestCore } from '../helpers/test-core';
import { makeSyncNodes, type SyncNodes } from '../helpers/sync-nodes';

let n: SyncNodes | null = null;
afterEach(() => {
  n?.close();
  n = null;
});

const shipped = readJournal(defaultMigrationsDir()).length;
const bagInfo = (dir: string) => parseBagInfo(fs.readFileSync(path.join(dir, 'bag-info.txt'), 'utf8'))!;

/** Makes a node's database look as written by an app `delta` migrations newer (or older). */
function shiftSchema(t: TestCore, delta: number): void {
  const db = t.core.ctx.sqlite;
  if (delta > 0) {
    const last = db.prepare('SELECT max(created_at) FROM __drizzle_migrations').pluck().get() as number;
    for (let i = 1; i <= delta; i++)
      db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(`future-${i}`, last + i);
  } else {
    db.prepare(
      `DELETE FROM __drizzle_migrations WHERE created_at IN
         (SELECT created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT ?)`,
    ).run(-delta);
  }
}

describe('bundles carry Schema-Version and import reads it', () => {
  it('writes the number of migrations, and a bureau on the same version imports it', async () => {
    n = await makeSyncNodes();
    await n.addItems(2);
    const out = await n.exportBundle();
    expect(bagInfo(out.dir)['Schema-Version']).toBe(String(shipped));
    const r = await n.importBundle(out.dir, await n.stationFingerprint());
    expect(r.outcome).toBe('applied');
  });

  it('refuses a bundle from a newer version with a Chinese message and changes nothing', async () => {
    n = await makeSyncNodes();
    await n.addItems(3);
    shiftSchema(n.station, 1);
    const out = await n.exportBundle();
    expect(bagInfo(out.dir)['Schema-Version']).toBe(String(shipped + 1));
    const importsBefore = n.bureau.count('sync_imports');
    const r = await n.importBundle(out.dir, await n.stationFingerprint());
    expect(r.outcome).toBe('quarantined');
    expect(r.code).toBe('BUNDLE_TOO_NEW');
    expect(r.message).toContain(`数据结构版本 ${shipped + 1}，本机为 ${shipped}`);
    expect(r.message).toContain('升级');
    expect(n.bureau.count('sync_imports')).toBe(importsBefore);
    expect(n.bureau.count('station_items')).toBe(0);
    // The check that applies nothing says the same.
    const v = await n.bureau.call('sync.bundle.verify', { dir: out.dir }, n.bureau.adminToken);
    expect(JSON.stringify(v)).toContain('BUNDLE_TOO_NEW');
    // After the upgrade (here: the bureau reaching the same version) the same bundle goes in.
    shiftSchema(n.bureau, 1);
    const again = await n.importBundle(out.dir, await n.stationFingerprint());
    expect(again.outcome).toBe('applied');
    expect(n.bureau.count('station_items')).toBe(3);
  });

  it('accepts a bundle from an older version that it can read', async () => {
    n = await makeSyncNodes();
    await n.addItems(2);
    shiftSchema(n.station, -2);
    const out = await n.exportBundle();
    expect(bagInfo(out.dir)['Schema-Version']).toBe(String(shipped - 2));
    const r = await n.importBundle(out.dir, await n.stationFingerprint());
    expect(r.outcome).toBe('applied');
    expect(n.bureau.count('station_items')).toBe(2);
  });

  it('a station refuses a downlink from a newer bureau and applies nothing', async () => {
    n = await makeSyncNodes();
    shiftSchema(n.bureau, 2);
    const out = await n.bureau.ok(
      'sync.downlink.export',
      { stationId: n.stationId, outDir: n.stick },
      n.bureau.adminToken,
    );
    expect(bagInfo(out.dir)['Schema-Version']).toBe(String(shipped + 2));
    const before = n.station.count('sync_downlinks_in');
    const r = await n.station.call('sync.downlink.import', { dir: out.dir }, n.station.adminToken);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BUNDLE_TOO_NEW');
      expect(r.error.message).toContain('下发包');
    }
    expect(n.station.count('sync_downlinks_in')).toBe(before);
  });

  it('reads a missing or impossible version as malformed, except a downlink written before the field', async () => {
    n = await makeSyncNodes();
    const ctx = n.bureau.core.ctx;
    const bad = checkBundleSchema(ctx, { 'Schema-Version': '3' }, '数据包');
    expect(bad.ok ? null : bad.error.code).toBe('BUNDLE_TAMPERED');
    const missing = checkBundleSchema(ctx, {}, '数据包');
    expect(missing.ok ? null : missing.error.code).toBe('BUNDLE_TAMPERED');
    expect(checkBundleSchema(ctx, {}, '下发包', false).ok).toBe(true);
    expect(checkBundleSchema(ctx, { 'Schema-Version': String(shipped) }, '数据包').ok).toBe(true);
  });
});
