/**
 * 工作台 at the county bureau (issue 20): two stations with different archives send a bundle each.
 * Each station's dashboard at the bureau equals counts made here from the bureau's mirrored rows
 * (station_records, parsed in JS) and the station's own rows; the county's figures are the sums of
 * the stations', month by month; the reported figures are the snapshots the stations sent; the
 * silent stations are listed after N days; a station node, an unknown station and a bad N are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BureauDashboard } from '../../electron/contract/dashboard';
import { twoStationsSent, type TwoStations } from '../helpers/bureau-two-stations';
import type { TestCore } from '../helpers/test-core';

let s: TwoStations;
let bureau: TestCore;
const DAY = 86_400_000;

beforeAll(async () => {
  s = await twoStationsSent();
  bureau = s.nodes.bureau;
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const dash = (input: Record<string, unknown> = {}): Promise<BureauDashboard> =>
  bureau.ok('dashboard.bureau', input, bureau.adminToken);

/** Held at each month end, counted from the mirrored rows' station fields, as plain JS. */
function heldFromMirror(stationId: string, entity: string, ends: string[]): number[] {
  const rows = (
    bureau.core.ctx.sqlite
      .prepare('SELECT fields FROM station_records WHERE station_id = ? AND entity = ?')
      .pluck()
      .all(stationId, entity) as string[]
  ).map((f) => (JSON.parse(f) as { fields: { created_at?: string; deleted_at?: string | null } }).fields);
  return ends.map(
    (end) => rows.filter((r) => r.created_at! < end && (r.deleted_at == null || r.deleted_at >= end)).length,
  );
}

/** Month ends (ISO) of the 24 months ending with the test day, as the dashboard's `month` labels name them. */
function endsOf(d: BureauDashboard): string[] {
  return d.progress.map((m, k) => {
    if (k === d.progress.length - 1) {
      const [y, mo, day] = d.asOf.split('-').map(Number) as [number, number, number];
      return new Date(y, mo - 1, day + 1).toISOString();
    }
    const [y, mo] = m.month.split('-').map(Number) as [number, number];
    return new Date(y, mo, 1).toISOString();
  });
}

describe('the bureau’s 工作台 from two stations’ bundles', () => {
  it("each station's figures equal counts over the bureau's mirrored rows and the station's own", async () => {
    for (const [id, own] of [
      ['BG01', s.nodes.station],
      ['BG02', s.b],
    ] as const) {
      const d = await dash({ stationId: id });
      expect(d.stationId).toBe(id);
      expect(d.stations.map((r) => r.stationId)).toEqual([id]);
      const ends = endsOf(d);
      expect(d.progress.map((m) => m.items)).toEqual(heldFromMirror(id, 'item', ends));
      expect(d.progress.map((m) => m.volumes)).toEqual(heldFromMirror(id, 'volume', ends));
      expect(d.progress.map((m) => m.pages)).toEqual(heldFromMirror(id, 'page', ends));
      const db = own.core.ctx.sqlite;
      const n = (sql: string) => db.prepare(sql).pluck().get() as number;
      expect(d.holdings).toEqual({
        items: n('SELECT count(*) FROM items WHERE deleted_at IS NULL'),
        volumes: n('SELECT count(*) FROM volumes WHERE deleted_at IS NULL'),
        pages: n('SELECT count(*) FROM pages WHERE deleted_at IS NULL'),
      });
      expect(d.loans).toEqual({
        out: n(`SELECT count(*) FROM loan_records WHERE status = 'out'`),
        overdue: n(`SELECT count(*) FROM loan_records WHERE status = 'out' AND due_date < '2026-01-05'`),
      });
      const imports = bureau.core.ctx.sqlite
        .prepare('SELECT seq, imported_at AS at, records FROM sync_imports WHERE station_id = ? ORDER BY seq')
        .all(id) as { seq: number; at: string; records: number }[];
      expect(d.receiptsSent).toBe(imports.length);
      expect(d.lastBundle).toEqual({ stationId: id, ...imports[imports.length - 1] });
      // As the station reported them: its own indicators when it wrote the bundle.
      const snap = (await own.ok('statistics.indicators', {}, own.adminToken)).indicators;
      const value = (k: string) => snap.find((i) => i.key === k)!.value;
      expect(d.stations[0]!.reported).toMatchObject({
        overdueLoans: value('overdueLoans'),
        roomLogGaps: value('roomLogGaps'),
        auditChainOk: true,
        rank: expect.any(Number),
      });
    }
    // The data above, spelled out: the two stations differ.
    const [a, b] = [await dash({ stationId: 'BG01' }), await dash({ stationId: 'BG02' })];
    expect(a.holdings).toEqual({ items: 4, volumes: 1, pages: 2 });
    expect(b.holdings).toEqual({ items: 1, volumes: 0, pages: 0 });
    expect(a.loans).toEqual({ out: 2, overdue: 1 });
    expect(b.loans).toEqual({ out: 0, overdue: 0 });
    expect(a.progress.find((m) => m.month === '2024-03')!.items).toBe(1);
    expect(a.progress.find((m) => m.month === '2025-05')!.items).toBe(2);
    expect(b.progress.find((m) => m.month === '2025-06')!.items).toBe(2);
    expect(b.progress.at(-1)!.items).toBe(1);
    expect(b.stations[0]!.reported!.roomLogGaps).toBe(28);
  });

  it("the county's figures are the stations' summed, month by month, with one row per station", async () => {
    const county = await dash();
    const one = [await dash({ stationId: 'BG01' }), await dash({ stationId: 'BG02' })];
    expect(county.stationId).toBeNull();
    expect(county.stations).toEqual(one.map((d) => d.stations[0]));
    const sum = (f: (d: BureauDashboard) => number) => one.reduce((a, d) => a + f(d), 0);
    expect(county.holdings).toEqual({
      items: sum((d) => d.holdings.items),
      volumes: sum((d) => d.holdings.volumes),
      pages: sum((d) => d.holdings.pages),
    });
    expect(county.progress).toEqual(
      one[0]!.progress.map((m, k) => ({
        month: m.month,
        items: m.items + one[1]!.progress[k]!.items,
        volumes: m.volumes + one[1]!.progress[k]!.volumes,
        pages: m.pages + one[1]!.progress[k]!.pages,
      })),
    );
    expect(county.loans).toEqual({ out: sum((d) => d.loans.out), overdue: sum((d) => d.loans.overdue) });
    expect(county.receiptsSent).toBe(sum((d) => d.receiptsSent));
    expect(county.reported).toEqual({
      stations: 2,
      overdueLoans: sum((d) => d.reported.overdueLoans),
      roomLogGaps: sum((d) => d.reported.roomLogGaps),
      auditChainFailed: 0,
    });
    // Independent SQL over the bureau's mirror: live items and volumes of every station.
    const mirror = (entity: string) =>
      bureau.core.ctx.sqlite
        .prepare(
          `SELECT count(*) FROM station_records WHERE entity = ? AND deleted = 0
             AND json_extract(fields, '$.fields.deleted_at') IS NULL`,
        )
        .pluck()
        .get(entity) as number;
    expect(county.holdings.items).toBe(mirror('item'));
    expect(county.holdings.volumes).toBe(mirror('volume'));
    expect(county.holdings.pages).toBe(mirror('page'));
    expect(county.lastBundle!.stationId).toBe('BG02');
    expect(county.stale).toEqual([]);
  });

  it('lists the stations that sent nothing for N days', async () => {
    bureau.clock.advance(20 * DAY);
    bureau.adminToken = await bureau.login('admin', 'Adm1n-Passw0rd');
    const later = await dash();
    expect(later.stale.map((x) => [x.stationId, x.daysSinceLast])).toEqual([
      ['BG01', 20],
      ['BG02', 20],
    ]);
    expect((await dash({ staleAfterDays: 30 })).stale).toEqual([]);
    bureau.clock.advance(-20 * DAY);
    bureau.adminToken = await bureau.login('admin', 'Adm1n-Passw0rd');
  });

  it('is refused at a station, for an unknown station and for a bad N, and changes nothing', async () => {
    const st = s.nodes.station;
    expect(await st.call('dashboard.bureau', {}, st.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'SYNC_WRONG_ROLE' },
    });
    expect(await bureau.call('dashboard.bureau', { stationId: 'BG99' }, bureau.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'STATION_UNKNOWN' },
    });
    const bad = await bureau.call('dashboard.bureau', { staleAfterDays: 0 }, bureau.adminToken);
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('天数至少为1') } });
    expect(await bureau.call('dashboard.bureau', {}, undefined)).toMatchObject({ ok: false });
  });
});
