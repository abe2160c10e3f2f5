import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateReader } from '../../electron/core/sync/entities';
import { dbBytesHash, makeSyncNodes, noise, type SyncNodes } from '../helpers/sync-nodes';
import { tempDir } from '../helpers/test-core';

let nodes: SyncNodes | undefined;
afterEach(async () => {
  await nodes?.close();
  nodes = undefined;
});

/** The bureau holds exactly the station's current records (same state hashes, nothing extra). */
function expectMirror(n: SyncNodes): void {
  const st = n.station.core.ctx;
  const own = st.sqlite.prepare("SELECT value FROM meta WHERE key = 'node_id'").pluck().get() as string;
  const reader = new StateReader(st);
  const want = new Map<string, string>();
  for (const [entity, table] of [
    ['item', 'items'],
    ['volume', 'volumes'],
    ['category', 'categories'],
    ['page', 'pages'],
    // Each day's first bundle carries the station's 考核指标 (statistics/snapshot.ts).
    ['statistics_indicator_snapshot', 'statistics_indicator_snapshots'],
  ] as const) {
    for (const id of st.sqlite.prepare(`SELECT id FROM ${table} WHERE node_id = ?`).pluck().all(own) as string[]) {
      want.set(`${entity}:${id}`, reader.read(entity, id)!.hash);
    }
  }
  const got = new Map(
    (
      n.bureau.core.ctx.sqlite
        .prepare("SELECT entity, entity_id, fields_hash FROM station_records WHERE station_id = 'BG01'")
        .all() as { entity: string; entity_id: string; fields_hash: string }[]
    ).map((r) => [`${r.entity}:${r.entity_id}`, r.fields_hash]),
  );
  expect(got).toEqual(want);
}

describe('USB sync: station → bureau → receipt → station', () => {
  it('enrolls, exports, imports with the compared fingerprint, and the receipt marks every record reported', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    const items = await n.addItems(5);
    const scans = [noise(200_000, 1), noise(70_000, 2)];
    const shas = scans.map((b, i) => n.addPage(items[i]!.id, b));

    const first = await n.exportBundle();
    expect(first.seq).toBe(1);
    expect(first.files).toBe(2);
    expect(path.basename(first.dir)).toBe('DGB-BG01-000001');
    expect(fs.readdirSync(n.stick).filter((f) => f.endsWith('.partial'))).toEqual([]);

    // Unknown key until a person compares the fingerprint: quarantined, database untouched.
    const before = dbBytesHash(n.bureau);
    const refused = await n.importBundle(first.dir);
    expect(refused.outcome).toBe('quarantined');
    expect(refused.code).toBe('BUNDLE_UNKNOWN_KEY');
    expect(dbBytesHash(n.bureau)).toBe(before);
    expect(fs.existsSync(path.join(refused.quarantine!.dir, 'reason.json'))).toBe(true);

    const applied = await n.importBundle(first.dir, await n.stationFingerprint());
    expect(applied.outcome).toBe('applied');
    expect(applied.counts!.applied).toBe(first.records);
    expect(fs.existsSync(applied.receiptFile!)).toBe(true);
    const store = path.join(n.bureau.dir, 'files');
    for (const sha of shas) expect(fs.existsSync(path.join(store, sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(true);
    expectMirror(n);

    const receipt = await n.station.ok('sync.receipt.import', { file: applied.receiptFile }, n.station.adminToken);
    expect(receipt.status).toBe('applied');
    let status = await n.station.ok('sync.status', {}, n.station.adminToken);
    if (status.role !== 'station') throw new Error('role');
    expect(status.pendingRecords).toBe(0);
    expect(status.pendingFiles).toBe(0);
    expect(status.outbox.reported).toBe(first.records);

    // Second round: an edit, a deletion and a new scan; files the bureau holds are not sent again.
    const cur = await n.station.ok('catalogue.get', { id: items[0]!.id }, n.station.adminToken);
    await n.station.ok(
      'catalogue.update',
      { id: cur.id, expectedVersion: cur.version, title: '改过的题名', persons: [] },
      n.station.adminToken,
    );
    await n.station.ok('catalogue.delete', { id: items[1]!.id, reason: '重复登记' }, n.station.adminToken);
    n.addPage(items[2]!.id, noise(50_000, 3));
    const second = await n.exportBundle();
    expect(second.seq).toBe(2);
    expect(second.files).toBe(1);
    expect(second.records).toBe(3);
    const r2 = await n.importBundle(second.dir);
    expect(r2.outcome).toBe('applied');
    expect(r2.counts).toEqual({ applied: 3, duplicate: 0, conflict: 0, rejected: 0 });
    expectMirror(n);
    const tomb = n.bureau.core.ctx.sqlite
      .prepare('SELECT deleted FROM station_records WHERE entity_id = ?')
      .pluck()
      .get(items[1]!.id);
    expect(tomb).toBe(1);
    await n.station.ok('sync.receipt.import', { file: n.receiptOf(r2) }, n.station.adminToken);
    status = await n.station.ok('sync.status', {}, n.station.adminToken);
    if (status.role !== 'station') throw new Error('role');
    expect(status.pendingRecords).toBe(0);
    expect(status.ackedBundleSeq).toBe(2);

    // Third round chains on the second.
    await n.addItems(2, '第三轮');
    const third = await n.exportBundle();
    const info = fs.readFileSync(path.join(third.dir, 'bag-info.txt'), 'utf8');
    expect(info).toContain(`Prev-Bundle-Id: ${second.bundleId}`);
    expect((await n.importBundle(third.dir)).outcome).toBe('applied');
    expectMirror(n);

    const bureauStatus = await n.bureau.ok('sync.status', {}, n.bureau.adminToken);
    if (bureauStatus.role !== 'bureau') throw new Error('role');
    expect(bureauStatus.stations[0]).toMatchObject({ stationId: 'BG01', lastSeq: 3, openConflicts: 0 });
  });

  it('re-importing a bundle changes nothing and rewrites a byte-identical receipt', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    const items = await n.addItems(3);
    n.addPage(items[0]!.id, noise(30_000, 9));
    const b = await n.exportBundle();
    const r = await n.importBundle(b.dir, await n.stationFingerprint());
    const json = fs.readFileSync(r.receiptFile!);
    const sig = fs.readFileSync(r.receiptFile!.replace(/\.json$/, '.sig'));
    fs.rmSync(path.join(n.stick, 'receipts'), { recursive: true });
    const before = dbBytesHash(n.bureau);
    n.bureau.clock.advance(60_000);
    const again = await n.importBundle(b.dir);
    expect(again.outcome).toBe('duplicate');
    expect(dbBytesHash(n.bureau)).toBe(before);
    expect(fs.readFileSync(again.receiptFile!).equals(json)).toBe(true);
    expect(fs.readFileSync(again.receiptFile!.replace(/\.json$/, '.sig')).equals(sig)).toBe(true);
    // The station reads the same receipt twice: the second read changes nothing.
    await n.station.ok('sync.receipt.import', { file: again.receiptFile }, n.station.adminToken);
    const stationBefore = dbBytesHash(n.station);
    const second = await n.station.ok('sync.receipt.import', { file: again.receiptFile }, n.station.adminToken);
    expect(second.status).toBe('already');
    expect(dbBytesHash(n.station)).toBe(stationBefore);
  });

  it('a receipt with a bad signature is refused and changes nothing at the station', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    await n.addItems(2);
    const r = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
    const file = r.receiptFile!;
    const forged = tempDir('dangan-forged-');
    const copy = path.join(forged, path.basename(file));
    fs.writeFileSync(copy, fs.readFileSync(file, 'utf8').replace('"applied":2', '"applied":3'));
    fs.copyFileSync(file.replace(/\.json$/, '.sig'), copy.replace(/\.json$/, '.sig'));
    const before = dbBytesHash(n.station);
    const bad = await n.station.call('sync.receipt.import', { file: copy }, n.station.adminToken);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('RECEIPT_INVALID');
    fs.rmSync(copy.replace(/\.json$/, '.sig'));
    const unsigned = await n.station.call('sync.receipt.import', { file: copy }, n.station.adminToken);
    expect(!unsigned.ok && unsigned.error.code).toBe('RECEIPT_INVALID');
    expect(dbBytesHash(n.station)).toBe(before);
    execFileSync('rm', ['-rf', forged]);
  });
});
