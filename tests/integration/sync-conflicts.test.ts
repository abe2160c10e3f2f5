/**
 * Conflict resolution at the bureau: keep ours / take theirs / keep both, each one
 * transaction with its audit entry and change-log row; bad input changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { recordChange } from '../../electron/core/kernel/changelog';
import { inTransaction } from '../../electron/core/kernel/tx';
import { conflictingEdit, dbBytesHash, makeSyncNodes, type SyncNodes } from '../helpers/sync-nodes';
import { userToken } from '../helpers/test-core';

let nodes: SyncNodes | undefined;
afterEach(async () => {
  await nodes?.close();
  nodes = undefined;
});

/**
 * A station whose item A went to the bureau at version 1, then A's state changed without a new
 * version (what a database restored from a backup and edited again sends): a real conflict.
 */
async function withConflict() {
  nodes = await makeSyncNodes();
  const n = nodes;
  const { itemId, second: r2 } = await conflictingEdit(n, '恢复后另改的题名');
  expect(r2.counts).toMatchObject({ conflict: 1 });
  const [c] = await n.bureau.ok('sync.conflicts.list', {}, n.bureau.adminToken);
  expect(c).toMatchObject({ entity: 'item', entityId: itemId, oursVersion: 1, theirsVersion: 1 });
  return { n, c: c!, itemId };
}

const heldTitle = (n: SyncNodes, id: string): unknown => {
  const row = n.bureau.core.ctx.sqlite
    .prepare("SELECT fields FROM station_records WHERE entity = 'item' AND entity_id = ?")
    .pluck()
    .get(id) as string;
  return (JSON.parse(row) as { fields: { title: string } }).fields.title;
};

const auditCount = (n: SyncNodes) =>
  n.bureau.core.ctx.sqlite
    .prepare("SELECT count(*) FROM audit_log WHERE action = 'sync.conflict.resolve'")
    .pluck()
    .get() as number;

describe('sync.conflicts.resolve', () => {
  it('shows both copies, and "theirs" replaces the held copy with the station version', async () => {
    const { n, c, itemId } = await withConflict();
    const d = await n.bureau.ok('sync.conflicts.get', { id: c.id }, n.bureau.adminToken);
    expect(d.ours?.fields.title).toBe('文件1');
    expect(d.theirs.fields.title).toBe('恢复后另改的题名');
    expect(d.oursCurrent).toBe(true);
    const logBefore = n.bureau.count('change_log');
    const r = await n.bureau.ok(
      'sync.conflicts.resolve',
      { id: c.id, action: 'theirs', note: '与派出所核实' },
      n.bureau.adminToken,
    );
    expect(r).toMatchObject({ id: c.id, action: 'theirs', variantId: null });
    expect(heldTitle(n, itemId)).toBe('恢复后另改的题名');
    expect(await n.bureau.ok('sync.conflicts.list', {}, n.bureau.adminToken)).toEqual([]);
    expect(n.bureau.count('change_log')).toBe(logBefore + 1);
    expect(auditCount(n)).toBe(1);
    const audit = await n.bureau.ok('audit.verify', {}, n.bureau.adminToken);
    expect(audit.ok).toBe(true);
    const s = await n.bureau.ok('sync.status', {}, n.bureau.adminToken);
    if (s.role !== 'bureau') throw new Error('role');
    expect(s.stations[0]!.openConflicts).toBe(0);

    // The same state again is now a duplicate, and a later edit applies as newer.
    await n.station.ok(
      'catalogue.update',
      { id: itemId, expectedVersion: 1, title: '第二版题名', persons: [] },
      n.station.adminToken,
    );
    const r3 = await n.importBundle((await n.exportBundle()).dir);
    expect(r3.counts).toMatchObject({ conflict: 0, rejected: 0 });
    expect(heldTitle(n, itemId)).toBe('第二版题名');
  });

  it('"ours" keeps the bureau copy; "both" keeps the incoming copy beside it, marked', async () => {
    const { n, c, itemId } = await withConflict();
    await n.bureau.ok('sync.conflicts.resolve', { id: c.id, action: 'ours' }, n.bureau.adminToken);
    expect(heldTitle(n, itemId)).toBe('文件1');
    const again = await n.bureau.call('sync.conflicts.resolve', { id: c.id, action: 'both' }, n.bureau.adminToken);
    expect(again.ok ? null : again.error.code).toBe('CONFLICT_RESOLVED');

    // Another reused version: keep both.
    const ctx = n.station.core.ctx;
    inTransaction(ctx, () => {
      ctx.sqlite.prepare('UPDATE items SET title = ? WHERE id = ?').run('第三种题名', itemId);
      recordChange(ctx, 'item', itemId, 1, 'update');
    });
    await n.importBundle((await n.exportBundle()).dir);
    const [c2] = await n.bureau.ok('sync.conflicts.list', {}, n.bureau.adminToken);
    const r = await n.bureau.ok('sync.conflicts.resolve', { id: c2!.id, action: 'both' }, n.bureau.adminToken);
    expect(r.variantId).toBe(`${itemId}~${c2!.id}`);
    expect(heldTitle(n, itemId)).toBe('文件1');
    expect(heldTitle(n, r.variantId!)).toBe('第三种题名');
    const page = await n.bureau.ok('sync.stations.records', { stationId: n.stationId }, n.bureau.adminToken);
    expect(page.rows.find((x) => x.entityId === itemId)).toMatchObject({ hasVariant: true, variantOf: null });
    expect(page.rows.find((x) => x.entityId === r.variantId)).toMatchObject({
      variantOf: itemId,
      title: '第三种题名',
    });
    expect(auditCount(n)).toBe(2);
  });

  it('refuses bad input, unknown ids, the wrong permission and an outdated "theirs" without changing anything', async () => {
    const { n, c, itemId } = await withConflict();
    const before = dbBytesHash(n.bureau);
    const bad = await n.bureau.call('sync.conflicts.resolve', { id: c.id, action: 'mine' }, n.bureau.adminToken);
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION_FAILED');
    const missing = await n.bureau.call('sync.conflicts.resolve', { id: 'nope', action: 'ours' }, n.bureau.adminToken);
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    expect(dbBytesHash(n.bureau)).toBe(before);
    const clerk = await userToken(n.bureau, 'clerk1', 'clerk', 2);
    const before2 = dbBytesHash(n.bureau);
    const denied = await n.bureau.call('sync.conflicts.resolve', { id: c.id, action: 'ours' }, clerk);
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
    expect(dbBytesHash(n.bureau)).toBe(before2);

    // The station sends a newer version: the held copy moves on, the old incoming copy is outdated.
    await n.station.ok(
      'catalogue.update',
      { id: itemId, expectedVersion: 1, title: '更新的题名', persons: [] },
      n.station.adminToken,
    );
    await n.importBundle((await n.exportBundle()).dir);
    const held = dbBytesHash(n.bureau);
    const outdated = await n.bureau.call('sync.conflicts.resolve', { id: c.id, action: 'theirs' }, n.bureau.adminToken);
    expect(outdated.ok ? null : outdated.error.code).toBe('CONFLICT_OUTDATED');
    expect(dbBytesHash(n.bureau)).toBe(held);
    expect(heldTitle(n, itemId)).toBe('更新的题名');
    const station = await n.station.call('sync.conflicts.resolve', { id: c.id, action: 'ours' }, n.station.adminToken);
    expect(station.ok ? null : station.error.code).toBe('SYNC_WRONG_ROLE');
  });

  it('shows who signed a bundle before import: unknown first, trusted once accepted', async () => {
    nodes = await makeSyncNodes();
    const n = nodes;
    await n.addItems(1);
    const b = await n.exportBundle();
    const fp = await n.stationFingerprint();
    const v = await n.bureau.ok('sync.bundle.inspect', { dir: b.dir }, n.bureau.adminToken);
    expect(v).toMatchObject({ stationId: n.stationId, seq: 1, signerStatus: 'unknown', problem: null });
    expect(v.signer?.fingerprint).toBe(fp);
    await n.importBundle(b.dir, fp);
    const v2 = await n.bureau.ok('sync.bundle.inspect', { dir: b.dir }, n.bureau.adminToken);
    expect(v2.signerStatus).toBe('trusted');
  });
});
