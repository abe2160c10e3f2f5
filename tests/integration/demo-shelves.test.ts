import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoResult } from '../../electron/core/demo/generate';
import { boxCode } from '../../electron/core/shelving';
import { makeTestCore, type TestCore } from '../helpers/test-core';

// The demo's boxes and shelves obey reference §3: one class per box, 件号 contiguous and in
// order, 20–40 items (5–10 volumes) a box, every box and loose volume on a 层 with its move.

let t: TestCore;
let result: DemoResult;
let roomId: string;
const all = <T>(sql: string) => t.core.ctx.sqlite.prepare(sql).all() as T[];
const one = <T>(sql: string) => t.core.ctx.sqlite.prepare(sql).get() as T;

beforeAll(async () => {
  t = await makeTestCore();
  roomId = (await t.ok('env.rooms.save', { code: 'KF01', name: '一号库房' }, t.adminToken)).id;
  result = await generateDemo(t.core.ctx, { items: 3000, seed: 'shelves', batchSize: 1000 });
});
afterAll(() => t?.close());

describe('demo boxes and shelves', () => {
  it('builds a 库房 linked to the room log, with 区, 2–4 密集架, 节 and 层', () => {
    const levels = all<{ depth: number; n: number }>(
      'SELECT depth, count(*) n FROM places GROUP BY depth ORDER BY depth',
    );
    expect(levels.map((l) => l.depth)).toEqual([0, 1, 2, 3, 4]);
    expect(levels[2]!.n).toBeGreaterThanOrEqual(2);
    expect(levels[2]!.n).toBeLessThanOrEqual(4);
    expect(one('SELECT code, name, room_id roomId FROM places WHERE depth = 0')).toEqual({
      code: 'KF01',
      name: '一号库房',
      roomId,
    });
    expect(one<{ name: string }>("SELECT name FROM places WHERE depth = 4 AND code = 'KF01-A-01-01-1'").name).toBe(
      '1层',
    );
    expect(result.shelves.places).toBe(t.count('places'));
  });

  it('puts one class per box, 件号 contiguous and in order, 20–40 items a box but a class’s last', () => {
    const boxes = all<{
      id: string;
      code: string;
      n: number;
      classes: number;
      lo: number;
      hi: number;
      ordered: number;
      matches: number;
      last: number;
    }>(`SELECT b.id, b.code, count(*) n,
          count(DISTINCT i.fonds_code || i.category_id || i.year || i.retention || i.org_code) classes,
          min(i.item_no) lo, max(i.item_no) hi,
          sum(i.item_no - c.position) = count(*) * (min(i.item_no) - 1) ordered,
          sum(i.fonds_code = b.fonds_code AND i.category_id = b.category_id AND i.year = b.year
              AND i.retention = b.retention AND i.org_code = b.org_code) matches,
          b.box_no = (SELECT max(x.box_no) FROM boxes x WHERE x.category_id = b.category_id AND x.year = b.year
              AND x.retention = b.retention AND x.org_code = b.org_code) last
        FROM boxes b JOIN box_contents c ON c.box_id = b.id AND c.entity = 'item' JOIN items i ON i.id = c.entity_id
        GROUP BY b.id`);
    expect(boxes.length).toBeGreaterThan(20);
    for (const b of boxes) {
      expect(b.classes, b.code).toBe(1);
      expect(b.matches, b.code).toBe(b.n);
      expect(b.hi - b.lo + 1, b.code).toBe(b.n);
      expect(b.ordered, b.code).toBe(1);
      expect(b.n, b.code).toBeLessThanOrEqual(40);
      if (!b.last) expect(b.n, b.code).toBeGreaterThanOrEqual(20);
    }
    // Every item filed by 件 is in exactly one box; items in volumes travel with their volume.
    expect(one<{ n: number }>('SELECT count(*) n FROM items WHERE volume_id IS NULL AND deleted_at IS NULL').n).toBe(
      one<{ n: number }>("SELECT count(*) n FROM box_contents WHERE entity = 'item'").n,
    );
    expect(
      one<{ n: number }>(
        "SELECT count(*) n FROM box_contents c JOIN items i ON i.id = c.entity_id WHERE c.entity = 'item' AND i.volume_id IS NOT NULL",
      ).n,
    ).toBe(0);
  });

  it('names each box by boxCode, its 盒号 running within the class', () => {
    const rows = all<{ code: string; fonds: string; cat: string; year: number; ret: string; org: string; no: number }>(
      `SELECT code, fonds_code fonds, category_code cat, year, retention ret, org_code org, box_no no FROM boxes`,
    );
    for (const b of rows)
      expect(b.code).toBe(
        boxCode({ fondsCode: b.fonds, categoryCode: b.cat, year: b.year, retention: b.ret, orgCode: b.org }, b.no),
      );
    const gaps = all(`SELECT category_id, year, retention, org_code FROM boxes
      GROUP BY category_id, year, retention, org_code HAVING max(box_no) <> count(*) OR min(box_no) <> 1`);
    expect(gaps).toEqual([]);
  });

  it('boxes volumes 5–10 of a class or leaves them loose, and places every box and loose volume on a 层', () => {
    const vols = all<{ n: number; classes: number; last: number }>(`SELECT count(*) n,
        count(DISTINCT v.category_id || v.year || v.retention || v.org_code) classes,
        b.box_no = (SELECT max(x.box_no) FROM boxes x WHERE x.category_id = b.category_id AND x.year = b.year
          AND x.retention = b.retention AND x.org_code = b.org_code) last
      FROM boxes b JOIN box_contents c ON c.box_id = b.id AND c.entity = 'volume' JOIN volumes v ON v.id = c.entity_id
      GROUP BY b.id`);
    for (const b of vols) {
      expect(b.classes).toBe(1);
      expect(b.n).toBeLessThanOrEqual(10);
      if (!b.last) expect(b.n).toBeGreaterThanOrEqual(5);
    }
    expect(result.shelves.boxedVolumes + result.shelves.looseVolumes).toBe(result.volumes);
    const unplaced = all(`SELECT b.id FROM boxes b LEFT JOIN locations l ON l.entity = 'box' AND l.entity_id = b.id
      LEFT JOIN places p ON p.id = l.place_id WHERE p.depth IS NOT 4`);
    expect(unplaced).toEqual([]);
    const looseUnplaced = all(`SELECT v.id FROM volumes v
      WHERE NOT EXISTS (SELECT 1 FROM box_contents c WHERE c.entity = 'volume' AND c.entity_id = v.id)
        AND NOT EXISTS (SELECT 1 FROM locations l JOIN places p ON p.id = l.place_id
          WHERE l.entity = 'volume' AND l.entity_id = v.id AND p.depth = 4)`);
    expect(looseUnplaced).toEqual([]);
    // A 层 holds no more than its capacity; each placement has its 'shelve' move and change-log row.
    expect(
      all(
        'SELECT l.place_id FROM locations l JOIN places p ON p.id = l.place_id GROUP BY l.place_id HAVING count(*) > max(p.capacity)',
      ),
    ).toEqual([]);
    const placed = t.count('locations');
    expect(
      one<{ n: number }>("SELECT count(*) n FROM place_moves WHERE reason = 'shelve' AND from_place_id IS NULL").n,
    ).toBe(placed);
    expect(one<{ n: number }>("SELECT count(*) n FROM change_log WHERE entity = 'location'").n).toBe(placed);
    expect(one<{ n: number }>("SELECT count(*) n FROM change_log WHERE entity = 'box'").n).toBe(result.shelves.boxes);
  });

  it('run again, boxes only the new records and fills on from the last 层', async () => {
    const before = { boxes: t.count('boxes'), places: t.count('places'), located: t.count('locations') };
    const more = await generateDemo(t.core.ctx, { items: 500, seed: 'more', batchSize: 500 });
    expect(t.count('boxes')).toBe(before.boxes + more.shelves.boxes);
    expect(one<{ n: number }>('SELECT count(*) n FROM places WHERE depth = 0').n).toBe(1);
    expect(all('SELECT entity_id FROM box_contents GROUP BY entity, entity_id HAVING count(*) > 1')).toEqual([]);
    expect(one<{ n: number }>('SELECT count(*) n FROM items WHERE volume_id IS NULL').n).toBe(
      one<{ n: number }>("SELECT count(*) n FROM box_contents WHERE entity = 'item'").n,
    );
    expect(t.count('locations')).toBeGreaterThan(before.located);
  });
});
