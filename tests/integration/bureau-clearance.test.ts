/**
 * At the bureau, every view built on a station's received records filters by clearance as
 * the station does: the per-station record lists (items, volumes, pages, persons), their
 * totals, the statistics and the sync status counts. A person named only in a 秘密 record
 * does not exist for a clearance-0 user. Each response of theirs is searched for markers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSyncNodes, noise, type SyncNodes } from '../helpers/sync-nodes';
import { categoryId, userToken, type TestCore } from '../helpers/test-core';

const TITLE = 'MARKER-秘密-标题';
const VOLUME = 'MARKER-秘密-案卷';
const PERSON = { name: '标记秘人', idNumber: '320102197506154424' };
const OPEN_PERSON = { name: '司马公开', idNumber: '110105198001011238' };

let n: SyncNodes;
let bureau: TestCore;
let low: string;
let markers: string[];

beforeAll(async () => {
  n = await makeSyncNodes('BG01');
  bureau = n.bureau;
  const { station } = n;
  const jt = await categoryId(station, 'ZY·JT');
  const vol = await station.ok(
    'volumes.create',
    { categoryId: jt, year: 2020, title: VOLUME, securityLevel: 2 },
    station.adminToken,
  );
  const secret = await station.ok(
    'catalogue.create',
    { categoryId: n.ws, year: 2020, title: TITLE, securityLevel: 2, persons: [PERSON] },
    station.adminToken,
  );
  const open = await station.ok(
    'catalogue.create',
    { categoryId: n.ws, year: 2020, title: '公开通知', persons: [OPEN_PERSON] },
    station.adminToken,
  );
  const secretSha = n.addPage(secret.id, noise(2048, 1));
  n.addPage(open.id, noise(2048, 2));
  const r = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
  expect(r.outcome).toBe('applied');
  low = await userToken(bureau, 'viewer0', 'clerk', 0);
  markers = [
    TITLE,
    VOLUME,
    PERSON.name,
    PERSON.idNumber,
    secret.id,
    secret.archiveCode,
    vol.id,
    vol.archiveCode,
    secretSha,
  ];
}, 120_000);

afterAll(() => n?.close());

const leaks = (value: unknown) => markers.filter((m) => JSON.stringify(value).includes(m));
const records = (token: string, entity: string) =>
  bureau.ok('sync.stations.records', { stationId: 'BG01', entity, limit: 200 }, token);

describe('bureau per-station views under 密级', () => {
  it('lists and counts a station’s records, pages and persons as the caller may see them', async () => {
    const seen: unknown[] = [];
    for (const entity of ['item', 'volume', 'page', 'person', 'category']) {
      const mine = await records(low, entity);
      const all = await records(bureau.adminToken, entity);
      expect(leaks(mine), entity).toEqual([]);
      expect(mine.total, entity).toBe(mine.rows.length);
      seen.push(all);
      // One record of each kind but categories is 秘密 (or only in a 秘密 record), and missing.
      if (entity !== 'category') expect(all.total - mine.total, entity).toBe(1);
      else expect(mine.total).toBe(all.total);
    }
    // The administrator sees them (these lists show no ID number or scan hash): the filter hides, it does not lose.
    expect(leaks(seen)).toEqual(markers.filter((m) => m !== PERSON.idNumber && m !== markers.at(-1)));
    expect((await records(low, 'person')).rows.map((r) => r.title)).toEqual([OPEN_PERSON.name]);
  });

  it('counts statistics and sync status without the 秘密 records, their pages and their scans', async () => {
    const mine = await bureau.ok('bureau.stats', { stationId: 'BG01' }, low);
    const all = await bureau.ok('bureau.stats', { stationId: 'BG01' }, bureau.adminToken);
    expect(leaks(mine)).toEqual([]);
    const [m, a] = [mine.stations[0]!, all.stations[0]!];
    expect(a.items - m.items).toBe(1);
    expect(a.volumes - m.volumes).toBe(1);
    expect(a.scannedPages - m.scannedPages).toBe(1);
    expect(a.scanFiles - m.scanFiles).toBe(1);
    expect(a.scanBytes - m.scanBytes).toBe(2048);
    expect(mine.county.items).toBe(m.items);

    const status = async (token: string) => {
      const s = await bureau.ok('sync.status', {}, token);
      if (s.role !== 'bureau') throw new Error('expected the bureau status');
      return s.stations[0]!.records;
    };
    // Hidden: the item, the volume, the page and the person named only in the item.
    expect((await status(bureau.adminToken)) - (await status(low))).toBe(4);
  });

  it('finds no person named only in a 秘密 record, by name or ID number', async () => {
    expect(await bureau.ok('persons.search', { q: PERSON.name }, low)).toEqual([]);
    expect(await bureau.ok('persons.search', { q: PERSON.idNumber }, low)).toEqual([]);
    const admin = await bureau.ok('persons.search', { q: PERSON.name }, bureau.adminToken);
    expect(admin.map((p) => p.name)).toEqual([PERSON.name]);
  });
});
