/**
 * A county bureau after two stations' bundles (issue 20, the bureau's 工作台), built through the
 * contract as the integration tests build nodes: 北港派出所 (BG01) files three items in 2025 and one
 * in 2024 dated back, a 案卷, two scanned pages, and lends two records (one due 2026-01-03: overdue on
 * the test day, 2026-01-05); 南湖派出所 (BG02) files two items dated back to mid-2025, deletes one,
 * and keeps a room log on two days. Each sends one bundle; the bureau applies both.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BundleImportResult } from '../../electron/contract/sync';
import { makeNode, makeSyncNodes, type SyncNodes } from './sync-nodes';
import { categoryId, type TestCore, tempDir, userToken } from './test-core';

export interface TwoStations {
  nodes: SyncNodes;
  /** The second station. */
  b: TestCore;
  imported: { BG01: BundleImportResult; BG02: BundleImportResult };
  /** The second station's stick (the first one's is nodes.stick). */
  stickB: string;
  close(): Promise<void>;
}

async function lend(t: TestCore, itemIds: string[], fromDate: string, dueDate: string, clerk: string) {
  const l = await t.ok(
    'lending.create',
    { borrowerKind: 'officer', borrowerName: '王警官', purpose: '工作查考', way: '阅览', fromDate, dueDate, itemIds },
    clerk,
  );
  await t.ok('lending.decide', { id: l.id, decision: 'approved', password: 'Adm1n-Passw0rd' }, t.adminToken);
  for (const itemId of itemIds) await t.ok('lending.handOut', { itemId }, clerk);
}

export async function twoStationsSent(): Promise<TwoStations> {
  const nodes = await makeSyncNodes('BG01');
  const b = await makeNode('station', '南湖派出所', 'J002');
  const stickB = tempDir('dangan-stick-b-');
  await nodes.bureau.ok(
    'sync.stations.add',
    { stationId: 'BG02', name: '南湖派出所', outDir: stickB },
    nodes.bureau.adminToken,
  );
  await b.ok('sync.enroll', { dir: path.join(stickB, 'DGE-BG02') }, b.adminToken);

  const a = nodes.station;
  const items = await nodes.addItems(4, '北港文件');
  const jt = await categoryId(a, 'ZY·JT');
  await a.ok('volumes.create', { categoryId: jt, year: 2025, title: '交通事故案卷' }, a.adminToken);
  nodes.addPage(items[0]!.id, Buffer.from('page one'));
  nodes.addPage(items[0]!.id, Buffer.from('page two'));
  const db = a.core.ctx.sqlite;
  // Filed over time: one item in March 2024, one in May 2025, the rest on the test day.
  db.prepare(`UPDATE items SET created_at = '2024-03-10T02:00:00.000Z' WHERE id = ?`).run(items[1]!.id);
  db.prepare(`UPDATE items SET created_at = '2025-05-10T02:00:00.000Z' WHERE id = ?`).run(items[2]!.id);
  const clerk = await userToken(a, 'clerk1', 'clerk', 1);
  await lend(a, [items[0]!.id], '2026-01-01', '2026-01-03', clerk);
  await lend(a, [items[3]!.id], '2026-01-05', '2026-01-20', clerk);

  const ws = await categoryId(b, 'WS');
  const made: string[] = [];
  for (const title of ['南湖文件一', '南湖文件二'])
    made.push((await b.ok('catalogue.create', { categoryId: ws, year: 2025, title }, b.adminToken)).id);
  await b.ok('catalogue.delete', { id: made[1]!, reason: '著录错误' }, b.adminToken);
  b.core.ctx.sqlite.prepare(`UPDATE items SET created_at = '2025-06-15T02:00:00.000Z'`).run();
  const room = (await b.ok('env.rooms.save', { code: 'KF01', name: '一号库房' }, b.adminToken)).id;
  for (const takenAt of ['2026-01-02 09:00', '2026-01-04 09:00'])
    await b.ok('env.readings.add', { roomId: room, takenAt, temperature: 20, humidity: 50 }, b.adminToken);

  const BG01 = await nodes.importBundle((await nodes.exportBundle()).dir, await nodes.stationFingerprint());
  const eb = await b.ok('sync.bundle.export', { outDir: stickB }, b.adminToken);
  const fpB = (await b.ok('sync.keys.get', {}, b.adminToken)).sign!.fingerprint;
  nodes.bureau.clock.advance(60_000); // BG02's bundle arrives a minute later: the county's last bundle
  const BG02 = await nodes.bureau.ok('sync.bundle.import', { dir: eb.dir, acceptKey: fpB }, nodes.bureau.adminToken);
  for (const r of [BG01, BG02]) if (r.outcome !== 'applied') throw new Error(r.message);
  return {
    nodes,
    b,
    imported: { BG01, BG02 },
    stickB,
    close: async () => {
      await b.close();
      execFileSync('chmod', ['-R', 'u+w', stickB]);
      fs.rmSync(stickB, { recursive: true, force: true });
      await nodes.close();
    },
  };
}
