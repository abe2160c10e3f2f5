/**
 * The bureau's lists that look up a second table per row (the conflict's held copy, a record's
 * kept-beside variant, a page's scan): each row must find its own match, not any row of the
 * other table (drizzle leaves a one-table select's columns unqualified; see kernel/sql.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { conflictingEdit, makeSyncNodes, noise, type SyncNodes } from '../helpers/sync-nodes';

let n: SyncNodes | null = null;
afterEach(() => {
  n?.close();
  n = null;
});

describe('bureau lists with per-row lookups', () => {
  it('name each conflict by its own record and mark only the record kept beside', async () => {
    n = await makeSyncNodes();
    const { itemId } = await conflictingEdit(n, '站内改过的标题');
    const token = n.bureau.adminToken;
    const [conflict] = await n.bureau.ok('sync.conflicts.list', {}, token);
    // The label is the conflicting item's 档号 and 题名, never another record's (a category's name).
    expect(conflict!.entityId).toBe(itemId);
    expect(conflict!.label).toMatch(/文件1$/);

    await n.bureau.ok('sync.conflicts.resolve', { id: conflict!.id, action: 'both' }, token);
    const page = await n.bureau.ok('sync.stations.records', { stationId: n.stationId, entity: 'item' }, token);
    const marked = page.rows.filter((r) => r.hasVariant).map((r) => r.entityId);
    expect(marked).toEqual([itemId]);
  });

  it('counts a page scan as held only when this station’s file is at the bureau', async () => {
    n = await makeSyncNodes();
    const [a, b] = await n.addItems(2);
    n.addPage(a!.id, noise(20_000, 1));
    n.addPage(b!.id, noise(20_000, 2));
    await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
    const token = n.bureau.adminToken;
    const before = await n.bureau.ok('sync.stations.records', { stationId: n.stationId, entity: 'item' }, token);
    const scans = Object.fromEntries(before.rows.map((r) => [r.entityId, r.scans]));
    expect(scans[a!.id]).toEqual({ pages: 1, held: 1 });
    expect(scans[b!.id]).toEqual({ pages: 1, held: 1 });
    // One file goes missing at the bureau: only its item shows the gap.
    const ctx = n.bureau.core.ctx;
    const sha = ctx.sqlite.prepare('SELECT sha256 FROM station_files ORDER BY sha256 LIMIT 1').pluck().get() as string;
    ctx.sqlite.prepare('DELETE FROM station_files WHERE sha256 = ?').run(sha);
    const after = await n.bureau.ok('sync.stations.records', { stationId: n.stationId, entity: 'item' }, token);
    const held = after.rows.map((r) => r.scans.held).sort();
    expect(held).toEqual([0, 1]);
  });
});
