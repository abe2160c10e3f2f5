/**
 * At the county bureau: every station's records are searchable (two-character names
 * included) with the station as a filter and a facet, and counted per station and for
 * the county (bureau.stats). Two stations' bundles are imported with real crypto.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../electron/contract/search';
import { recordChange } from '../../electron/core/kernel/changelog';
import { inTransaction } from '../../electron/core/kernel/tx';
import { rebuildIndex } from '../../electron/core/search/reindex';
import { makeNode, makeSyncNodes, noise, type SyncNodes } from '../helpers/sync-nodes';
import { categoryId, type TestCore } from '../helpers/test-core';

let nodes: SyncNodes | undefined;
let second: TestCore | undefined;
afterEach(async () => {
  await nodes?.close();
  await second?.close();
  nodes = second = undefined;
});

async function item(t: TestCore, ws: string, title: string, names: string[], extra: Record<string, unknown> = {}) {
  return t.ok(
    'catalogue.create',
    { categoryId: ws, year: 2021, title, persons: names.map((name) => ({ name })), pageCount: 3, ...extra },
    t.adminToken,
  );
}

/** Exports a station's bundle and imports it at the bureau, accepting the station key on first sight. */
async function ship(bureau: TestCore, station: TestCore, stick: string): Promise<void> {
  const out = await station.ok('sync.bundle.export', { outDir: stick }, station.adminToken);
  const fp = (await station.ok('sync.keys.get', {}, station.adminToken)).sign!.fingerprint;
  const r = await bureau.ok('sync.bundle.import', { dir: out.dir, acceptKey: fp }, bureau.adminToken);
  expect(r.outcome).toBe('applied');
  await station.ok('sync.receipt.import', { file: r.receiptFile }, station.adminToken);
}

const search = (t: TestCore, q: string, filters: Record<string, unknown> = {}) =>
  t.ok('search.query', { q, filters }, t.adminToken) as Promise<SearchResult>;
const facet = (r: SearchResult) => Object.fromEntries((r.facets?.stations ?? []).map((f) => [f.stationId, f.count]));

describe('bureau: across stations', () => {
  it('finds a name only one station has, with its station; facets count per station; the filter narrows', async () => {
    nodes = await makeSyncNodes('BG01');
    const n = nodes;
    const { bureau } = n;
    second = await makeNode('station', '南港派出所', 'J002');
    await bureau.ok('sync.stations.add', { stationId: 'BG02', name: '南港派出所', outDir: n.stick }, bureau.adminToken);
    await second.ok('sync.enroll', { dir: path.join(n.stick, 'DGE-BG02') }, second.adminToken);
    const ws2 = await categoryId(second, 'WS');

    const only = await item(n.station, n.ws, '户口迁移审批表', ['王芳']);
    await item(n.station, n.ws, '户口迁移证明', ['李强']);
    await item(n.station, n.ws, '暂住登记', ['赵四'], { year: 2019, retention: 'D10' });
    n.addPage(only.id, noise(50_000, 7));
    await item(second, ws2, '户口迁移登记', ['张伟']);
    await item(second, ws2, '居住证申领', ['刘洋']);
    // The bureau's own catalogue is searched too, as '' (本局).
    await item(bureau, await categoryId(bureau, 'WS'), '户口迁移工作通知', []);

    await ship(bureau, n.station, n.stick);
    await ship(bureau, second, n.stick);

    const fang = await search(bureau, '王芳');
    expect(fang.total).toBe(1);
    expect(fang.hits[0]!.station).toEqual({ id: 'BG01', name: '北港派出所' });
    expect(fang.hits[0]!.id).toBe(only.id);
    expect(fang.hits[0]!.title).toBe('户口迁移审批表');
    expect(fang.hits[0]!.categoryName).toBe('文书');
    expect(facet(fang)).toEqual({ BG01: 1 });
    // By pinyin initials too, like the bureau's own items.
    expect((await search(bureau, 'wf')).hits.map((h) => h.station?.id)).toContain('BG01');

    const move = await search(bureau, '户口迁移');
    expect(move.total).toBe(4);
    expect(facet(move)).toEqual({ BG01: 2, BG02: 1, '': 1 });
    expect(move.facets!.stations.find((f) => f.stationId === '')!.name).toBe('本局');

    const narrowed = await search(bureau, '户口迁移', { stationIds: ['BG02'] });
    expect(narrowed.total).toBe(1);
    expect(narrowed.hits[0]!.station?.id).toBe('BG02');
    expect(narrowed.hits[0]!.personNames).toContain('张伟');
    expect(facet(narrowed)).toEqual({ BG01: 2, BG02: 1, '': 1 }); // facets ignore the station filter
    expect((await search(bureau, '户口迁移', { stationIds: [''] })).total).toBe(1);
    // 门类 filters reach station records through the bureau's scheme (by full code).
    const wsOnly = await search(bureau, '户口迁移', {
      categoryIds: [await categoryId(bureau, 'WS')],
      stationIds: ['BG01'],
    });
    expect(wsOnly.total).toBe(2);

    // A deletion at the station reaches the bureau's index with the next bundle.
    await n.station.ok('catalogue.delete', { id: only.id, reason: '重复' }, n.station.adminToken);
    await ship(bureau, n.station, n.stick);
    expect((await search(bureau, '王芳')).total).toBe(0);
    expect((await search(bureau, '王芳', { status: 'deleted' })).total).toBe(1);

    // A rebuilt index holds the same documents.
    await rebuildIndex(bureau.core.ctx);
    expect(facet(await search(bureau, '户口迁移'))).toEqual({ BG01: 1, BG02: 1, '': 1 });

    // A station has no station facet, and ignores the station filter.
    const local = await search(n.station, '户口迁移', { stationIds: ['BG02'] });
    expect(local.facets).toBeUndefined();
    expect(local.total).toBe(1);
  });

  it('bureau.stats counts per station and for the county', async () => {
    nodes = await makeSyncNodes('BG01');
    const n = nodes;
    const { bureau } = n;
    second = await makeNode('station', '南港派出所', 'J002');
    await bureau.ok('sync.stations.add', { stationId: 'BG02', name: '南港派出所', outDir: n.stick }, bureau.adminToken);
    await second.ok('sync.enroll', { dir: path.join(n.stick, 'DGE-BG02') }, second.adminToken);
    const ws2 = await categoryId(second, 'WS');
    const a = await item(n.station, n.ws, '甲', []);
    await item(n.station, n.ws, '乙', [], { year: 2019, retention: 'D10' });
    const gone = await item(n.station, n.ws, '丙', []);
    await n.station.ok('catalogue.delete', { id: gone.id, reason: '错录' }, n.station.adminToken);
    n.addPage(a.id, noise(10_000, 1));
    n.addPage(a.id, noise(20_000, 2));
    await item(second, ws2, '丁', [], { pageCount: 10 });
    await ship(bureau, n.station, n.stick);
    await ship(bureau, second, n.stick);

    const s = await bureau.ok('bureau.stats', {}, bureau.adminToken);
    expect(s.stations.map((x) => x.stationId)).toEqual(['BG01', 'BG02']);
    const bg01 = s.stations[0]!;
    expect(bg01.items).toBe(2);
    expect(bg01.deletedItems).toBe(1);
    expect(bg01.pages).toBe(6);
    expect(bg01.scannedPages).toBe(2);
    expect(bg01.scanFiles).toBe(2);
    expect(bg01.scanBytes).toBe(30_000);
    expect(bg01.openConflicts).toBe(0);
    expect(bg01.lastSeq).toBe(1);
    expect(bg01.lastBundleAt).not.toBeNull();
    expect(bg01.byCategory).toEqual([{ key: 'WS', label: '文书', items: 2, pages: 6 }]);
    expect(bg01.byYear.map((y) => [y.key, y.items])).toEqual([
      [2019, 1],
      [2021, 1],
    ]);
    expect(bg01.byRetention.map((r) => [r.key, r.label, r.items])).toEqual(
      expect.arrayContaining([['D10', '定期10年', 1]]),
    );
    expect(s.county.stations).toBe(2);
    expect(s.county.items).toBe(3);
    expect(s.county.pages).toBe(16);
    expect(s.county.byCategory).toEqual([{ key: 'WS', label: '文书', items: 3, pages: 16 }]);

    const one = await bureau.ok('bureau.stats', { stationId: 'BG02', yearFrom: 2020 }, bureau.adminToken);
    expect(one.stations).toHaveLength(1);
    expect(one.county.items).toBe(1);
    const bad = await bureau.call('bureau.stats', { stationId: 'NOPE' }, bureau.adminToken);
    expect(bad.ok ? null : bad.error.code).toBe('STATION_UNKNOWN');
    const atStation = await n.station.call('bureau.stats', {}, n.station.adminToken);
    expect(atStation.ok ? null : atStation.error.code).toBe('SYNC_WRONG_ROLE');
  });

  it('a resolved conflict reaches the index: "theirs" replaces the held text, "both" adds the kept copy', async () => {
    nodes = await makeSyncNodes('BG01');
    const n = nodes;
    const [a, b] = await n.addItems(2, '原题名');
    const r1 = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
    await n.station.ok('sync.receipt.import', { file: r1.receiptFile }, n.station.adminToken);
    // A restored station edits again without new versions: two conflicts.
    const ctx = n.station.core.ctx;
    inTransaction(ctx, () => {
      ctx.sqlite.prepare('UPDATE items SET title = ? WHERE id = ?').run('甲改后题名', a!.id);
      ctx.sqlite.prepare('UPDATE items SET title = ? WHERE id = ?').run('乙改后题名', b!.id);
      recordChange(ctx, 'item', a!.id, 1, 'update');
      recordChange(ctx, 'item', b!.id, 1, 'update');
    });
    await n.importBundle((await n.exportBundle()).dir);
    const conflicts = await n.bureau.ok('sync.conflicts.list', {}, n.bureau.adminToken);
    const of = (id: string) => conflicts.find((c) => c.entityId === id)!.id;
    expect((await search(n.bureau, '改后题名')).total).toBe(0); // a conflict is never applied silently

    await n.bureau.ok('sync.conflicts.resolve', { id: of(a!.id), action: 'theirs' }, n.bureau.adminToken);
    const theirs = await search(n.bureau, '甲改后题名');
    expect(theirs.hits.map((h) => h.id)).toEqual([a!.id]);
    expect((await search(n.bureau, '原题名')).hits.map((h) => h.id)).not.toContain(a!.id);

    await n.bureau.ok('sync.conflicts.resolve', { id: of(b!.id), action: 'both' }, n.bureau.adminToken);
    const both = await search(n.bureau, '乙改后题名');
    expect(both.total).toBe(1);
    expect(both.hits[0]!.id).toBe(`${b!.id}~${of(b!.id)}`);
    expect((await search(n.bureau, '原题名')).hits.map((h) => h.id)).toContain(b!.id);
  });
});
