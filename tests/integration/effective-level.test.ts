/**
 * One 密级 rule (kernel/security-level.ts): an item inside a volume is guarded by the
 * higher of its own level and its volume's, a page or batch by its owner's. A 公开 item
 * filed in a 秘密 volume is as invisible to a clearance-0 user as the volume itself: get,
 * lists, counts, search, persons, pages, batches and the audit log.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryId, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
let low: string;
let auditor: string;
let jt: string;
let volume: string;
let inner: string;
let batch: string;
const MARK = '卷内标记甲乙';
const PERSON = '卷内人丙';

beforeAll(async () => {
  t = await makeTestCore();
  jt = await categoryId(t, 'ZY·JT');
  low = await userToken(t, 'clerk0', 'clerk', 0);
  auditor = await userToken(t, 'audit0', 'auditor', 0);
  volume = (
    await t.ok('volumes.create', { categoryId: jt, year: 2031, title: '秘密案卷', securityLevel: 2 }, t.adminToken)
  ).id;
  inner = (
    await t.ok(
      'catalogue.create',
      {
        categoryId: jt,
        year: 2031,
        volumeId: volume,
        title: `${MARK}笔录`,
        persons: [{ name: PERSON, idNumber: '' }],
        extra: { accidentNo: 'SG1' },
      },
      t.adminToken,
    )
  ).id;
  const png = await sharp({ create: { width: 200, height: 300, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  batch = (
    await t.ok(
      'intake.importFiles',
      { files: [{ name: 'scan.png', dataBase64: png.toString('base64') }], itemId: inner, template: 'skip' },
      t.adminToken,
    )
  ).batchId;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const search = async (token: string) => (await t.ok('search.query', { q: MARK }, token)).total;

describe('an item inside a higher volume', () => {
  it('is refused below the volume in get and pages, alike an unknown id', async () => {
    expect((await t.ok('catalogue.get', { id: inner }, t.adminToken)).securityLevel).toBe(0);
    expect(await t.ok('pages.list', { itemId: inner }, t.adminToken)).toHaveLength(1);
    for (const [method, input] of [
      ['catalogue.get', { id: inner }],
      ['pages.ofRecord', { itemId: inner }],
      ['pages.list', { itemId: inner }],
      ['pages.list', { batchId: batch }],
    ] as const) {
      expect(await t.call(method, input, low), method).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(JSON.stringify(await t.ok('scan.batches', {}, low))).not.toContain(batch);
  });

  it('is left out of lists, counts, persons and search', async () => {
    expect((await t.ok('catalogue.query', {}, t.adminToken)).total).toBe(1);
    expect((await t.ok('catalogue.query', {}, low)).total).toBe(0);
    expect((await t.ok('catalogue.query', { filters: { title: MARK } }, low)).total).toBe(0);
    expect((await t.ok('catalogue.query', { scope: { categoryId: jt } }, low)).total).toBe(0);
    expect(JSON.stringify(await t.ok('catalogue.tree', { parent: {} }, low))).not.toMatch(/"count":[1-9]/);
    expect(JSON.stringify(await t.ok('catalogue.tree', { parent: { categoryId: jt } }, low))).not.toContain('2031');
    expect(await t.ok('persons.search', { q: PERSON }, t.adminToken)).toHaveLength(1);
    expect(await t.ok('persons.search', { q: PERSON }, low)).toEqual([]);
    // Live index (commit hook), then a full rebuild.
    expect(await search(t.adminToken)).toBe(1);
    expect(await search(low)).toBe(0);
    await t.ok('search.reindex', {}, t.adminToken);
    await t.core.ctx.lock.run(() => undefined); // the job holds the lock until done
    expect(await search(t.adminToken)).toBe(1);
    expect(await search(low)).toBe(0);
  });

  it('hides its audit entries from a viewer below the volume', async () => {
    const entries = (await t.ok('audit.list', { entity: 'item', limit: 500 }, auditor)).rows;
    const created = entries.filter((e) => e.action === 'item.create');
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((e) => e.hidden)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(MARK);
  });

  it('follows its volume when the volume is re-classified, search index included', async () => {
    const reclassify = async (securityLevel: number) => {
      const v = await t.ok('volumes.get', { id: volume }, t.adminToken);
      await t.ok(
        'volumes.update',
        { id: volume, expectedVersion: v.version, title: v.title, securityLevel },
        t.adminToken,
      );
    };
    await reclassify(0);
    expect((await t.ok('catalogue.get', { id: inner }, low)).id).toBe(inner);
    expect(await search(low)).toBe(1);
    await reclassify(2);
    expect(await t.call('catalogue.get', { id: inner }, low)).toMatchObject({ ok: false });
    expect(await search(low)).toBe(0);
    expect((await t.ok('catalogue.query', {}, low)).total).toBe(0);
  });
});
