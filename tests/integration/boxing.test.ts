/**
 * Boxing (装盒, reference §3, issue 18) through dispatch on a real SQLite file: proposals
 * grouped by class, in 件号 order, filled by thickness and count, numbered after the class's
 * last box; gaps and mixed classes reported; confirmation re-checked (stale, already boxed,
 * rules broken, unknown or full place: nothing written), with its audit and place_moves rows;
 * list, detail filtered by 密级, unbox and update.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoxProposal } from '../../electron/contract/boxes';
import { categoryId, makeTestCore, type TestCore, userToken } from '../helpers/test-core';

let t: TestCore;
let ws: string;
beforeEach(async () => {
  t = await makeTestCore();
  ws = await categoryId(t, 'WS');
});
afterEach(() => t?.close());

/** `n` items of WS `year` with `pages` pages each (null: not counted); their ids in 件号 order. */
async function items(n: number, year = 2024, pages: number | null = 30, more: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(
      (
        await t.ok(
          'catalogue.create',
          { categoryId: ws, year, title: `文件${i + 1}`, ...(pages === null ? {} : { pageCount: pages }), ...more },
          t.adminToken,
        )
      ).id,
    );
  return ids;
}
const propose = (input: Record<string, unknown>, token = t.adminToken) => t.ok('boxes.propose', input, token);
/** The confirmation of a proposal as shown. */
const asShown = (p: BoxProposal, extra: Record<string, unknown> = {}) => ({
  entity: p.entity,
  ids: p.boxes.flatMap((b) => b.members.map((m) => m.id)),
  boxes: p.boxes.map((b) => ({ boxNo: b.boxNo, size: b.members.length, thicknessMm: b.thicknessMm })),
  ...extra,
});
const counts = () => ({
  boxes: t.count('boxes'),
  contents: t.count('box_contents'),
  moves: t.count('place_moves'),
  locations: t.count('locations'),
  audit: t.count('audit_log'),
  changes: t.count('change_log'),
});
const sql = <T>(q: string, ...args: unknown[]) => t.core.ctx.sqlite.prepare(q).all(...args) as T[];
/** A place inserted directly: the place tree's screens belong to another part of the issue. */
function place(code: string, capacity: number | null = null): string {
  const id = `place-${code}`;
  const now = '2026-01-01T00:00:00.000Z';
  t.core.ctx.sqlite
    .prepare(
      `INSERT INTO places (id, node_id, parent_id, depth, code, name, position, capacity, created_at, updated_at)
       VALUES (?, 'n', NULL, 0, ?, ?, 0, ?, ?, ?)`,
    )
    .run(id, code, `${code}库房`, capacity, now, now);
  return id;
}

describe('boxes.propose', () => {
  it('fills boxes in 件号 order up to the spine thickness and the count, writing nothing', async () => {
    const ids = await items(12);
    const before = counts();
    // 20 mm × 8 pages/mm = 160 pages: five 30-page items a box.
    const p = await propose({ selection: { itemIds: [...ids].reverse() }, thicknessMm: 20 });
    expect(p).toMatchObject({ entity: 'item', capacity: 160, classes: 1, gaps: [], warnings: [] });
    expect(p.boxes.map((b) => [b.boxNo, b.firstNo, b.lastNo, b.members.length, b.pages])).toEqual([
      [1, 1, 5, 5, 150],
      [2, 6, 10, 5, 150],
      [3, 11, 12, 2, 60],
    ]);
    expect(p.boxes[0]!.code).toBe('J001-WS-2024-Y-H0001');
    expect(p.boxes[0]!.fill).toBeCloseTo(150 / 160, 3);
    // A count limit closes boxes before the thickness does; an uncounted item fills as 10 pages.
    const byCount = await propose({ selection: { itemIds: ids }, maxCount: 4 });
    expect(byCount.boxes.map((b) => b.members.length)).toEqual([4, 4, 4]);
    expect(counts()).toEqual(before);
  });

  it('counts an item without pages as the default and reports mixed classes and gaps', async () => {
    const a = await items(5, 2024, null);
    const b = await items(2, 2023);
    const p = await propose({ selection: { itemIds: [a[0], a[1], a[3], a[4], ...b] } });
    expect(p.classes).toBe(2);
    // 2023 before 2024; a box never spans the gap at 件号 3.
    expect(p.boxes.map((x) => [x.class.year, x.firstNo, x.lastNo, x.pages])).toEqual([
      [2023, 1, 2, 60],
      [2024, 1, 2, 20],
      [2024, 4, 5, 20],
    ]);
    expect(p.gaps).toEqual([{ class: expect.stringContaining('2024 WS'), after: 2, before: 4 }]);
    expect(p.warnings.join('\n')).toMatch(/分属 2 个类别[\s\S]*件号不连续（2 之后是 4）/);
  });

  it('fills by the station’s boxing setting unless the request says otherwise', async () => {
    expect(await t.ok('boxes.settings.get', {}, t.adminToken)).toEqual({
      pagesPerMm: 8,
      recordPages: 10,
      maxCount: 100,
    });
    const ids = await items(4, 2024, null);
    await t.ok('boxes.settings.save', { pagesPerMm: 2, recordPages: 20, maxCount: 50 }, t.adminToken);
    // 20 mm × 2 pages/mm = 40 pages: two uncounted items (20 pages each) a box.
    const p = await propose({ selection: { itemIds: ids }, thicknessMm: 20 });
    expect(p).toMatchObject({ capacity: 40, pagesPerMm: 2, recordPages: 20, maxCount: 50 });
    expect(p.boxes.map((b) => [b.firstNo, b.lastNo, b.pages])).toEqual([
      [1, 2, 40],
      [3, 4, 40],
    ]);
    expect((await propose({ selection: { itemIds: ids }, thicknessMm: 20, pagesPerMm: 4 })).boxes).toHaveLength(1);
    const before = counts();
    const clerk = await userToken(t, 'clerk2', 'clerk', 0);
    expect(await t.call('boxes.settings.save', { pagesPerMm: 9, recordPages: 1, maxCount: 1 }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await t.call('boxes.settings.save', { pagesPerMm: 0, recordPages: 1, maxCount: 1 }, t.adminToken),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('每毫米页数') },
    });
    expect(counts()).toMatchObject({ boxes: before.boxes, contents: before.contents });
    expect(sql("SELECT 1 FROM audit_log WHERE action = 'box.settings'")).toHaveLength(1);
  });

  it('boxes a whole class, leaving out what is boxed and numbering after the last box', async () => {
    const ids = await items(6);
    const first = await propose({ selection: { itemIds: ids.slice(0, 2) } });
    await t.ok('boxes.confirm', asShown(first), t.adminToken);
    const p = await propose({ selection: { class: { categoryId: ws, year: 2024 } } });
    expect(p.alreadyBoxed.map((x) => x.boxCode)).toEqual([first.boxes[0]!.code, first.boxes[0]!.code]);
    expect(p.warnings).toContain('2 件已在盒中，未列入');
    expect(p.boxes.map((b) => [b.boxNo, b.firstNo, b.lastNo])).toEqual([[2, 3, 6]]);
  });
});

describe('boxes.confirm', () => {
  it('creates boxes, contents, one history row per record and one audit row in one go', async () => {
    const ids = await items(7);
    const p = await propose({ selection: { itemIds: ids }, thicknessMm: 20 });
    const before = counts();
    const r = await t.ok('boxes.confirm', asShown(p), t.adminToken);
    expect(r.boxed).toBe(7);
    expect(r.boxes.map((b) => [b.code, b.count, b.firstNo, b.lastNo])).toEqual(
      p.boxes.map((b) => [b.code, b.members.length, b.firstNo, b.lastNo]),
    );
    expect(counts()).toMatchObject({
      boxes: before.boxes + 2,
      contents: before.contents + 7,
      moves: before.moves + 7,
      audit: before.audit + 1,
    });
    expect(counts().changes).toBeGreaterThan(before.changes);
    const moves = sql<{ entity: string; reason: string; to_box_id: string; moved_by_name: string }>(
      'SELECT entity, reason, to_box_id, moved_by_name FROM place_moves ORDER BY rowid',
    );
    expect(new Set(moves.map((m) => `${m.entity}/${m.reason}`))).toEqual(new Set(['item/box']));
    expect(moves.filter((m) => m.to_box_id === r.boxes[0]!.id)).toHaveLength(5);
    const [audit] = sql<{ action: string; summary: string; details: string }>(
      "SELECT action, summary, details FROM audit_log WHERE action = 'box.confirm'",
    );
    expect(audit!.summary).toContain(`${r.boxes[0]!.code}（1–5）`);
    expect(JSON.parse(audit!.details).boxes).toEqual([
      expect.objectContaining({ boxNo: 1, firstNo: 1, lastNo: 5, count: 5 }),
      expect.objectContaining({ boxNo: 2, firstNo: 6, lastNo: 7, count: 2 }),
    ]);
    const detail = await t.ok('boxes.get', { id: r.boxes[1]!.id }, t.adminToken);
    expect(detail).toMatchObject({ firstNo: 6, lastNo: 7, count: 2, hidden: 0, pages: 60 });
    expect(detail.members.map((m) => m.no)).toEqual([6, 7]);
    expect(detail.history.map((h) => h.reason)).toEqual(['装盒', '装盒']);
    const list = await t.ok('boxes.list', { categoryId: ws, year: 2024 }, t.adminToken);
    expect(list.total).toBe(2);
    // The grid's rows carry their 盒号; a row in no box has none.
    const extra = await items(1);
    const grid = await t.ok('catalogue.query', { scope: { categoryId: ws, year: 2024 } }, t.adminToken);
    expect(grid.rows.map((r) => r.boxNo)).toEqual([1, 1, 1, 1, 1, 2, 2, undefined]);
    expect(grid.rows.find((r) => r.id === extra[0])).not.toHaveProperty('boxNo');
  });

  it('refuses a stale proposal: records boxed meanwhile, or the class boxed meanwhile', async () => {
    const ids = await items(6);
    const whole = await propose({ selection: { itemIds: ids } });
    const part = await propose({ selection: { itemIds: ids.slice(0, 2) } });
    const later = await propose({ selection: { itemIds: ids.slice(4) } });
    await t.ok('boxes.confirm', asShown(part), t.adminToken);
    const before = counts();
    const r = await t.call('boxes.confirm', asShown(whole), t.adminToken);
    expect(r).toMatchObject({ ok: false, error: { code: 'BOX_PROPOSAL_STALE' } });
    expect(!r.ok && r.error.message).toMatch(/已装入 .*H0001，装盒方案已过时/);
    // 盒号 1 is taken now: the other proposal's box would be numbered differently from the screen.
    const r2 = await t.call('boxes.confirm', asShown(later), t.adminToken);
    expect(r2).toMatchObject({ ok: false, error: { code: 'BOX_PROPOSAL_STALE' } });
    expect(!r2.ok && r2.error.message).toContain('下一个盒号已是 2');
    expect(counts()).toEqual(before);
  });

  it('refuses an edited proposal that breaks the rules, and bad input, changing nothing', async () => {
    const a = await items(4);
    const b = await items(1, 2023);
    const before = counts();
    const bad = async (input: Record<string, unknown>, code: string, message?: RegExp) => {
      const r = await t.call('boxes.confirm', input, t.adminToken);
      expect(r).toMatchObject({ ok: false, error: { code } });
      if (message && !r.ok) expect(r.error.message).toMatch(message);
    };
    const one = (ids: string[], extra = {}) => ({
      entity: 'item',
      ids,
      boxes: [{ boxNo: 1, size: ids.length, thicknessMm: 30 }],
      ...extra,
    });
    await bad(one([a[0]!, b[0]!]), 'BOX_RULE_BROKEN', /混有不同年度/);
    await bad(one([a[0]!, a[2]!]), 'BOX_RULE_BROKEN', /件号不连续或顺序不对（1 之后是 3）/);
    await bad(one([a[1]!, a[0]!]), 'BOX_RULE_BROKEN', /顺序不对/);
    await bad({ ...one(a), boxes: [{ boxNo: 1, size: 3, thicknessMm: 30 }] }, 'VALIDATION_FAILED', /件数之和/);
    await bad({ ...one(a), boxes: [{ boxNo: 1, size: 4, thicknessMm: 5 }] }, 'VALIDATION_FAILED', /不能小于 10 毫米/);
    await bad(one([a[0]!, a[0]!]), 'VALIDATION_FAILED', /不能装入两次/);
    await bad(one(a, { placeCode: 'NOPE' }), 'BOX_PLACE_UNKNOWN', /没有编码为 NOPE 的库位/);
    await bad(one(['no-such-id']), 'NOT_FOUND');
    const r = await t.call('boxes.propose', { selection: { itemIds: a, volumeIds: a } }, t.adminToken);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('只指定一种') },
    });
    expect(counts()).toEqual(before);
  });

  it('shelves new boxes on a place through moveTo and respects its capacity', async () => {
    const shelf = place('A-01-01', 2);
    const ids = await items(6);
    const p = await propose({ selection: { itemIds: ids }, maxCount: 2 });
    expect(p.boxes).toHaveLength(3);
    const before = counts();
    const full = await t.call('boxes.confirm', asShown(p, { placeCode: 'A-01-01' }), t.adminToken);
    expect(full).toMatchObject({ ok: false, error: { code: 'BOX_PLACE_FULL' } });
    expect(counts()).toEqual(before);
    const two = await propose({ selection: { itemIds: ids.slice(0, 4) }, maxCount: 2 });
    const r = await t.ok('boxes.confirm', asShown(two, { placeCode: 'A-01-01' }), t.adminToken);
    expect(r.boxes.map((b) => [b.placeId, b.placePath])).toEqual([
      [shelf, 'A-01-01库房'],
      [shelf, 'A-01-01库房'],
    ]);
    expect(sql("SELECT entity FROM place_moves WHERE reason = 'shelve'")).toHaveLength(2);
    expect(sql("SELECT 1 FROM place_moves WHERE reason = 'box' AND to_place_id = ?", shelf)).toHaveLength(4);
    const onShelf = await t.ok('boxes.list', { placeCode: 'A-01-01' }, t.adminToken);
    expect(onShelf.rows.map((b) => b.boxNo)).toEqual([1, 2]);
    const detail = await t.ok('boxes.get', { id: r.boxes[0]!.id }, t.adminToken);
    expect(detail.history.map((h) => h.reason)).toEqual(['上架', '装盒', '装盒']);
  });
});

describe('clearance, unbox and update', () => {
  it('shows a box only with the records the caller may see and refuses to name hidden ones', async () => {
    const open = await items(2);
    const [secret] = await items(1, 2024, 30, { securityLevel: 2 });
    const p = await propose({ selection: { itemIds: [...open, secret!] } });
    const { boxes } = await t.ok('boxes.confirm', asShown(p), t.adminToken);
    const clerk = await userToken(t, 'clerk1', 'clerk', 0);
    const seen = await t.ok('boxes.get', { id: boxes[0]!.id }, clerk);
    expect(seen.members.map((m) => m.no)).toEqual([1, 2]);
    expect(seen.hidden).toBe(1);
    expect(seen.history).toHaveLength(2);
    expect(await t.call('boxes.propose', { selection: { itemIds: [secret] } }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.call('boxes.unbox', { boxId: boxes[0]!.id }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'CLEARANCE_EXCEEDED' },
    });
  });

  it('takes records out, then empties and discards a box, with history and audit', async () => {
    const ids = await items(3);
    const { boxes } = await t.ok(
      'boxes.confirm',
      asShown(await propose({ selection: { itemIds: ids } })),
      t.adminToken,
    );
    const id = boxes[0]!.id;
    const out = await t.ok('boxes.unbox', { boxId: id, itemIds: [ids[2]] }, t.adminToken);
    expect(out).toEqual({ removed: 1, deleted: false });
    expect(await t.ok('boxes.get', { id }, t.adminToken)).toMatchObject({ count: 2, firstNo: 1, lastNo: 2 });
    const notIn = await t.call('boxes.unbox', { boxId: id, itemIds: [ids[2]] }, t.adminToken);
    expect(notIn).toMatchObject({ ok: false, error: { code: 'BOX_RULE_BROKEN' } });
    const updated = await t.ok(
      'boxes.update',
      { id, expectedVersion: 1, thicknessMm: 40, remarks: '盒脊破损' },
      t.adminToken,
    );
    expect(updated).toMatchObject({ thicknessMm: 40, remarks: '盒脊破损', version: 2 });
    expect(await t.call('boxes.update', { id, expectedVersion: 1, thicknessMm: 20 }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'VERSION_CONFLICT' },
    });
    expect(await t.ok('boxes.unbox', { boxId: id }, t.adminToken)).toEqual({ removed: 2, deleted: true });
    expect((await t.ok('boxes.list', {}, t.adminToken)).total).toBe(0);
    expect(sql("SELECT 1 FROM place_moves WHERE reason = 'unbox'")).toHaveLength(3);
    expect(
      sql<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'box' ORDER BY seq").map((a) => a.action),
    ).toEqual(['box.confirm', 'box.unbox', 'box.update', 'box.delete']);
    // The records are free again: a new proposal boxes them as 盒号 1 (the discarded box's number is free).
    const again = await propose({ selection: { itemIds: ids } });
    expect(again.boxes.map((b) => [b.boxNo, b.members.length])).toEqual([[1, 3]]);
  });

  it('boxes the volumes of a class arranged by volume, counting their items’ pages', async () => {
    const jt = await categoryId(t, 'ZY·JT');
    const inside: string[] = [];
    for (const title of ['一号事故卷', '二号事故卷']) {
      const v = await t.ok('volumes.create', { categoryId: jt, year: 2015, title }, t.adminToken);
      const it = await t.ok(
        'catalogue.create',
        { categoryId: jt, year: 2015, volumeId: v.id, title: '认定书', pageCount: 12, extra: { accidentNo: title } },
        t.adminToken,
      );
      inside.push(it.id);
    }
    const p = await propose({ selection: { class: { categoryId: jt, year: 2015 } } });
    expect(p.entity).toBe('volume');
    expect(p.boxes.map((b) => [b.firstNo, b.lastNo, b.pages])).toEqual([[1, 2, 24]]);
    // Their items are boxed with their volume, not alone.
    const loose = await propose({ selection: { itemIds: inside } });
    expect(loose).toMatchObject({ inVolume: 2, boxes: [], warnings: ['2 件属于案卷，应随案卷装盒，未列入'] });
    const r = await t.ok('boxes.confirm', asShown(p), t.adminToken);
    expect(r.boxes[0]).toMatchObject({ entity: 'volume', count: 2 });
    expect(sql("SELECT 1 FROM place_moves WHERE entity = 'volume' AND reason = 'box'")).toHaveLength(2);
  });
});
