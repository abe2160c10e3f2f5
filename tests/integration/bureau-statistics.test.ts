/**
 * 量化考核 and the county report (issue 20): two stations with different archives close 2025 and send
 * their bundles; each station's indicators equal counts made here from raw rows; the bureau ranks
 * the stations on the snapshots they sent (totals recomputed here from scores and weights), shows the
 * trend after a second day's bundle, sums the two frozen reports figure by figure into the county
 * report, and checks the holdings against its mirror — then lists the mismatch when a mirrored
 * record goes missing. One bureau, two stations, one test process.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorReport } from '../../electron/contract/indicators';
import type { StatFigure } from '../../electron/contract/statistics';
import { indicatorLines } from '../../scripts/cli/commands/report-indicators';
import { makeNode, makeSyncNodes, type SyncNodes } from '../helpers/sync-nodes';
import { categoryId, type TestCore, tempDir, userToken } from '../helpers/test-core';

const PW = 'Adm1n-Passw0rd';
const WEIGHTS = {
  completeness: 20,
  digitisation: 20,
  verified: 10,
  overdueLoans: 10,
  roomLogGaps: 10,
  acceptanceSigned: 10,
  syncFreshness: 10,
  auditChain: 10,
};
let n: SyncNodes;
let b: TestCore; // the second station
const stickB = tempDir('dangan-stick-b-');
const frozen: Record<string, StatFigure[]> = {};

/** Items made through the contract, then dated into 2025 (the year both stations close). */
async function archive(t: TestCore, rows: { author?: string; date?: string; pageCount?: number }[]) {
  const ws = await categoryId(t, 'WS');
  const ids: string[] = [];
  for (const [i, r] of rows.entries())
    ids.push(
      (await t.ok('catalogue.create', { categoryId: ws, year: 2025, title: `文件${i}`, ...r }, t.adminToken)).id,
    );
  t.core.ctx.sqlite.prepare(`UPDATE items SET created_at = '2025-03-01T00:00:00.000Z'`).run();
  return ids;
}

/** The indicators counted here from raw rows with the documented rules. */
function expected(t: TestCore): Map<string, { value: number | null; score: number }> {
  const db = t.core.ctx.sqlite;
  const items = db.prepare('SELECT * FROM items WHERE deleted_at IS NULL').all() as Record<string, unknown>[];
  const full = items.filter((i) => i.title && i.author && i.date && Number(i.page_count) > 0).length;
  const scanned = items.filter((i) => db.prepare('SELECT 1 FROM pages WHERE item_id = ?').get(i.id)).length;
  const acked = db.prepare(`SELECT acked_at FROM sync_out_bundles WHERE status = 'acknowledged'`).pluck().all();
  const pct = (a: number, whole: number) => Math.round((a / whole) * 1000) / 10;
  const rate = (a: number) => pct(a, items.length);
  const fields = db.prepare('SELECT status FROM page_fields').pluck().all() as string[];
  const verified = fields.length ? pct(fields.filter((f) => f === 'accepted').length, fields.length) : null;
  // Room-days with a reading among the 30 local days before today.
  const now = t.core.ctx.clock.now();
  const day = (d: Date) => `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
  const window = new Set(Array.from({ length: 30 }, (_, i) => day(new Date(now.getTime() - (i + 1) * 86_400_000))));
  const rooms = db.prepare('SELECT id FROM rooms').pluck().all() as string[];
  const readings = db.prepare('SELECT room_id, taken_at FROM room_readings').all() as Record<string, string>[];
  const covered = new Set(
    readings.map((r) => `${r.room_id}|${day(new Date(r.taken_at!))}`).filter((k) => window.has(k.split('|')[1]!)),
  ).size;
  const gaps = rooms.length * 30 - covered;
  return new Map([
    ['completeness', { value: rate(full), score: rate(full) }],
    ['digitisation', { value: rate(scanned), score: rate(scanned) }],
    ['verified', { value: verified, score: verified ?? 0 }],
    ['overdueLoans', { value: 0, score: 100 }],
    ['roomLogGaps', rooms.length ? { value: gaps, score: pct(covered, rooms.length * 30) } : { value: null, score: 0 }],
    ['acceptanceSigned', { value: null, score: 100 }],
    ['syncFreshness', acked.length ? { value: 0, score: 100 } : { value: null, score: 0 }],
    ['auditChain', { value: 1, score: 100 }],
  ]);
}
const total = (r: { indicators: { score: number; weight: number }[] }) =>
  Math.round(
    (r.indicators.reduce((s, i) => s + i.score * i.weight, 0) / r.indicators.reduce((s, i) => s + i.weight, 0)) * 10,
  ) / 10;

beforeAll(async () => {
  n = await makeSyncNodes('BG01');
  b = await makeNode('station', '南湖派出所', 'J002');
  await n.bureau.ok(
    'sync.stations.add',
    { stationId: 'BG02', name: '南湖派出所', outDir: stickB },
    n.bureau.adminToken,
  );
  await b.ok('sync.enroll', { dir: path.join(stickB, 'DGE-BG02') }, b.adminToken);
  const a = await archive(n.station, [
    { author: '北港所', date: '20250301', pageCount: 2 },
    { author: '北港所', date: '20250302', pageCount: 1 },
    { author: '', date: '', pageCount: 3 },
  ]);
  n.addPage(a[0]!, Buffer.from('page one'));
  // Two fields read from that page, one accepted by a clerk (字段核对率 50%).
  const pageId = n.station.core.ctx.sqlite.prepare('SELECT id FROM pages').pluck().get() as string;
  for (const [key, status] of [
    ['name', 'accepted'],
    ['date', 'pending'],
  ])
    n.station.core.ctx.sqlite
      .prepare(
        `INSERT INTO page_fields (page_id, key, label, kind, raw, value, confidence, valid, bbox, status)
         VALUES (?, ?, ?, 'text', 'x', 'x', 0.9, 1, '[]', ?)`,
      )
      .run(pageId, key, key, status);
  await archive(b, [{ author: '南湖所', date: '20250501', pageCount: 4 }, {}]);
  // B keeps a room log on three of the last 30 days (one of them twice).
  const room = (await b.ok('env.rooms.save', { code: 'KF01', name: '一号库房' }, b.adminToken)).id;
  for (const takenAt of ['2025-12-20 08:30', '2025-12-21 09:00', '2025-12-21 15:00', '2026-01-04 10:00'])
    await b.ok('env.readings.add', { roomId: room, takenAt, temperature: 20, humidity: 50 }, b.adminToken);
  for (const t of [n.station, b]) {
    await t.ok('statistics.profile.set', { year: 2025, storageAreaM2: 40, staffFullTime: 1 }, t.adminToken);
    frozen[t === b ? 'BG02' : 'BG01'] = (
      await t.ok('statistics.close', { year: 2025, password: PW }, t.adminToken)
    ).figures;
  }
}, 60_000);
afterAll(async () => {
  await b?.close();
  await n?.close();
});

describe('考核指标 and the county report from two stations', () => {
  it("a station's indicators equal counts made from its raw rows, and the weights change the total", async () => {
    for (const t of [n.station, b]) {
      const r: IndicatorReport = await t.ok('statistics.indicators', {}, t.adminToken);
      const exp = expected(t);
      for (const i of r.indicators) {
        expect({ key: i.key, value: i.value, score: i.score }).toEqual({ key: i.key, ...exp.get(i.key) });
        expect(i.weight).toBe(WEIGHTS[i.key]);
      }
      expect(r.total).toBe(total(r));
    }
    // The same, spelled out for the data above.
    const score = async (t: TestCore) =>
      Object.fromEntries(
        (await t.ok('statistics.indicators', {}, t.adminToken)).indicators.map((i) => [i.key, i.value]),
      );
    expect(await score(n.station)).toMatchObject({ completeness: 66.7, digitisation: 33.3, verified: 50 });
    expect(await score(b)).toMatchObject({ completeness: 50, digitisation: 0, roomLogGaps: 27, verified: null });
    const tok = await userToken(n.station, 'clerk1', 'clerk', 1);
    const refused = await n.station.call('statistics.indicators.weights', { weights: { completeness: 50 } }, tok);
    expect(refused.ok).toBe(false);
    const bad = await n.station.call('statistics.indicators.weights', { weights: { nope: 5 } }, n.station.adminToken);
    expect(bad.ok).toBe(false);
    const set = await n.station.ok(
      'statistics.indicators.weights',
      { weights: { completeness: 40 } },
      n.station.adminToken,
    );
    expect(set.indicators.find((i) => i.key === 'completeness')!.weight).toBe(40);
    expect(set.total).toBe(total(set));
    await n.station.ok('statistics.indicators.weights', { weights: { completeness: 20 } }, n.station.adminToken);
  });

  it('the bureau ranks the stations on the snapshots they sent, with the trend after a second day', async () => {
    const own = {
      BG01: await n.station.ok('statistics.indicators', {}, n.station.adminToken),
      BG02: await b.ok('statistics.indicators', {}, b.adminToken),
    };
    const ra = await n.importBundle((await n.exportBundle()).dir, await n.stationFingerprint());
    const eb = await b.ok('sync.bundle.export', { outDir: stickB }, b.adminToken);
    const fpB = (await b.ok('sync.keys.get', {}, b.adminToken)).sign!.fingerprint;
    const rb = await n.bureau.ok('sync.bundle.import', { dir: eb.dir, acceptKey: fpB }, n.bureau.adminToken);
    expect([ra.counts!.rejected, rb.counts!.rejected]).toEqual([0, 0]);
    const ranked = await n.bureau.ok('statistics.bureau.stations', {}, n.bureau.adminToken);
    expect(ranked.map((s) => s.stationId)).toEqual(
      own.BG01.total >= own.BG02.total ? ['BG01', 'BG02'] : ['BG02', 'BG01'],
    );
    for (const s of ranked) {
      expect(s.total).toBe(total(s));
      expect(s.total).toBe(own[s.stationId as 'BG01'].total);
      expect(s.trend).toBeNull();
    }
    expect(ranked[0]!.rank).toBe(1);

    // Next day: BG01 learns its bundle was received (上报及时 100) and sends today's indicators.
    n.station.clock.advance(86_400_000);
    n.station.adminToken = await n.station.login('admin', PW);
    await n.station.ok('sync.receipt.import', { file: ra.receiptFile }, n.station.adminToken);
    await n.importBundle((await n.exportBundle()).dir);
    const again = await n.bureau.ok('statistics.bureau.stations', { stationId: 'BG01' }, n.bureau.adminToken);
    expect(again[0]!.trend).toBe('up');
    expect(again[0]!.previousTotal).toBe(own.BG01.total);
    expect(again[0]!.indicators.find((i) => i.key === 'syncFreshness')).toMatchObject({ score: 100, previousScore: 0 });
    const lines = indicatorLines(again);
    expect(lines.join('\n')).toContain('BG01');
  });

  it('the county report is the sum of the closed reports, and the holdings check lists a missing record', async () => {
    const county = await n.bureau.ok('statistics.bureau.county', { year: 2025 }, n.bureau.adminToken);
    expect(county.notClosed).toEqual([]);
    expect(county.stations.map((s) => s.stationId)).toEqual(['BG01', 'BG02']);
    const sum = new Map<string, number>();
    for (const f of [...frozen.BG01!, ...frozen.BG02!])
      if (f.unit !== '%' && f.unit !== '年') sum.set(f.key, (sum.get(f.key) ?? 0) + f.value);
    expect(new Map(county.figures.map((f) => [f.key, f.value]))).toEqual(sum);
    expect(sum.get('holdings.items')).toBe(5);
    expect(county.holdingsCheck).toEqual({ ok: true, mismatches: [] });
    expect((await n.bureau.ok('statistics.bureau.county', { year: 2024 }, n.bureau.adminToken)).notClosed).toHaveLength(
      2,
    );

    n.bureau.core.ctx.sqlite
      .prepare(
        `DELETE FROM station_records WHERE rowid = (SELECT rowid FROM station_records WHERE station_id = 'BG02' AND entity = 'item' LIMIT 1)`,
      )
      .run();
    const broken = await n.bureau.ok('statistics.bureau.county', { year: 2025 }, n.bureau.adminToken);
    expect(broken.holdingsCheck).toEqual({
      ok: false,
      mismatches: [{ stationId: 'BG02', key: 'holdings.items', reported: 2, mirrored: 1 }],
    });
    expect(await n.station.call('statistics.bureau.county', { year: 2025 }, n.station.adminToken)).toMatchObject({
      ok: false,
    });
  });
});
