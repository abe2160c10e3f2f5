/** A station database restored from a backup starts a new epoch; a key rotation announced by the old key. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSyncNodes, PASSPHRASE, type SyncNodes } from '../helpers/sync-nodes';
import { makeTestCore, type TestCore } from '../helpers/test-core';

let nodes: SyncNodes | undefined;
afterEach(async () => {
  await nodes?.close();
  nodes = undefined;
});

async function reopen(dir: string): Promise<TestCore> {
  const t = await makeTestCore({ setup: false, dir });
  t.adminToken = await t.login('admin', 'Adm1n-Passw0rd');
  await t.ok('sync.keys.unlock', { passphrase: PASSPHRASE }, t.adminToken);
  return t;
}

/**
 * Bundle 1 acknowledged; a backup; then bundle 2 (editing item A) applied and acknowledged; then the backup
 * restored. The only evidence left is the head marker (`keepHead`) or bundle 2's receipt on the stick.
 */
async function restoredStation(keepHead: boolean) {
  nodes = await makeSyncNodes();
  const n = nodes;
  const [a] = await n.addItems(2);
  const b1 = await n.exportBundle();
  const r1 = await n.importBundle(b1.dir, await n.stationFingerprint());
  await n.station.ok('sync.receipt.import', { file: r1.receiptFile }, n.station.adminToken);
  n.station.core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const db = path.join(n.station.dir, 'dangan.sqlite');
  const backup = fs.readFileSync(db);

  const cur = await n.station.ok('catalogue.get', { id: a!.id }, n.station.adminToken);
  await n.station.ok(
    'catalogue.update',
    { id: a!.id, expectedVersion: cur.version, title: '第二包里的题名', persons: [] },
    n.station.adminToken,
  );
  const b2 = await n.exportBundle();
  const r2 = await n.importBundle(b2.dir);
  await n.station.ok('sync.receipt.import', { file: r2.receiptFile }, n.station.adminToken);

  // Restore: the database file goes back to the backup.
  await n.station.core.close();
  for (const f of ['dangan.sqlite-wal', 'dangan.sqlite-shm']) fs.rmSync(path.join(n.station.dir, f), { force: true });
  fs.writeFileSync(db, backup);
  if (keepHead) fs.rmSync(path.join(n.stick, 'receipts'), { recursive: true });
  else fs.rmSync(path.join(n.station.dir, 'sync', 'head.json'));
  const dir = n.station.dir;
  n.station = await reopen(dir);
  return { n, a: a!, b1, b2 };
}

async function editAgainAndSync(n: SyncNodes, itemId: string, expectPrev: string) {
  const cur = await n.station.ok('catalogue.get', { id: itemId }, n.station.adminToken);
  expect(cur.version).toBe(1);
  await n.station.ok(
    'catalogue.update',
    { id: itemId, expectedVersion: 1, title: '恢复后另改的题名', persons: [] },
    n.station.adminToken,
  );
  const b3 = await n.exportBundle();
  expect(b3.newEpoch).toBe(true);
  expect(b3.epoch).toBe(2);
  expect(b3.seq).toBe(3);
  const info = fs.readFileSync(path.join(b3.dir, 'bag-info.txt'), 'utf8');
  expect(info).toContain('Epoch: 2');
  expect(info).toContain(`Prev-Bundle-Id: ${expectPrev}`);
  const r3 = await n.importBundle(b3.dir);
  expect(r3.outcome).toBe('applied');
  expect(r3.counts!.conflict).toBe(1);
  const conflicts = await n.bureau.ok('sync.conflicts.list', {}, n.bureau.adminToken);
  expect(conflicts.map((c) => c.entityId)).toEqual([itemId]);
  await n.station.ok('sync.receipt.import', { file: r3.receiptFile }, n.station.adminToken);
  const s = await n.station.ok('sync.status', {}, n.station.adminToken);
  if (s.role !== 'station') throw new Error('role');
  expect(s.outbox.conflict).toBe(1);
  expect(s.problems[0]).toMatchObject({ id: itemId, status: 'conflict' });
}

describe('restored station database', () => {
  it('notices from the head marker beside the database, starts epoch 2, and the reused version arrives as a conflict', async () => {
    const { n, a, b1 } = await restoredStation(true);
    await editAgainAndSync(n, a.id, b1.bundleId);
  });

  it('notices from a bureau receipt on the stick for a bundle it never wrote, and chains onto that bundle', async () => {
    const { n, a, b2 } = await restoredStation(false);
    await editAgainAndSync(n, a.id, b2.bundleId);
  });
});

describe('key rotation', () => {
  it('announces the new key in a bundle signed by the old one; after the receipt the new key signs', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    await n.addItems(1);
    const r1 = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
    await n.station.ok('sync.receipt.import', { file: r1.receiptFile }, n.station.adminToken);
    const oldFp = await n.stationFingerprint();
    const keys = await n.station.ok('sync.keys.rotate', {}, n.station.adminToken);
    const newFp = keys.next!.fingerprint;
    await n.addItems(1, '轮换');
    const b2 = await n.exportBundle();
    expect(fs.readFileSync(path.join(b2.dir, 'bag-info.txt'), 'utf8')).toContain(`Next-Signing-Key: ${newFp}`);
    const r2 = await n.importBundle(b2.dir);
    expect(r2.outcome).toBe('applied');
    await n.station.ok('sync.receipt.import', { file: r2.receiptFile }, n.station.adminToken);
    expect(await n.stationFingerprint()).toBe(newFp);
    await n.addItems(1, '新密钥');
    const b3 = await n.exportBundle();
    expect(fs.readFileSync(path.join(b3.dir, 'bag-info.txt'), 'utf8')).toContain(`Signing-Key: ${newFp}`);
    expect((await n.importBundle(b3.dir)).outcome).toBe('applied');
    const s = await n.bureau.ok('sync.status', {}, n.bureau.adminToken);
    if (s.role !== 'bureau') throw new Error('role');
    const ks = s.stations[0]!.keys;
    expect(ks.find((k) => k.fingerprint === oldFp)).toMatchObject({ status: 'retired', validThroughSeq: 2 });
    expect(ks.find((k) => k.fingerprint === newFp)).toMatchObject({ status: 'active', validFromSeq: 3 });
  });
});
