/**
 * 库位 (issue 18): the place tree's levels, CRUD and one-go 密集架 generation, moving boxes and
 * loose volumes (one audit row each call, history through moveTo), a record's whereabouts, and
 * the place filter of the grid and of search — through dispatch on a real SQLite file. Boxes
 * are fixture rows written with drizzle (boxing is another slice's work).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boxContents, boxes } from '../../db/schema';
import type { PlaceNode } from '../../electron/contract/places';
import { categoryId, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
let room: PlaceNode;
let zone: PlaceNode;
beforeEach(async () => {
  t = await makeTestCore();
  room = await t.ok('places.save', { code: 'A', name: 'A库房' }, t.adminToken);
  zone = await t.ok('places.save', { parentId: room.id, code: 'A1', name: '一区' }, t.adminToken);
});
afterEach(() => t?.close());

const rows = () => ({ audit: t.count('audit_log'), changes: t.count('change_log'), places: t.count('places') });
const tree = async () => (await t.ok('places.tree', {}, t.adminToken)).places;
const byCode = async (code: string) => (await tree()).find((p) => p.code === code)!;

/** A box row of the fixture (boxing proper is another slice), holding the given items. */
function fixtureBox(code: string, itemIds: string[] = [], volumeIds: string[] = []): string {
  const id = t.core.ctx.ids();
  const now = t.core.ctx.nowIso();
  const o = t.core.ctx.orm;
  o.insert(boxes)
    .values({
      id,
      nodeId: 'n',
      code,
      fondsCode: 'J001',
      categoryId: 'c',
      categoryCode: 'WS',
      year: 2024,
      retention: 'Y',
      boxNo: Number(code.replace(/\D/g, '')) || 1,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  let pos = 0;
  for (const e of itemIds)
    o.insert(boxContents).values({ entity: 'item', entityId: e, boxId: id, position: pos++ }).run();
  for (const e of volumeIds)
    o.insert(boxContents).values({ entity: 'volume', entityId: e, boxId: id, position: pos++ }).run();
  return id;
}

describe('levels', () => {
  it('default to 库房/区/密集架/节/层, change in meta, and never drop below the deepest place', async () => {
    expect(await t.ok('places.levels.get', {}, t.adminToken)).toEqual({
      names: ['库房', '区', '密集架', '节', '层'],
      depth: 5,
    });
    const set = await t.ok('places.levels.set', { names: ['库房', '区', '柜'] }, t.adminToken);
    expect(set.depth).toBe(3);
    expect((await byCode('A1')).level).toBe('区');
    const clerk = await userToken(t, 'clerk1', 'clerk', 0);
    const before = rows();
    expect(await t.call('places.levels.set', { names: ['库房'] }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'PLACE_TOO_DEEP' },
    });
    expect(await t.call('places.levels.set', { names: [] }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: '至少需要一个层级' },
    });
    expect(
      await t.call('places.levels.set', { names: ['1', '2', '3', '4', '5', '6', '7'] }, t.adminToken),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: '层级最多 6 级' } });
    expect(await t.call('places.levels.set', { names: ['库房', '区'] }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(rows()).toEqual(before);
  });
});

describe('places', () => {
  it('are created, renamed and moved with paths and depths kept; clashes and bad parents refused', async () => {
    expect(zone).toMatchObject({ depth: 1, level: '区', path: 'A库房 / 一区', code: 'A1' });
    const b = await t.ok('places.save', { code: 'B', name: 'B库房' }, t.adminToken);
    const before = rows();
    expect(await t.call('places.save', { code: 'A1', name: '重复' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_PLACE_CODE', message: '库位编码 A1 已用于“A库房 / 一区”' },
    });
    expect(await t.call('places.save', { code: '甲1', name: '中文编码' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(
      await t.call('places.save', { id: room.id, parentId: zone.id, code: 'A', name: 'A库房' }, t.adminToken),
    ).toMatchObject({ ok: false, error: { code: 'PLACE_BAD_PARENT' } });
    expect(
      await t.call(
        'places.save',
        { parentId: '0190eeee-0000-7000-8000-000000000000', code: 'X', name: 'x' },
        t.adminToken,
      ),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '上级库位不存在或已删除' } });
    expect(rows()).toEqual(before);

    // Rename, then move 一区 (with a child) under B库房: depths and paths follow.
    const shelf = await t.ok('places.save', { parentId: zone.id, code: 'A1-S', name: '1号架' }, t.adminToken);
    const renamed = await t.ok(
      'places.save',
      { id: zone.id, parentId: room.id, code: 'A1', name: '第一区', expectedVersion: zone.version },
      t.adminToken,
    );
    expect(renamed).toMatchObject({ name: '第一区', version: 2 });
    // An update that leaves out the parent keeps the place where it is.
    expect(await t.ok('places.save', { id: zone.id, code: 'A1', name: '一区' }, t.adminToken)).toMatchObject({
      parentId: room.id,
      depth: 1,
    });
    await t.ok('places.save', { id: zone.id, parentId: b.id, code: 'A1', name: '第一区' }, t.adminToken);
    expect(await byCode('A1-S')).toMatchObject({ depth: 2, path: 'B库房 / 第一区 / 1号架', id: shelf.id });
    // The deepest level cannot take a child.
    await t.ok('places.levels.set', { names: ['库房', '区', '架'] }, t.adminToken);
    expect(await t.call('places.save', { parentId: shelf.id, code: 'Z9', name: '太深' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'PLACE_TOO_DEEP' },
    });
  });

  it('generate a 密集架 in one transaction with names and codes by segment, bounded', async () => {
    const before = rows();
    const g = await t.ok(
      'places.generate',
      { parentId: zone.id, columns: 2, sections: 3, shelves: 4, capacity: 8 },
      t.adminToken,
    );
    expect(g.created).toBe(2 * (1 + 3 * (1 + 4)));
    expect(rows()).toEqual({
      audit: before.audit + 1,
      changes: before.changes + g.created,
      places: before.places + g.created,
    });
    expect(await byCode('A1-02-03-04')).toMatchObject({
      name: '第4层',
      level: '层',
      depth: 4,
      capacity: 8,
      path: 'A库房 / 一区 / 第2列 / 第3节 / 第4层',
    });
    // A second call continues the numbering; a clash refuses the whole batch.
    const g2 = await t.ok('places.generate', { parentId: zone.id, columns: 1, sections: 1, shelves: 1 }, t.adminToken);
    expect((await tree()).find((p) => p.id === g2.columnIds[0])).toMatchObject({ code: 'A1-03', name: '第3列' });
    await t.ok('places.save', { parentId: room.id, code: 'A1-04', name: '占用' }, t.adminToken);
    const mid = rows();
    expect(
      await t.call('places.generate', { parentId: zone.id, columns: 1, sections: 1, shelves: 1 }, t.adminToken),
    ).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_PLACE_CODE' },
    });
    expect(
      await t.call('places.generate', { parentId: zone.id, columns: 50, sections: 30, shelves: 12 }, t.adminToken),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: '一次最多生成 5000 个库位，请分批生成' },
    });
    expect(
      await t.call('places.generate', { parentId: room.id, columns: 0, sections: 1, shelves: 1 }, t.adminToken),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: '列数至少为 1' },
    });
    // Under a 节 there are not three levels left.
    const sec = await byCode('A1-01-01');
    expect(
      await t.call('places.generate', { parentId: sec.id, columns: 1, sections: 1, shelves: 1 }, t.adminToken),
    ).toMatchObject({
      ok: false,
      error: { code: 'PLACE_TOO_DEEP' },
    });
    expect(rows()).toEqual(mid);
  });

  it('delete only when nothing stands at or under them, and say what does', async () => {
    const shelf = await t.ok('places.save', { parentId: zone.id, code: 'A1-S', name: '1号架' }, t.adminToken);
    const box = fixtureBox('BOX-1');
    await t.ok('places.move', { placeId: shelf.id, boxIds: [box] }, t.adminToken);
    const before = rows();
    expect(await t.call('places.delete', { id: room.id }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'PLACE_NOT_EMPTY', message: '“A库房”及其下级还存放着 1 个档案盒，请先移走再删除' },
    });
    expect(rows()).toEqual(before);
    const b = await t.ok('places.save', { code: 'B', name: 'B库房' }, t.adminToken);
    await t.ok('places.move', { placeId: b.id, boxIds: [box] }, t.adminToken);
    expect(await t.ok('places.delete', { id: room.id }, t.adminToken)).toEqual({ deleted: 3 });
    expect((await tree()).map((p) => p.code)).toEqual(['B']);
    // The code is free again once its place is gone.
    await t.ok('places.save', { code: 'A', name: '新A库房' }, t.adminToken);
    // Nor while an open stock-take counts the range it stands in.
    const c = await t.ok('places.save', { code: 'C', name: 'C库房' }, t.adminToken);
    const shelfC = await t.ok('places.save', { parentId: c.id, code: 'C-1', name: '1号架' }, t.adminToken);
    const count = await t.ok('stocktake.start', { place: 'C', title: '年终盘点' }, t.adminToken);
    const mid = rows();
    expect(await t.call('places.delete', { id: shelfC.id }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'PLACE_IN_STOCKTAKE', message: expect.stringContaining('年终盘点') },
    });
    expect(rows()).toEqual(mid);
    await t.ok('stocktake.cancel', { id: count.id }, t.adminToken);
    expect(await t.ok('places.delete', { id: shelfC.id }, t.adminToken)).toEqual({ deleted: 1 });
  });
});

describe('moves and whereabouts', () => {
  it('move boxes and loose volumes with one audit row, and show place, box and history on each record', async () => {
    const ws = await categoryId(t, 'WS');
    const jt = await categoryId(t, 'ZY·JT');
    const item = await t.ok(
      'catalogue.create',
      { categoryId: ws, year: 2024, orgCode: 'BGS', title: '盒中件' },
      t.adminToken,
    );
    const other = await t.ok(
      'catalogue.create',
      { categoryId: ws, year: 2024, orgCode: 'BGS', title: '未上架件' },
      t.adminToken,
    );
    const vol = await t.ok('volumes.create', { categoryId: jt, year: 2024, title: '散放案卷' }, t.adminToken);
    const inVol = await t.ok(
      'catalogue.create',
      { categoryId: jt, year: 2024, orgCode: '', volumeId: vol.id, title: '卷内件', extra: { accidentNo: 'SG1' } },
      t.adminToken,
    );
    const boxedVol = await t.ok('volumes.create', { categoryId: jt, year: 2024, title: '盒中案卷' }, t.adminToken);
    const box = fixtureBox('BOX-7', [item.id], [boxedVol.id]);
    await t.ok('places.generate', { parentId: zone.id, columns: 1, sections: 1, shelves: 2 }, t.adminToken);
    const s1 = await byCode('A1-01-01-01');
    const s2 = await byCode('A1-01-01-02');

    const before = rows();
    const moved = await t.ok('places.move', { placeId: s1.id, boxIds: [box], volumeIds: [vol.id] }, t.adminToken);
    expect(moved).toEqual({ moved: 2, unchanged: 0 });
    expect(t.count('audit_log')).toBe(before.audit + 1);
    t.clock.advance(60_000);
    await t.ok('places.move', { placeId: s2.id, boxIds: [box] }, t.adminToken);
    // Moving it where it stands changes nothing and writes no audit row.
    const still = rows();
    expect(await t.ok('places.move', { placeId: s2.id, boxIds: [box] }, t.adminToken)).toEqual({
      moved: 0,
      unchanged: 1,
    });
    expect(rows()).toEqual(still);

    const audit = await t.ok('audit.list', { limit: 5 }, t.adminToken);
    expect(audit.rows.find((r) => r.action === 'place.move')?.summary).toBe(
      '移动 1 个档案盒 到 A1-01-01-02 A库房 / 一区 / 第1列 / 第1节 / 第2层（盒 BOX-7：A库房 / 一区 / 第1列 / 第1节 / 第1层）',
    );
    const w = await t.ok('places.whereabouts', { itemId: item.id }, t.adminToken);
    expect(w).toMatchObject({ placeCode: 'A1-01-01-02', box: { id: box, code: 'BOX-7' } });
    expect(w.history.map((h) => [h.what, h.fromPath, h.toPath, h.reason, h.movedByName])).toEqual([
      [
        'BOX-7',
        'A库房 / 一区 / 第1列 / 第1节 / 第1层',
        'A库房 / 一区 / 第1列 / 第1节 / 第2层',
        'move',
        '李管理(admin)',
      ],
      ['BOX-7', null, 'A库房 / 一区 / 第1列 / 第1节 / 第1层', 'move', '李管理(admin)'],
    ]);
    expect(await t.ok('places.whereabouts', { volumeId: boxedVol.id }, t.adminToken)).toMatchObject({
      placeCode: 'A1-01-01-02',
      box: { code: 'BOX-7' },
    });
    const loose = await t.ok('places.whereabouts', { itemId: inVol.id }, t.adminToken);
    expect(loose).toMatchObject({ placeCode: 'A1-01-01-01', box: null });
    expect(loose.history).toHaveLength(1);
    expect(await t.ok('places.whereabouts', { itemId: other.id }, t.adminToken)).toEqual({
      placeId: null,
      placeCode: null,
      placePath: null,
      box: null,
      history: [],
    });
    expect(await t.ok('places.whereabouts', { boxId: box }, t.adminToken)).toMatchObject({ placeCode: 'A1-01-01-02' });

    // Tree counts: here and under.
    expect(await byCode('A1-01-01-02')).toMatchObject({ boxes: 1, volumes: 0 });
    expect(await byCode('A')).toMatchObject({ boxes: 0, boxesUnder: 1, volumesUnder: 1 });
    const held = await t.ok('places.holdings', { placeId: room.id }, t.adminToken);
    expect(held.holdings.map((h) => [h.entity, h.code])).toEqual([
      ['volume', vol.archiveCode],
      ['box', 'BOX-7'],
    ]);

    // Bad input: a boxed volume, an unknown box, nothing to move, no single subject.
    const bad = rows();
    expect(await t.call('places.move', { placeId: s1.id, volumeIds: [boxedVol.id] }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'VOLUME_IN_BOX', message: `案卷 ${boxedVol.archiveCode} 装在档案盒 BOX-7 中，请移动整个档案盒` },
    });
    expect(
      await t.call('places.move', { placeId: s1.id, boxIds: ['0190eeee-0000-7000-8000-000000000000'] }, t.adminToken),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('places.move', { placeId: s1.id }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: '请选择要移动的档案盒或案卷' },
    });
    expect(await t.call('places.whereabouts', { itemId: item.id, boxId: box }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: '请指定一件、一卷或一盒' },
    });
    expect(rows()).toEqual(bad);

    // The grid and search filter by place (the subtree counts), and follow a move at once.
    const grid = async (placeId: string) =>
      (await t.ok('catalogue.query', { placeId, limit: 100 }, t.adminToken)).rows.map((r) => r.title).sort();
    expect(await grid(room.id)).toEqual(['卷内件', '盒中件']);
    expect(await grid(s1.id)).toEqual(['卷内件']);
    expect(await grid(s2.id)).toEqual(['盒中件']);
    expect((await t.ok('catalogue.query', { placeId: room.id, limit: 100 }, t.adminToken)).total).toBe(2);
    await t.ok('places.move', { placeId: s1.id, boxIds: [box] }, t.adminToken);
    expect(await grid(s2.id)).toEqual([]);
    expect((await t.ok('catalogue.query', { placeId: s2.id, limit: 100 }, t.adminToken)).total).toBe(0);
    const found = await t.ok('search.query', { q: '件', filters: { placeId: s1.id } }, t.adminToken);
    expect(found.hits.map((h) => h.title).sort()).toEqual(['卷内件', '盒中件']);
    const all = await t.ok('search.query', { q: '件' }, t.adminToken);
    expect(all.total).toBe(3);
  });

  it('hides a volume above the caller clearance: whereabouts refused alike, holdings without its title', async () => {
    const jt = await categoryId(t, 'ZY·JT');
    const secret = await t.ok(
      'volumes.create',
      { categoryId: jt, year: 2024, title: '秘密案卷', securityLevel: 2 },
      t.adminToken,
    );
    await t.ok('places.move', { placeId: zone.id, volumeIds: [secret.id] }, t.adminToken);
    const low = await userToken(t, 'clerk0', 'clerk', 0);
    expect(await t.call('places.whereabouts', { volumeId: secret.id }, low)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.call('places.move', { placeId: room.id, volumeIds: [secret.id] }, low)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const held = await t.ok('places.holdings', { placeId: zone.id }, low);
    expect(held.holdings[0]).toMatchObject({ code: secret.archiveCode, title: '（密级受限）' });
  });
});
