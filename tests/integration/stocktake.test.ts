/**
 * 盘点 (issue 18): scans of a place range through dispatch on a real SQLite file — found,
 * missing, misplaced, unknown and twice; a box's contents found with it; resume after the core
 * is reopened; acceptance moves misplaced boxes through moveTo with history and audit rows;
 * bad input changes nothing; print and export.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labelPayload } from '../../electron/core/shelving';
import { addBox, addPlace, shelveVolume } from '../helpers/shelf-fixture';
import { ADMIN, categoryId, makeTestCore, type TestCore, userToken } from '../helpers/test-core';

let t: TestCore;
let reopened: TestCore | null = null;
afterEach(async () => {
  await reopened?.close();
  reopened = null;
  await t?.close();
});

const P = (code: string) => labelPayload('place', code, '');
type Shelves = Awaited<ReturnType<typeof shelves>>;
async function shelves(core: TestCore) {
  const ctx = core.core.ctx;
  const jt = await categoryId(core, 'ZY·JT');
  const v1 = await core.ok('volumes.create', { categoryId: jt, year: 2016, title: '盒内案卷' }, core.adminToken);
  const v2 = await core.ok('volumes.create', { categoryId: jt, year: 2016, title: '散放案卷' }, core.adminToken);
  const room = addPlace(ctx, 'KF1', 'A库房');
  const shelf = addPlace(ctx, 'KF1-A', '1列', room);
  const l1 = addPlace(ctx, 'KF1-A-1', '1层', shelf);
  const l2 = addPlace(ctx, 'KF1-A-2', '2层', shelf);
  const other = addPlace(ctx, 'KF2', 'B库房');
  const b1 = addBox(ctx, 1, l1, [v1.id]);
  const b2 = addBox(ctx, 2, l1);
  const b3 = addBox(ctx, 3, l2);
  const b4 = addBox(ctx, 4, other);
  const b5 = addBox(ctx, 5, l1);
  shelveVolume(ctx, v2.id, l2);
  const B = (b: { code: string; id: string }) => labelPayload('box', b.code, b.id);
  return { room, l1, l2, other, b1, b2, b3, b4, b5, v1, v2, B, V2: labelPayload('volume', v2.archiveCode, v2.id) };
}

const scanAll = async (core: TestCore, id: string, codes: string[]) => {
  const out = [];
  for (const code of codes) out.push(await core.ok('stocktake.scan', { id, code }, core.adminToken));
  return out;
};
/** Every table a stock-take writes: a refusal leaves them all as they were. */
const rows = (core: TestCore) =>
  ['stocktakes', 'stocktake_scans', 'audit_log', 'change_log', 'place_moves', 'locations'].map((n) => core.count(n));

let s: Shelves;
beforeEach(async () => {
  t = await makeTestCore();
  s = await shelves(t);
});

describe('stock-take', () => {
  it('reports found, missing, misplaced, unknown and twice, live and after reopening the core', async () => {
    const st = await t.ok('stocktake.start', { place: P('KF1'), title: '2026年一季度盘点' }, t.adminToken);
    expect(st).toMatchObject({ placeCode: 'KF1', placePath: 'A库房', status: 'open', scans: 0 });
    const lines = await scanAll(t, st.id, [
      s.B(s.b1), // before any place label: in range, counted in place
      P('KF1-A-1'),
      s.B(s.b2),
      s.B(s.b3), // belongs on 2层
      s.B(s.b4), // belongs in B库房
      P('KF1-A-2'),
      s.V2,
      `  ${s.B(s.b2)} `, // a wedge's stray spaces; the second time
      'XYZ-123',
      'B/J001-WS-2024-Y-BGS-H9999',
    ]);
    expect(lines.map((l) => l.outcome)).toEqual([
      'found',
      'place',
      'found',
      'misplaced',
      'misplaced',
      'place',
      'found',
      'twice',
      'unknown',
      'unknown',
    ]);
    expect(lines[3]!.message).toBe(`档案盒 ${s.b3.code} 错位：应在 A库房 / 1列 / 2层，实际在 A库房 / 1列 / 1层`);
    expect(lines[8]!.message).toBe('无法识别：不是本系统的标签');
    expect(lines[9]!.message).toContain('系统中没有这个档案盒');

    const check = (r: Awaited<ReturnType<typeof t.ok<'stocktake.get'>>>) => {
      expect(r.counts).toEqual({
        expected: 5, // b1, b2, b3, b5 and the loose volume v2 (b4 stands in B库房)
        found: 3, // b1, b2, v2
        missing: 1,
        misplaced: 2,
        unknown: 2,
        twice: 1,
        contentsFound: 1, // v1 inside b1
        scans: 10,
      });
      expect(r.missing.map((m) => m.code)).toEqual([s.b5.code]);
      expect(r.misplaced.map((m) => [m.code, m.expectedPath, m.foundPath, m.movable])).toEqual([
        [s.b3.code, 'A库房 / 1列 / 2层', 'A库房 / 1列 / 1层', true],
        [s.b4.code, 'B库房', 'A库房 / 1列 / 1层', true],
      ]);
      expect(r.twice).toEqual([{ id: s.b2.id, code: s.b2.code, entity: 'box', times: 2 }]);
      expect(r.found.find((f) => f.id === s.b1.id)?.contents).toBe(1);
      expect(r.atPath).toBe('A库房 / 1列 / 2层');
      expect(r.recent[0]!.code).toBe('B/J001-WS-2024-Y-BGS-H9999');
    };
    check(await t.ok('stocktake.get', { id: st.id }, t.adminToken));

    // Interrupted: the core closes, a new one opens the same file; the stock-take resumes.
    await t.core.close();
    reopened = await makeTestCore({ dir: t.dir, setup: false });
    reopened.adminToken = await reopened.login(ADMIN.username, ADMIN.password);
    const open = await reopened.ok('stocktake.list', { status: 'open' }, reopened.adminToken);
    expect(open.map((o) => [o.id, o.scans])).toEqual([[st.id, 10]]);
    check(await reopened.ok('stocktake.get', { id: st.id }, reopened.adminToken));
    // The clerk still stands on 2层: a box of 1层 scanned now is misplaced there.
    const next = await reopened.ok(
      'stocktake.scan',
      { id: st.id, code: s.B(s.b5), source: 'manual' },
      reopened.adminToken,
    );
    expect(next).toMatchObject({ seq: 11, outcome: 'misplaced', source: 'manual', at: 'A库房 / 1列 / 2层' });
    t = reopened;
    reopened = null;
  });

  it('accept moves misplaced boxes where they were found, with history and audit, and freezes the report', async () => {
    const st = await t.ok('stocktake.start', { place: 'KF1', title: '复查' }, t.adminToken);
    await scanAll(t, st.id, [P('KF1-A-1'), s.B(s.b1), s.B(s.b2), s.B(s.b3), s.B(s.b4), s.B(s.b5)]);
    const auditBefore = t.count('audit_log');
    const done = await t.ok('stocktake.accept', { id: st.id }, t.adminToken);
    expect(done.moved).toBe(2);
    expect(done.stocktake.status).toBe('accepted');
    expect(done.counts).toMatchObject({ expected: 5, found: 3, misplaced: 2, missing: 1 });
    expect(done.missing.map((m) => m.entity + m.code)).toEqual(['volume' + s.v2.archiveCode]);
    expect(t.count('audit_log')).toBe(auditBefore + 1);
    const q = t.core.ctx.sqlite;
    const moves = q
      .prepare(
        `SELECT entity_id, from_place_id, to_place_id, stocktake_id FROM place_moves WHERE reason = 'stocktake' ORDER BY entity_id`,
      )
      .all();
    expect(moves).toEqual(
      [
        { entity_id: s.b3.id, from_place_id: s.l2.id, to_place_id: s.l1.id, stocktake_id: st.id },
        { entity_id: s.b4.id, from_place_id: s.other.id, to_place_id: s.l1.id, stocktake_id: st.id },
      ].sort((a, b) => a.entity_id.localeCompare(b.entity_id)),
    );
    const where = (id: string) =>
      (q.prepare(`SELECT place_id p FROM locations WHERE entity_id = ?`).get(id) as { p: string }).p;
    expect([where(s.b3.id), where(s.b4.id), where(s.b5.id)]).toEqual([s.l1.id, s.l1.id, s.l1.id]);
    const last = q.prepare(`SELECT action, summary FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as {
      action: string;
      summary: string;
    };
    expect(last.action).toBe('stocktake.accept');
    expect(last.summary).toContain('错位 2（已移至发现位置 2）');
    // Frozen: the report read later is the accepted one, though b3 and b4 now stand on 1层.
    const later = await t.ok('stocktake.get', { id: st.id }, t.adminToken);
    expect(later.counts).toEqual(done.counts);
    expect(later.misplaced.map((m) => m.foundPath)).toEqual(['A库房 / 1列 / 1层', 'A库房 / 1列 / 1层']);
    // Closed: no more scans, no second acceptance, nothing written.
    const before = rows(t);
    expect(await t.call('stocktake.scan', { id: st.id, code: s.B(s.b1) }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'STOCKTAKE_CLOSED' },
    });
    expect(await t.call('stocktake.accept', { id: st.id }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'STOCKTAKE_CLOSED' },
    });
    expect(rows(t)).toEqual(before);
  });

  it('refuses bad input with a Chinese message and changes nothing', async () => {
    const st = await t.ok('stocktake.start', { place: 'KF1', title: '一季度' }, t.adminToken);
    const before = rows(t);
    const refusals = [
      await t.call('stocktake.scan', { id: st.id, code: '   ' }, t.adminToken),
      await t.call('stocktake.scan', { id: st.id, code: 'B/'.padEnd(300, 'X') }, t.adminToken),
      await t.call('stocktake.scan', { id: st.id, code: 'B/1', source: 'camera' }, t.adminToken),
      await t.call('stocktake.scan', { id: '00000000-0000-7000-8000-000000000000', code: 'B/1' }, t.adminToken),
      await t.call('stocktake.start', { place: 'NOPE', title: '无' }, t.adminToken),
      await t.call('stocktake.start', { place: s.B(s.b1), title: '盒' }, t.adminToken),
      await t.call('stocktake.start', { place: 'KF1', title: '再来一次' }, t.adminToken),
      await t.call('stocktake.start', { place: 'KF2', title: '' }, t.adminToken),
      await t.call(
        'stocktake.decodePhoto',
        { id: st.id, base64: Buffer.from('not an image').toString('base64') },
        t.adminToken,
      ),
    ];
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_A_PLACE',
      'STOCKTAKE_OPEN',
      'VALIDATION_FAILED',
      'BAD_IMAGE',
    ]);
    expect(refusals.map((r) => (r.ok ? '' : r.error.message))).toEqual([
      '条码为空，请重新扫描',
      '条码过长（最多 200 个字符），可能是两次扫描连在了一起',
      '来源应为 wedge（扫码枪）或 manual（手工输入）',
      '盘点不存在',
      '没有库位“NOPE”',
      expect.stringContaining('不是库位标签'),
      expect.stringContaining('已有未完成的盘点“一季度”'),
      '请填写盘点名称',
      '无法读取这张图片，请用 JPG 或 PNG 格式的照片',
    ]);
    expect(rows(t)).toEqual(before);
    // Cancel: closed without moving anything.
    await scanAll(t, st.id, [P('KF1-A-1'), s.B(s.b3)]);
    const moves = t.count('place_moves');
    expect((await t.ok('stocktake.cancel', { id: st.id }, t.adminToken)).status).toBe('cancelled');
    expect(t.count('place_moves')).toBe(moves);
  });

  it("lists a volume above the clerk's clearance without its 档号, in the lines, the report and the file", async () => {
    const jt = await categoryId(t, 'ZY·JT');
    const secret = await t.ok(
      'volumes.create',
      { categoryId: jt, year: 2016, title: '机密案卷', securityLevel: 2 },
      t.adminToken,
    );
    shelveVolume(t.core.ctx, secret.id, s.l2);
    const clerk = await userToken(t, 'clerk1', 'clerk', 0);
    const st = await t.ok('stocktake.start', { place: 'KF1', title: '密级' }, clerk);
    await t.ok('stocktake.scan', { id: st.id, code: P('KF1-A-2') }, clerk);
    const label = labelPayload('volume', secret.archiveCode, secret.id);
    const line = await t.ok('stocktake.scan', { id: st.id, code: label }, clerk);
    expect(line).toMatchObject({ outcome: 'found', code: '（密级高于本账号，不显示档号）' });
    expect(line.message).not.toContain(secret.archiveCode);
    const asClerk = JSON.stringify(await t.ok('stocktake.get', { id: st.id }, clerk));
    expect(asClerk).not.toContain(secret.archiveCode);
    expect(asClerk).not.toContain(label);
    const pdf = await t.ok('stocktake.export', { id: st.id }, clerk);
    expect(pdf.base64.length).toBeGreaterThan(0);
    // The administrator (clearance 3) sees it.
    expect(JSON.stringify(await t.ok('stocktake.get', { id: st.id }, t.adminToken))).toContain(secret.archiveCode);
  });

  it('prints the report as a PDF and exports it as a workbook', async () => {
    const st = await t.ok('stocktake.start', { place: 'KF1', title: '打印' }, t.adminToken);
    await scanAll(t, st.id, [P('KF1-A-1'), s.B(s.b1), s.B(s.b3), 'junk']);
    const pdf = await t.ok('stocktake.print', { id: st.id }, t.adminToken);
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf).toMatchObject({ fileName: '盘点报告-打印.pdf', pages: 1 });
    // Its text, read back by poppler, field by field.
    const file = path.join(t.dir, 'report.pdf');
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('盘点报告：打印');
    expect(text).toMatch(/盘点范围：A库房（KF1）\s+状态：进行中/);
    expect(text).toMatch(/应有 5\s+在位 1（盒内 1 件\/卷）\s+缺失 3\s+错位 1\s+无法识别 1/);
    expect(text).toMatch(
      new RegExp(`档案盒\\s+${s.b3.code}\\s+A库房 / 1列 / 2层\\s+A库房 / 1列 / 1层\\s+确认后移至实际位置`),
    );
    expect(text).toMatch(/junk\s+不是本系统的标签\s+1/);
    expect(text).toContain(s.b5.code);

    const xlsx = await t.ok('stocktake.export', { id: st.id }, t.adminToken);
    expect(xlsx.fileName).toBe('盘点报告-打印.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '错位', '缺失', '无法识别', '重复扫描', '在位']);
    const values = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1));
    expect(values('错位')).toEqual([
      ['类别', '编码', '应在', '实际在', '确认时移动'],
      ['档案盒', s.b3.code, 'A库房 / 1列 / 2层', 'A库房 / 1列 / 1层', '是'],
    ]);
    expect(values('汇总')).toContainEqual(['缺失', 3]);
  });
});
