/**
 * Found by the role × clearance matrix (clearance-matrix.test.ts): the bureau's conflict list
 * showed a conflict on a 秘密 record to a clearance-0 user — its label hidden, but its id and
 * the record's id told; sync.status and bureau.stats counted it. The list and both counts now
 * skip a conflict either copy of which is above the caller's clearance, as the detail refuses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordChange } from '../../electron/core/kernel/changelog';
import { inTransaction } from '../../electron/core/kernel/tx';
import { makeSyncNodes, type SyncNodes } from '../helpers/sync-nodes';
import { userToken } from '../helpers/test-core';

let n: SyncNodes;
let low: string;
let secretItem: string;
let publicItem: string;

beforeAll(async () => {
  n = await makeSyncNodes();
  const as = n.station.adminToken;
  const create = async (title: string, securityLevel: number) =>
    (await n.station.ok('catalogue.create', { categoryId: n.ws, year: 2020, title, securityLevel }, as)).id;
  secretItem = await create('秘密的题名', 2);
  publicItem = await create('公开的题名', 0);
  const first = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
  await n.station.ok('sync.receipt.import', { file: first.receiptFile }, as);
  // Both changed at the station on the version the bureau already holds: a conflict each.
  const ctx = n.station.core.ctx;
  inTransaction(ctx, () => {
    for (const id of [secretItem, publicItem]) {
      ctx.sqlite.prepare("UPDATE items SET title = title || '（改）' WHERE id = ?").run(id);
      recordChange(ctx, 'item', id, 1, 'update');
    }
  });
  await n.importBundle((await n.exportBundle()).dir);
  low = await userToken(n.bureau, 'clerk0', 'clerk', 0);
}, 60_000);

afterAll(async () => {
  await n?.close();
});

/** The open conflicts the caller is told of: sync.status's count, bureau.stats's (station and county). */
const openConflicts = async (token: string) => {
  const status = await n.bureau.ok('sync.status', {}, token);
  if (status.role !== 'bureau') throw new Error('expected the bureau');
  const stats = await n.bureau.ok('bureau.stats', {}, token);
  return [
    status.stations.find((s) => s.stationId === n.stationId)!.openConflicts,
    stats.stations.find((s) => s.stationId === n.stationId)!.openConflicts,
    stats.county.openConflicts,
  ];
};

describe('conflicts on records above the caller’s clearance', () => {
  it('are listed and counted for a caller cleared for them', async () => {
    const all = await n.bureau.ok('sync.conflicts.list', {}, n.bureau.adminToken);
    expect(all.map((c) => c.entityId).sort()).toEqual([secretItem, publicItem].sort());
    expect(await openConflicts(n.bureau.adminToken)).toEqual([2, 2, 2]);
  });

  it('are neither listed nor counted for a caller below them', async () => {
    const seen = await n.bureau.ok('sync.conflicts.list', {}, low);
    expect(seen.map((c) => c.entityId)).toEqual([publicItem]);
    expect(JSON.stringify(seen)).not.toContain(secretItem);
    expect(await openConflicts(low)).toEqual([1, 1, 1]);
  });
});
