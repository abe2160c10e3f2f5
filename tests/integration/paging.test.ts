import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorProgress, setAnchorStride } from '../../electron/core/catalogue/page-anchors';
import { generateDemo } from '../../electron/core/demo/generate';
import { makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
let low: string;
beforeAll(async () => {
  t = await makeTestCore();
  await generateDemo(t.core.ctx, { items: 6000, seed: 7, worker: false });
  setAnchorStride(t.core.ctx, 97);
  low = await userToken(t, 'gongkai', 'clerk', 0);
});
afterAll(() => t.close());

const settle = async () => {
  for (let i = 0; i < 2000 && anchorProgress(t.core.ctx).complete < anchorProgress(t.core.ctx).sets; i++) {
    await new Promise((r) => setImmediate(r));
  }
};

/**
 * The expected page, from one plain full ordering of the visible rows (an item in a volume
 * is visible up to the higher of its own and its volume's 密级).
 */
function expectedIds(clearance: number, orderSql: string, filterSql = '', params: unknown[] = []): string[] {
  return t.core.ctx.sqlite
    .prepare(
      `SELECT id FROM items WHERE max(security_level, coalesce((SELECT v.security_level FROM volumes v
         WHERE v.id = items.volume_id), 0)) <= ? AND deleted_at IS NULL ${filterSql} ORDER BY ${orderSql}`,
    )
    .pluck()
    .all(clearance, ...params) as string[];
}

const cases = [
  { name: '档号 ascending', sort: { column: 'archiveCode', dir: 'asc' }, order: 'archive_code, security_level, rowid' },
  {
    name: '档号 descending',
    sort: { column: 'archiveCode', dir: 'desc' },
    order: 'archive_code DESC, security_level DESC, rowid DESC',
  },
  {
    name: '日期 descending',
    sort: { column: 'date', dir: 'desc' },
    // Same-date rows follow ix_items_date_sec's key: the effective level (items.access_level), computed here apart.
    order: `date DESC, max(security_level, coalesce((SELECT v.security_level FROM volumes v
      WHERE v.id = items.volume_id), 0)) DESC, rowid DESC`,
  },
  { name: '题名 ascending', sort: { column: 'title', dir: 'asc' }, order: 'title, rowid' },
] as const;

describe('deep pages through anchors', () => {
  for (const c of cases) {
    it(`returns exactly the rows plain OFFSET would (${c.name}, two clearances)`, async () => {
      for (const [token, clearance] of [
        [t.adminToken, 2],
        [low, 0],
      ] as const) {
        const all = expectedIds(clearance, c.order);
        const first = await t.ok('catalogue.query', { sort: c.sort, offset: 0, limit: 50 }, token);
        expect(first.total).toBe(all.length);
        await settle();
        for (const offset of [96, 97, 98, 500, 1234, 2999, all.length - 50, all.length - 3]) {
          const page = await t.ok('catalogue.query', { sort: c.sort, offset, limit: 50 }, token);
          expect(page.rows.map((r) => r.id)).toEqual(all.slice(offset, offset + 50));
        }
      }
      expect(anchorProgress(t.core.ctx).anchors).toBeGreaterThan(40);
    });
  }

  it('keeps filters and scopes, and forgets anchors when data changes', async () => {
    const filters = { title: '户口' };
    const all = expectedIds(2, 'archive_code, security_level, rowid', 'AND instr(lower(title), ?) > 0', ['户口']);
    expect(all.length).toBeGreaterThan(300);
    await t.ok('catalogue.query', { filters, limit: 20 }, t.adminToken);
    await settle();
    const page = await t.ok('catalogue.query', { filters, offset: 250, limit: 20 }, t.adminToken);
    expect(page.rows.map((r) => r.id)).toEqual(all.slice(250, 270));
    const victim = page.rows[0]!;
    await t.ok('catalogue.delete', { id: victim.id, reason: '测试' }, t.adminToken);
    expect(anchorProgress(t.core.ctx).sets).toBe(0);
    const after = await t.ok('catalogue.query', { filters, offset: 250, limit: 20 }, t.adminToken);
    expect(after.rows.map((r) => r.id)).toEqual(all.filter((id) => id !== victim.id).slice(250, 270));
  });

  it('pages a whole category (sub-classes included) by its 档号 range, same rows as by category ids', async () => {
    const scheme = await t.ok('scheme.list', {}, t.adminToken);
    for (const code of ['ZY·HJ', 'ZY', 'WS', 'ZY·JT']) {
      const cat = scheme.find((c) => c.fullCode === code)!;
      const ids = scheme.filter((c) => c.fullCode === code || c.fullCode.startsWith(code + '·')).map((c) => c.id);
      const all = expectedIds(
        2,
        'archive_code, security_level, rowid',
        `AND category_id IN (${ids.map(() => '?').join(',')})`,
        ids,
      );
      expect(all.length).toBeGreaterThan(50);
      const first = await t.ok('catalogue.query', { scope: { categoryId: cat.id }, limit: 50 }, t.adminToken);
      expect(first.total).toBe(all.length);
      expect(first.rows.map((r) => r.id)).toEqual(all.slice(0, 50));
      await settle();
      const offset = Math.max(0, all.length - 120);
      const deep = await t.ok('catalogue.query', { scope: { categoryId: cat.id }, offset, limit: 50 }, t.adminToken);
      expect(deep.rows.map((r) => r.id)).toEqual(all.slice(offset, offset + 50));
    }
  });
});

describe('cache lifetime', () => {
  it('keeps totals and anchors across logins and account changes, not across catalogue changes', async () => {
    await t.ok('catalogue.query', { limit: 20 }, t.adminToken);
    const v = t.core.ctx.dataVersion;
    await t.login('admin', 'Adm1n-Passw0rd');
    await t.call('auth.login', { username: 'admin', password: 'wrong' });
    await userToken(t, 'another', 'auditor', 1);
    expect(t.core.ctx.dataVersion).toBe(v);
    const cat = (await t.ok('scheme.list', {}, t.adminToken)).find((c) => c.fullCode === 'WS')!;
    await t.ok('catalogue.create', { categoryId: cat.id, year: 2020, title: '新件' }, t.adminToken);
    expect(t.core.ctx.dataVersion).toBeGreaterThan(v);
  });
});
