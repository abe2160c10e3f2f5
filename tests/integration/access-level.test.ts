/**
 * items.access_level (the stored effective 密级, max of the item's own level and its
 * volume's) follows every change that moves it, through the contract: a volume's level
 * changed, an item's level changed, an item moved between volumes, an item deleted and
 * restored while its volume changed. The triggers that keep it write only that column:
 * no version bump, no change-log row, and it never leaves the node in a sync record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredObjects, restoreDeclaredObjects } from '../../db/declared-objects';
import { defaultMigrationsDir } from '../../db/migrate';
import { generateDemo } from '../../electron/core/demo/generate';
import { StateReader } from '../../electron/core/sync/entities';
import { categoryId, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
let low: string;
let jt: string;
let open: string;
let secret: string;
const YEAR = 2032;

beforeAll(async () => {
  t = await makeTestCore();
  jt = await categoryId(t, 'ZY·JT');
  low = await userToken(t, 'clerk0', 'clerk', 0);
  const volume = (title: string, securityLevel: number) =>
    t.ok('volumes.create', { categoryId: jt, year: YEAR, title, securityLevel }, t.adminToken);
  open = (await volume('公开案卷', 0)).id;
  secret = (await volume('秘密案卷', 2)).id;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

interface Stored {
  securityLevel: number;
  accessLevel: number;
  version: number;
}
const stored = (id: string) =>
  t.core.ctx.sqlite
    .prepare('SELECT security_level AS securityLevel, access_level AS accessLevel, version FROM items WHERE id = ?')
    .get(id) as Stored;
const itemLogRows = (id: string) =>
  t.core.ctx.sqlite.prepare("SELECT count(*) FROM change_log WHERE entity = 'item' AND entity_id = ?").pluck().get(id);
const version = async (id: string) => (await t.ok('volumes.get', { id }, t.adminToken)).version;
const setVolumeLevel = async (id: string, securityLevel: number, title: string) =>
  t.ok('volumes.update', { id, expectedVersion: await version(id), title, securityLevel }, t.adminToken);
/** What a clearance-0 clerk finds by 档号 and by 日期 (the two covering-index walks). */
const lowSees = async (id: string) => {
  const byCode = await t.ok('catalogue.query', { scope: {}, limit: 100 }, low);
  const byDate = await t.ok('catalogue.query', { sort: { column: 'date', dir: 'desc' }, limit: 100 }, low);
  const seen = [byCode, byDate].map((p) => p.rows.some((r) => r.id === id));
  expect(seen[0]).toBe(seen[1]);
  return seen[0];
};
const create = (volumeId: string, securityLevel: number, title: string) =>
  t.ok(
    'catalogue.create',
    { categoryId: jt, year: YEAR, volumeId, title, securityLevel, extra: { accidentNo: 'SG9' } },
    t.adminToken,
  );

describe('items.access_level', () => {
  it("follows the volume's level, without touching the item's version or change log", async () => {
    const a = await create(open, 0, '卷内公开件');
    expect(stored(a.id)).toEqual({ securityLevel: 0, accessLevel: 0, version: 1 });
    expect(await lowSees(a.id)).toBe(true);
    const logged = itemLogRows(a.id);

    await setVolumeLevel(open, 2, '公开案卷（升密）');
    expect(stored(a.id)).toEqual({ securityLevel: 0, accessLevel: 2, version: 1 });
    expect(await lowSees(a.id)).toBe(false);
    expect(
      (await t.ok('catalogue.query', { securityLevel: 0, limit: 100 }, t.adminToken)).rows.map((r) => r.id),
    ).toContain(a.id);

    await setVolumeLevel(open, 0, '公开案卷');
    expect(stored(a.id)).toEqual({ securityLevel: 0, accessLevel: 0, version: 1 });
    expect(await lowSees(a.id)).toBe(true);
    expect(itemLogRows(a.id)).toBe(logged);
  });

  it("follows the item's own level and its moves between volumes", async () => {
    const b = await create(open, 1, '卷内内部件');
    expect(stored(b.id).accessLevel).toBe(1);
    const move = async (volumeId: string) => {
      const cur = await t.ok('catalogue.get', { id: b.id }, t.adminToken);
      const input = { id: b.id, expectedVersion: cur.version, categoryId: jt, year: YEAR, orgCode: '', volumeId };
      return t.ok('catalogue.correctPlacement', { ...input, reason: '归卷错误' }, t.adminToken);
    };
    await move(secret);
    expect(stored(b.id)).toMatchObject({ securityLevel: 1, accessLevel: 2 });
    await move(open);
    expect(stored(b.id)).toMatchObject({ securityLevel: 1, accessLevel: 1 });

    const cur = await t.ok('catalogue.get', { id: b.id }, t.adminToken);
    await t.ok(
      'catalogue.update',
      { id: b.id, expectedVersion: cur.version, title: cur.title, securityLevel: 0, extra: cur.extra },
      t.adminToken,
    );
    expect(stored(b.id)).toMatchObject({ securityLevel: 0, accessLevel: 0 });
    expect(await lowSees(b.id)).toBe(true);
  });

  it('keeps a deleted item in step with its volume, so a restore brings it back at the right level', async () => {
    const c = await create(open, 0, '将删除的件');
    await t.ok('catalogue.delete', { id: c.id, reason: '测试删除' }, t.adminToken);
    await setVolumeLevel(open, 2, '公开案卷（升密）');
    expect(stored(c.id).accessLevel).toBe(2);
    await t.ok('catalogue.restore', { id: c.id }, t.adminToken);
    expect(stored(c.id).accessLevel).toBe(2);
    expect(await lowSees(c.id)).toBe(false);
    expect((await t.ok('catalogue.query', { limit: 100 }, t.adminToken)).rows.map((r) => r.id)).toContain(c.id);
    await setVolumeLevel(open, 0, '公开案卷');
    expect(stored(c.id).accessLevel).toBe(0);
    expect(await lowSees(c.id)).toBe(true);
  });

  it('is not a field of a synced record', async () => {
    const d = await create(secret, 0, '不外传的字段');
    const state = new StateReader(t.core.ctx).read('item', d.id)!;
    expect(state.fields).toHaveProperty('security_level', 0);
    expect(state.fields).not.toHaveProperty('access_level');
  });
});

describe('the demo bulk load', () => {
  it("writes access_level with each row: the higher of its own level and its volume's", async () => {
    const d = await makeTestCore();
    try {
      await generateDemo(d.core.ctx, { items: 3000, seed: 3, worker: false, rebuildIndexes: true });
      const effective = `max(security_level, coalesce((SELECT v.security_level FROM volumes v WHERE v.id = items.volume_id), 0))`;
      const count = (where: string) =>
        d.core.ctx.sqlite.prepare(`SELECT count(*) FROM items WHERE ${where}`).pluck().get() as number;
      expect(count(`access_level IS NOT ${effective}`)).toBe(0);
      // Its volumes take their highest item's level, so some items are raised by theirs.
      expect(count('access_level > security_level')).toBeGreaterThan(0);
    } finally {
      await d.close();
    }
  }, 60_000);
});

describe('its triggers', () => {
  const TRIGGERS = ['items_access_level_ai', 'items_access_level_au', 'volumes_access_level_au'];

  it('are declared objects: a file that lost one gets it back on open', () => {
    const declared = declaredObjects(defaultMigrationsDir());
    const triggers = declared.filter((o) => o.type === 'trigger').map((o) => o.name);
    expect(triggers).toEqual(expect.arrayContaining(TRIGGERS));
    const db = t.core.ctx.sqlite;
    db.exec('DROP TRIGGER volumes_access_level_au');
    const rebuilt = restoreDeclaredObjects(db, declared, 'test');
    expect(rebuilt.map((o) => o.name)).toEqual(['volumes_access_level_au']);
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all();
    expect(names).toEqual(expect.arrayContaining(TRIGGERS));
  });
});
