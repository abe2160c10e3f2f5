/**
 * The archive-room log (issue 18): rooms and ranges, readings typed in and imported from a
 * logger's CSV (UTF-8 and GBK; any bad row refuses the whole file, with line numbers),
 * impossible values refused, out-of-range counts, days with fewer than two readings, and
 * 九防 checks with a finding closed later — through dispatch on a real SQLite file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoReadingsCsv } from '../../electron/core/room';
import { ADMIN, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
let roomId: string;
beforeEach(async () => {
  t = await makeTestCore();
  roomId = (await t.ok('env.rooms.save', { code: 'KF01', name: '一号库房' }, t.adminToken)).id;
});
afterEach(() => t?.close());

/** GBK bytes of a text, by inverting the platform's GBK decoder (no iconv in node_modules). */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  const wanted = new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f));
  for (let hi = 0x81; hi <= 0xfe && table.size < wanted.size; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const c = dec.decode(Uint8Array.of(hi, lo));
      if (wanted.has(c) && !table.has(c)) table.set(c, [hi, lo]);
    }
  return Buffer.from([...text].flatMap((c) => table.get(c) ?? [c.charCodeAt(0)]));
}
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
/** Audit and change-log rows: every mutation writes both, a refusal neither. */
const rows = () => ({
  audit: t.count('audit_log'),
  changes: t.count('change_log'),
  readings: t.count('room_readings'),
});

describe('rooms', () => {
  it('default to the paper-store ranges of the reference and refuse a duplicate code', async () => {
    const [room] = await t.ok('env.rooms.list', {}, t.adminToken);
    expect(room).toMatchObject({ code: 'KF01', tempMin: 14, tempMax: 24, humidityMin: 45, humidityMax: 60 });
    const before = rows();
    const dup = await t.call('env.rooms.save', { code: 'KF01', name: '二号库房' }, t.adminToken);
    expect(dup).toMatchObject({ ok: false, error: { code: 'DUPLICATE_ROOM_CODE' } });
    const upside = await t.call(
      'env.rooms.save',
      { code: 'KF02', name: '二号', tempMin: 30, tempMax: 20 },
      t.adminToken,
    );
    expect(upside).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: '温度下限须低于上限' } });
    expect(rows()).toEqual(before);
    // A clerk logs readings but does not set the ranges.
    const clerk = await userToken(t, 'clerk1', 'clerk', 0);
    expect(await t.call('env.rooms.save', { code: 'KF03', name: '三号' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('readings typed in', () => {
  it('are flagged out of range, counted, and take an action; each write is audited', async () => {
    const before = rows();
    const ok = await t.ok(
      'env.readings.add',
      { roomId, takenAt: '2026-01-04 08:30', temperature: 20, humidity: 50 },
      t.adminToken,
    );
    expect(ok).toMatchObject({ outOfRange: false, source: 'keyboard', recordedBy: '李管理' });
    const hot = await t.ok(
      'env.readings.add',
      { roomId, takenAt: '2026-01-04T16:00', temperature: 26.5, humidity: 64 },
      t.adminToken,
    );
    expect(hot).toMatchObject({
      takenAt: '2026-01-04 16:00',
      outOfRange: true,
      temperatureSide: 'high',
      humiditySide: 'high',
    });
    expect(rows()).toEqual({ audit: before.audit + 2, changes: before.changes + 2, readings: 2 });

    let log = await t.ok('env.readings.list', { roomId, from: '2026-01-04', to: '2026-01-04' }, t.adminToken);
    expect(log).toMatchObject({ total: 2, outOfRange: 1, withoutAction: 1, thinDays: [] });
    await t.ok('env.readings.setAction', { id: hot.id, action: '开启空调和除湿机' }, t.adminToken);
    log = await t.ok('env.readings.list', { roomId, from: '2026-01-04', to: '2026-01-04' }, t.adminToken);
    expect(log.withoutAction).toBe(0);
    expect(log.readings[1]!.action).toBe('开启空调和除湿机');
    expect(rows().audit).toBe(before.audit + 3);
  });

  it('refuse impossible values with a clear message and write nothing', async () => {
    const before = rows();
    const hot = await t.call(
      'env.readings.add',
      { roomId, takenAt: '2026-01-04 08:30', temperature: 300, humidity: 50 },
      t.adminToken,
    );
    expect(hot.ok).toBe(false);
    if (!hot.ok) expect(hot.error.message).toContain('温度 300 °C 不可能');
    const dry = await t.call(
      'env.readings.add',
      { roomId, takenAt: '2026-01-04 08:30', temperature: 20, humidity: -50 },
      t.adminToken,
    );
    expect(dry.ok).toBe(false);
    if (!dry.ok) expect(dry.error.message).toContain('相对湿度 -50 % 不可能');
    const when = await t.call(
      'env.readings.add',
      { roomId, takenAt: '2026-02-30 08:30', temperature: 20, humidity: 50 },
      t.adminToken,
    );
    expect(when).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(rows()).toEqual(before);
  });

  it('flag days with fewer than two readings, up to today only', async () => {
    // The test clock stands at 2026-01-05 08:00: the 6th and 7th are still to come.
    for (const takenAt of [
      '2026-01-01 08:00',
      '2026-01-01 17:00',
      '2026-01-02 08:00',
      '2026-01-04 09:00',
      '2026-01-04 18:00',
    ])
      await t.ok('env.readings.add', { roomId, takenAt, temperature: 18, humidity: 50 }, t.adminToken);
    const log = await t.ok('env.readings.list', { roomId, from: '2026-01-01', to: '2026-01-07' }, t.adminToken);
    expect(log.thinDays).toEqual(['2026-01-02', '2026-01-03', '2026-01-05']);
    expect(log.days.map((d) => d.count)).toEqual([2, 1, 0, 2, 0, 0, 0]);
  });
});

describe('CSV import', () => {
  const csv = [
    '温湿度记录仪 导出',
    '序号,时间,温度(℃),湿度(%RH)',
    '1,2026/1/3 8:00:00,19.5,48',
    '2,2026/1/3 16:00:00,25.1,47',
    '3,2026/1/4 8:00:00,20,44.5',
    '',
  ].join('\r\n');

  it('reads a UTF-8 file and a GBK one, counts out-of-range rows, and adds nothing the second time', async () => {
    const r = await t.ok('env.readings.import', { roomId, fileName: 'a.csv', base64: b64(csv) }, t.adminToken);
    expect(r).toMatchObject({ imported: 3, skipped: 0, outOfRange: 2, encoding: 'utf-8', first: '2026-01-03 08:00' });
    const again = await t.ok('env.readings.import', { roomId, fileName: 'a.csv', base64: b64(csv) }, t.adminToken);
    expect(again).toMatchObject({ imported: 0, skipped: 3 });

    const other = (await t.ok('env.rooms.save', { code: 'KF02', name: '二号库房' }, t.adminToken)).id;
    const bytes = gbk(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const g = await t.ok(
      'env.readings.import',
      { roomId: other, fileName: 'gbk.csv', base64: b64(bytes) },
      t.adminToken,
    );
    expect(g).toMatchObject({ imported: 3, outOfRange: 2, encoding: 'gbk' });
    const log = await t.ok('env.readings.list', { roomId: other, from: '2026-01-03', to: '2026-01-04' }, t.adminToken);
    expect(log.readings.map((x) => [x.takenAt, x.temperature, x.humidity, x.source])).toEqual([
      ['2026-01-03 08:00', 19.5, 48, 'csv'],
      ['2026-01-03 16:00', 25.1, 47, 'csv'],
      ['2026-01-04 08:00', 20, 44.5, 'csv'],
    ]);
  });

  it('refuses the whole file when any row is bad, naming each bad line', async () => {
    const bad = [
      '日期,时间,温度,湿度',
      '2026-01-03,08:00,19.5,48',
      '2026-01-03,16:00,300,47',
      '2026-01-03,17:00,20,-50',
      '2026-13-01,08:00,20,50',
      '2026-01-04,09:00,二十,50',
      '2026-01-03,08:00,19,49',
    ].join('\n');
    const before = rows();
    const r = await t.call('env.readings.import', { roomId, fileName: 'bad.csv', base64: b64(gbk(bad)) }, t.adminToken);
    expect(r).toMatchObject({ ok: false, error: { code: 'READINGS_CSV_INVALID' } });
    if (r.ok) return;
    expect(r.error.message).toBe('bad.csv：5 行有错误，未导入任何读数');
    const details = r.error.details as { line: number; message: string }[];
    expect(details.map((d) => d.line)).toEqual([3, 4, 5, 6, 7]);
    expect(details[0]!.message).toContain('温度 300 °C 不可能');
    expect(details[1]!.message).toContain('相对湿度 -50 % 不可能');
    expect(details[2]!.message).toContain('无法识别');
    expect(details[3]!.message).toContain('温度“二十”不是数字');
    expect(details[4]!.message).toContain('与第 2 行重复');
    expect(rows()).toEqual(before);
  });

  it('says which columns it needs when the header is missing', async () => {
    const r = await t.call(
      'env.readings.import',
      { roomId, fileName: 'x.csv', base64: b64('a,b\n1,2\n') },
      t.adminToken,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'READINGS_CSV_INVALID' } });
    if (!r.ok) expect((r.error.details as { message: string }[])[0]!.message).toContain('找不到表头');
  });
});

describe('九防 checks', () => {
  it('record the nine items with findings, and close a finding later with its follow-up', async () => {
    const before = rows();
    const check = await t.ok(
      'env.checks.create',
      { roomId, checkDate: '2026-01-05', findings: [{ guard: 'insects', finding: '第三排档案柜发现蠹虫' }] },
      t.adminToken,
    );
    expect(check).toMatchObject({
      checkDate: '2026-01-05',
      checkedBy: '李管理',
      findings: [{ guard: 'insects', closedAt: null }],
    });
    expect(rows().audit).toBe(before.audit + 1);
    expect(rows().changes).toBe(before.changes + 2);
    await t.ok('env.checks.create', { roomId, checkDate: '2026-01-06' }, t.adminToken);

    let list = await t.ok('env.checks.list', { roomId }, t.adminToken);
    expect(list.checks.map((c) => c.checkDate)).toEqual(['2026-01-06', '2026-01-05']);
    expect(list.open).toMatchObject([{ guard: 'insects', checkDate: '2026-01-05' }]);

    t.clock.advance(3 * 86_400_000);
    t.adminToken = await t.login(ADMIN.username, ADMIN.password); // the old session timed out
    const closed = await t.ok(
      'env.findings.close',
      { id: check.findings[0]!.id, followUp: '已熏蒸并更换樟脑' },
      t.adminToken,
    );
    expect(closed).toMatchObject({
      followUp: '已熏蒸并更换樟脑',
      closedBy: '李管理',
      closedAt: '2026-01-08T08:00:00.000Z',
    });
    list = await t.ok('env.checks.list', { roomId }, t.adminToken);
    expect(list.open).toEqual([]);
    const twice = await t.call('env.findings.close', { id: check.findings[0]!.id, followUp: '再次' }, t.adminToken);
    expect(twice).toMatchObject({ ok: false, error: { code: 'FINDING_CLOSED' } });
  });

  it('refuse two findings on the same item', async () => {
    const r = await t.call(
      'env.checks.create',
      {
        roomId,
        checkDate: '2026-01-05',
        findings: [
          { guard: 'fire', finding: 'a' },
          { guard: 'fire', finding: 'b' },
        ],
      },
      t.adminToken,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: '同一项目只能记一条问题' } });
  });
});

describe('the demo year', () => {
  it('is two readings a day up to the day given, a few out of range, imported like a logger file', async () => {
    const { csv, rows: n } = demoReadingsCsv('2026-01-04');
    expect(n).toBe(730);
    const r = await t.ok('env.readings.import', { roomId, fileName: 'demo.csv', base64: b64(csv) }, t.adminToken);
    expect(r).toMatchObject({ imported: 730, first: '2025-01-05 08:30', last: '2026-01-04 16:30' });
    expect(r.outOfRange).toBeGreaterThan(3);
    expect(r.outOfRange).toBeLessThan(30);
    const log = await t.ok('env.readings.list', { roomId, from: '2025-01-05', to: '2026-01-04' }, t.adminToken);
    expect(log.thinDays).toEqual([]);
    expect(demoReadingsCsv('2026-01-04').csv).toBe(csv);
  });
});
