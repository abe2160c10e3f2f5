/**
 * Issue 14, "the bureau sees what it received": a station fills its catalogue (demo
 * records over several 门类 and 年度, plus a 秘密 record whose person appears nowhere
 * else), exports a real bundle, the bureau imports it; then the bureau's 档案目录 shows the
 * station's records as 派出所 → 门类 → 年度 with counts equal to 全文检索's for the same
 * scope, 人员档案 finds the station's persons, a clearance-0 user sees and counts nothing
 * of the 秘密 record, and the bureau cannot change a station's record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueScope, ItemRow, Page, PersonView, TreeNode } from '../../electron/contract/dto';
import type { SearchResult } from '../../electron/contract/search';
import { generateDemo } from '../../electron/core/demo/generate';
import { rebuildIndex } from '../../electron/core/search/reindex';
import { makeSyncNodes, type SyncNodes } from '../helpers/sync-nodes';
import { categoryId, userToken, type TestCore } from '../helpers/test-core';

const SECRET_TITLE = '关于欧阳秘密线索的报告';
const SECRET_PERSON = { name: '欧阳秘', idNumber: '320102197506154424' };
const OPEN_PERSON = { name: '司马公开', idNumber: '110105198001011238' };

let n: SyncNodes;
let bureau: TestCore;
let low: string;
let applied = 0;

const tree = (token: string, parent: CatalogueScope) =>
  bureau.ok('catalogue.tree', { parent }, token) as Promise<TreeNode[]>;
const list = (token: string, scope: CatalogueScope) =>
  bureau.ok('catalogue.query', { scope, limit: 500 }, token) as Promise<Page<ItemRow>>;
/** Every live record of the station's fonds in the scope, by 全文检索 (档号 all start with J001). */
const searchCount = async (token: string, filters: Record<string, unknown>) =>
  ((await bureau.ok('search.query', { q: '档号:J001', filters, limit: 1 }, token)) as SearchResult).total;
const persons = (token: string, q: string) => bureau.ok('persons.search', { q }, token) as Promise<PersonView[]>;

beforeAll(async () => {
  n = await makeSyncNodes('BG01');
  bureau = n.bureau;
  const { station } = n;
  await generateDemo(station.core.ctx, { items: 300, seed: 'bureau-catalogue' });
  await rebuildIndex(station.core.ctx);
  await station.ok(
    'catalogue.create',
    { categoryId: n.ws, year: 2020, title: SECRET_TITLE, securityLevel: 2, persons: [SECRET_PERSON] },
    station.adminToken,
  );
  await station.ok(
    'catalogue.create',
    { categoryId: n.ws, year: 2020, title: '关于司马公开户籍的证明', persons: [OPEN_PERSON] },
    station.adminToken,
  );
  const out = await n.exportBundle();
  const r = await n.importBundle(out.dir, await n.stationFingerprint());
  expect(r.outcome).toBe('applied');
  applied = r.counts!.applied;
  low = await userToken(bureau, 'viewer', 'clerk', 0);
}, 120_000);

afterAll(() => n?.close());

describe('bureau catalogue: the records a station sent', () => {
  it('the tree starts with the station, with every live record it sent counted', async () => {
    const stationItems = n.station.count('items');
    expect(applied).toBeGreaterThan(stationItems);
    const roots = await tree(bureau.adminToken, {});
    const bg = roots.find((r) => r.key === 's:BG01')!;
    expect(bg).toMatchObject({ label: '北港派出所', level: 'station', filter: { stationId: 'BG01' } });
    expect(bg.count).toBe(stationItems);
    expect((await list(bureau.adminToken, { stationId: 'BG01' })).total).toBe(stationItems);
    expect(await searchCount(bureau.adminToken, { stationIds: ['BG01'] })).toBe(stationItems);
    // "全部" at the bureau: everything it holds (it has no records of its own here).
    expect((await list(bureau.adminToken, {})).total).toBe(stationItems);
  });

  it('派出所 → 门类 → 年度: each level counts what the grid lists and what search finds', async () => {
    const cats = await tree(bureau.adminToken, { stationId: 'BG01' });
    expect(cats.length).toBeGreaterThan(2);
    expect(cats.every((c) => c.level === 'category' && c.count > 0)).toBe(true);
    expect(cats.reduce((a, c) => a + c.count, 0)).toBe(n.station.count('items'));
    const scheme = await bureau.ok('scheme.list', {}, bureau.adminToken);
    const subtree = (id: string) => {
      const code = scheme.find((c) => c.id === id)!.fullCode;
      return scheme.filter((c) => c.fullCode === code || c.fullCode.startsWith(code + '·')).map((c) => c.id);
    };
    let years = 0;
    for (const cat of cats) {
      const ids = subtree(cat.filter.categoryId!);
      expect((await list(bureau.adminToken, cat.filter)).total, cat.label).toBe(cat.count);
      expect(await searchCount(bureau.adminToken, { stationIds: ['BG01'], categoryIds: ids }), cat.label).toBe(
        cat.count,
      );
      for (const y of (await tree(bureau.adminToken, cat.filter)).filter((x) => x.level === 'year')) {
        years++;
        expect(y.filter).toMatchObject({ stationId: 'BG01', categoryId: cat.filter.categoryId, year: y.filter.year });
        const page = await list(bureau.adminToken, y.filter);
        expect(page.total, y.key).toBe(y.count);
        expect(page.rows.every((r) => r.station?.id === 'BG01' && r.year === y.filter.year)).toBe(true);
        const f = { stationIds: ['BG01'], categoryIds: ids, yearFrom: y.filter.year, yearTo: y.filter.year };
        expect(await searchCount(bureau.adminToken, f), y.key).toBe(y.count);
        for (const r of await tree(bureau.adminToken, y.filter)) {
          expect((await list(bureau.adminToken, r.filter)).total, r.key).toBe(r.count);
          expect(await searchCount(bureau.adminToken, { ...f, retention: [r.filter.retention] }), r.key).toBe(r.count);
        }
      }
    }
    expect(years).toBeGreaterThan(3);
  });

  it('the grid rows are the station records, named in the bureau terms', async () => {
    const ws = await categoryId(bureau, 'WS');
    const page = await list(bureau.adminToken, { stationId: 'BG01', categoryId: ws, year: 2020 });
    const row = page.rows.find((r) => r.title === SECRET_TITLE)!;
    expect(row).toMatchObject({ categoryId: ws, categoryName: '文书', securityLevel: 2, year: 2020 });
    expect(row.station).toEqual({ id: 'BG01', name: '北港派出所' });
    expect(row.archiveCode).toMatch(/^J001/);
  });

  it('人员档案 finds a station person by name and by ID number, with the station', async () => {
    const byName = await persons(bureau.adminToken, OPEN_PERSON.name);
    expect(byName).toHaveLength(1);
    expect(byName[0]).toMatchObject({ ...OPEN_PERSON, recordCount: 1, station: { id: 'BG01', name: '北港派出所' } });
    const byId = await persons(bureau.adminToken, OPEN_PERSON.idNumber.slice(-6));
    expect(byId.map((p) => p.name)).toContain(OPEN_PERSON.name);
    const detail = await bureau.ok('persons.get', { id: byName[0]!.id }, bureau.adminToken);
    expect(detail.records.map((r) => r.title)).toEqual(['关于司马公开户籍的证明']);
    expect(detail.records[0]!.station?.id).toBe('BG01');
    // A demo person (the station's own data) is found too.
    const demo = n.station.core.ctx.sqlite.prepare('SELECT name, id_number FROM persons LIMIT 1').get() as {
      name: string;
      id_number: string;
    };
    expect((await persons(bureau.adminToken, demo.id_number)).map((p) => p.idNumber)).toContain(demo.id_number);
    // The administrator (秘密 clearance) sees the person only the 秘密 record names.
    expect((await persons(bureau.adminToken, SECRET_PERSON.name)).map((p) => p.name)).toEqual([SECRET_PERSON.name]);
  });

  it('a clearance-0 user neither sees nor counts the 秘密 record, nor finds the person only it names', async () => {
    const secret = n.station.core.ctx.sqlite
      .prepare('SELECT count(*) FROM items WHERE security_level > 0 AND deleted_at IS NULL')
      .pluck()
      .get() as number;
    expect(secret).toBeGreaterThan(0);
    const visible = n.station.count('items') - secret;
    const bg = (await tree(low, {})).find((r) => r.key === 's:BG01')!;
    expect(bg.count).toBe(visible);
    expect((await list(low, { stationId: 'BG01' })).total).toBe(visible);
    expect(await searchCount(low, { stationIds: ['BG01'] })).toBe(visible);
    const ws = await categoryId(bureau, 'WS');
    const y2020 = (await tree(low, { stationId: 'BG01', categoryId: ws })).find((y) => y.filter.year === 2020)!;
    const rows = await list(low, y2020.filter);
    expect(rows.total).toBe(y2020.count);
    expect(rows.rows.map((r) => r.title)).not.toContain(SECRET_TITLE);
    expect(rows.rows.every((r) => r.securityLevel === 0)).toBe(true);
    expect(await persons(low, SECRET_PERSON.name)).toEqual([]);
    expect(await persons(low, SECRET_PERSON.idNumber)).toEqual([]);
    const secretId = (await persons(bureau.adminToken, SECRET_PERSON.name))[0]!.id;
    const r = await bureau.call('persons.get', { id: secretId }, low);
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
    expect((await persons(low, OPEN_PERSON.name)).map((p) => p.name)).toEqual([OPEN_PERSON.name]);
  });

  it('is read-only at the bureau: changing or deleting a station record is refused, in Chinese', async () => {
    const row = (await list(bureau.adminToken, { stationId: 'BG01' })).rows[0]!;
    const before = bureau.count('audit_log');
    const del = await bureau.call('catalogue.delete', { id: row.id, reason: '测试' }, bureau.adminToken);
    expect(del.ok ? 'ok' : del.error.code).toBe('STATION_RECORD_READ_ONLY');
    expect(del.ok ? '' : del.error.message).toContain('北港派出所');
    const upd = await bureau.call(
      'catalogue.update',
      { id: row.id, expectedVersion: row.version, title: '改了' },
      bureau.adminToken,
    );
    expect(upd.ok ? 'ok' : upd.error.code).toBe('STATION_RECORD_READ_ONLY');
    const ren = await bureau.call(
      'catalogue.renumber',
      { scope: { stationId: 'BG01', categoryId: row.categoryId, year: row.year, retention: row.retention } },
      bureau.adminToken,
    );
    expect(ren.ok ? 'ok' : ren.error.code).toBe('STATION_RECORD_READ_ONLY');
    expect(bureau.count('audit_log')).toBe(before);
    expect((await list(bureau.adminToken, { stationId: 'BG01' })).rows[0]).toEqual(row);
  });
});

describe('bureau catalogue: the next bundle', () => {
  it('an edit and a deletion at the station reach the tree, the grid and the persons', async () => {
    const { station } = n;
    const before = (await tree(bureau.adminToken, {})).find((r) => r.key === 's:BG01')!.count;
    const open = (await persons(bureau.adminToken, OPEN_PERSON.name))[0]!;
    const item = (await bureau.ok('persons.get', { id: open.id }, bureau.adminToken)).records[0]!;
    const held = await station.ok('catalogue.get', { id: item.id }, station.adminToken);
    await station.ok(
      'catalogue.update',
      { id: held.id, expectedVersion: held.version, title: '关于司马公开户籍的证明（更正）', persons: [] },
      station.adminToken,
    );
    const gone = (await list(bureau.adminToken, { stationId: 'BG01' })).rows.find((r) => r.id !== item.id)!;
    await station.ok('catalogue.delete', { id: gone.id, reason: '重复' }, station.adminToken);
    const r = await n.importBundle((await n.exportBundle()).dir);
    expect(r.outcome).toBe('applied');
    expect((await tree(bureau.adminToken, {})).find((x) => x.key === 's:BG01')!.count).toBe(before - 1);
    expect(await searchCount(bureau.adminToken, { stationIds: ['BG01'] })).toBe(before - 1);
    const rows = (
      (await bureau.ok(
        'catalogue.query',
        { scope: { stationId: 'BG01' }, filters: { title: '司马公开' } },
        bureau.adminToken,
      )) as Page<ItemRow>
    ).rows;
    expect(rows.map((x) => x.title)).toEqual(['关于司马公开户籍的证明（更正）']);
    // The person is no longer named by any record: 人员档案 no longer lists them.
    expect(await persons(bureau.adminToken, OPEN_PERSON.name)).toEqual([]);
  });
});
