/**
 * 统计年报 (issue 20) through dispatch on a real SQLite file: a small archive built through the
 * contract (items and volumes of several 门类 and 保管期限, scanned pages, loans, a destruction, an
 * opening review and a 解密), then EVERY figure of the year's report equals a count computed here
 * from the raw rows (SQL and JS written in this test, not the app's), every countable figure's drill
 * list has as many records as its value (密级 hides some from a clerk, and says how many), the
 * head closes the year (frozen, signed), a later change shows up as a correction, closing twice and
 * closing by a clerk are refused.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReport } from '../../electron/contract/statistics';
import { inTransaction } from '../../electron/core/kernel';
import { contentHash } from '../../electron/core/signature';
import { annualReportLines } from '../../scripts/cli/commands/report';
import { insertAcceptedField, insertPage } from '../helpers/page-rows';
import { dangan, setupViaCli } from '../helpers/cli';
import { expectedFigures } from '../helpers/statistics-expected';
import { expectPrintedFigures, pdfText, sheetByKey, squeeze } from '../helpers/statistics-print-check';
import {
  ADMIN,
  categoryId,
  makeTestCore,
  tempDir,
  type TestCore,
  USER_PASSWORD,
  userToken,
} from '../helpers/test-core';

let t: TestCore;
let clerk: string; // 档案员, clearance 内部 (1)
let head: string; // 所长, clearance 秘密 (2)
const YEAR = 2026;
const DAY = 86_400_000;
const ids: Record<string, string> = {};

async function relogin() {
  t.adminToken = await t.login(ADMIN.username, ADMIN.password);
  clerk = await t.login('clerk1', USER_PASSWORD);
  head = await t.login('head1', USER_PASSWORD);
}
async function later(ms: number) {
  t.clock.advance(ms);
  await relogin();
}
const create = async (cat: string, year: number, title: string, o: Record<string, unknown> = {}) =>
  (await t.ok('catalogue.create', { categoryId: await categoryId(t, cat), year, title, ...o }, t.adminToken)) as {
    id: string;
    archiveCode: string;
    version: number;
  };

/** A scanned page as intake and OCR leave it (optionally with its searchable PDF and a checked field). */
function page(
  owner: { itemId?: string; volumeId?: string },
  seq: number,
  o: { pdf?: boolean; verified?: boolean } = {},
) {
  const ctx = t.core.ctx;
  inTransaction(ctx, () => {
    const id = insertPage(ctx, owner, seq, {
      pdfSha256: o.pdf ? 'c'.repeat(64) : null,
      ocrStatus: o.pdf ? 'done' : 'pending',
    });
    if (o.verified) insertAcceptedField(ctx, id);
  });
}

async function loan(itemIds: string[], volumeIds: string[], who: object, purpose: string, way: string, copy: number) {
  const l = await t.ok(
    'lending.create',
    {
      borrowerKind: 'officer',
      borrowerName: '王警官',
      borrowerUnit: '刑侦中队',
      purpose,
      way,
      fromDate: '2026-03-02',
      dueDate: '2026-03-20',
      itemIds,
      volumeIds,
      ...who,
    },
    clerk,
  );
  await t.ok('lending.decide', { id: l.id, decision: 'approved', comment: '同意', password: USER_PASSWORD }, head);
  for (const r of l.records) {
    const ref = r.entity === 'item' ? { itemId: r.entityId } : { volumeId: r.entityId };
    await t.ok('lending.handOut', ref, clerk);
    await t.ok('lending.return', { ...ref, pagesChecked: 2, solved: copy > 0, copyPages: copy }, clerk);
  }
}

beforeAll(async () => {
  t = await makeTestCore();
  await userToken(t, 'clerk1', 'clerk', 1);
  await userToken(t, 'head1', 'head', 2);
  await relogin();
  // 2026: items of several 门类 and periods, one secret; a volume with two items; pages.
  const a = await create('WS', 2020, '户籍迁移登记', { retention: 'Y', pageCount: 4 });
  const b = await create('WS', 2021, '治安调解记录', { retention: 'D30', pageCount: 3 });
  const c = await create('WS', 2019, '内部通报', { retention: 'D10', pageCount: 2, securityLevel: 1 });
  const sec = await create('WS', 1995, '1995年治安秘密档案', { retention: 'Y', pageCount: 5, securityLevel: 2 });
  const old = await create('WS', 2000, '到期销毁件', { retention: 'D10', pageCount: 6 });
  const photo = await create('ZP', 2022, '辖区照片', { pageCount: 1 });
  const audio = await create('LY', 2022, '询问录音', { pageCount: 0 });
  const obj = await create('SW', 2023, '锦旗', {});
  const gone = await create('WS', 2022, '著录错误件', { pageCount: 1 });
  const jt = await categoryId(t, 'ZY·JT');
  const vol = await t.ok(
    'volumes.create',
    { categoryId: jt, year: 2016, retention: 'D30', title: '交通事故案卷' },
    t.adminToken,
  );
  const in1 = await create('ZY·JT', 2016, '事故认定书', {
    volumeId: vol.id,
    pageCount: 7,
    extra: { accidentNo: 'SG-1' },
  });
  const in2 = await create('ZY·JT', 2016, '现场图', { volumeId: vol.id, pageCount: 2, extra: { accidentNo: 'SG-1' } });
  Object.assign(ids, {
    a: a.id,
    b: b.id,
    c: c.id,
    sec: sec.id,
    old: old.id,
    photo: photo.id,
    gone: gone.id,
    vol: vol.id,
    in1: in1.id,
  });
  void audio;
  void obj;
  page({ itemId: a.id }, 1, { pdf: true, verified: true });
  page({ itemId: a.id }, 2, { pdf: true });
  page({ itemId: sec.id }, 1, { pdf: true, verified: true });
  page({ itemId: in2.id }, 1);
  page({ itemId: old.id }, 1, { pdf: true });
  await t.ok('catalogue.delete', { id: gone.id, reason: '重复著录' }, t.adminToken);

  // Loans in March: two people, two purposes, two ways; copies on one.
  await later(60 * DAY);
  await loan([a.id, b.id], [vol.id], {}, '工作查考', '阅览', 0);
  await loan(
    [c.id],
    [],
    { borrowerKind: 'citizen', borrowerName: '张三', borrowerUnit: '', borrowerIdNo: '430602198001011234' },
    '依法维权',
    '复制摘抄',
    3,
  );

  // A destruction (approved by the head) and an opening review with a 解密.
  await t.ok('appraisal.decide', { itemId: old.id, decision: 'destroy', round: 'R1', reason: '到期' }, clerk);
  const list = await t.ok('destruction.create', { round: 'R1', listNo: 'XH-2026-01' }, clerk);
  await t.ok('destruction.approve', { id: list.id, password: USER_PASSWORD }, head);
  await t.ok('destruction.execute', { id: list.id }, clerk);
  await t.ok('opening.decide', { itemId: sec.id, result: 'open', reason: '到期开放', password: USER_PASSWORD }, head);
  await t.ok(
    'security.change',
    { itemId: sec.id, newLevel: 0, effectiveDate: '2026-03-06', reason: '保密期限已满', password: USER_PASSWORD },
    head,
  );
  // A secret record stays secret (the clerk's drill hides it).
  await create('WS', 2024, '秘密件', { retention: 'Y', pageCount: 1, securityLevel: 2 });
  await t.ok(
    'statistics.profile.set',
    {
      year: YEAR,
      storageAreaM2: 85.5,
      shelfMeters: 40,
      compactShelves: 6,
      computers: 2,
      scanners: 1,
      staffFullTime: 1,
      staffPartTime: 2,
    },
    clerk,
  );

  // 2027: a new item (not in 2026) and the removal of one that was held at the end of 2026.
  await later(320 * DAY);
  expect(t.core.ctx.nowIso().startsWith('2027-')).toBe(true);
  await create('WS', 2027, '次年新增件', { pageCount: 9 });
  await t.ok('catalogue.delete', { id: b.id, reason: '次年删除' }, t.adminToken);
}, 60_000);
afterAll(async () => t?.close());

const expected = () => expectedFigures(t.core.ctx.sqlite, YEAR);
const all = (sql: string) => t.core.ctx.sqlite.prepare(sql).all() as Record<string, unknown>[];

let report: AnnualReport;

describe('statistics: the annual report', () => {
  it('counts every figure as of year end, each equal to a count computed from the raw rows', async () => {
    const t0 = Date.now();
    report = await t.ok('statistics.annual', { year: YEAR }, clerk);
    const ms = Date.now() - t0;
    const exp = expected();
    const got = new Map(report.figures.map((f) => [f.key, f.value]));
    for (const [k, v] of exp) expect({ k, v: got.get(k) ?? 0 }).toEqual({ k, v });
    for (const f of report.figures) expect({ k: f.key, v: f.value }).toEqual({ k: f.key, v: exp.get(f.key) ?? 0 });
    // The story in numbers: created in 2027 not counted; deleted in 2027 still held; destroyed gone.
    expect(got.get('holdings.items')).toBe(10); // 12 created in 2026, 1 deleted, 1 destroyed
    expect(got.get('holdings.volumes')).toBe(1);
    expect(got.get('holdings.items.loose')).toBe(8);
    expect(got.get('changes.destroyed.items')).toBe(1);
    expect(got.get('changes.deleted.items')).toBe(1);
    expect(got.get('opening.reviewed.open')).toBe(1);
    expect(got.get('opening.security.declassify')).toBe(1);
    expect(got.get('media.ZP')).toBe(1);
    expect(got.get('utilisation.visits')).toBe(2);
    expect(got.get('utilisation.volumeTimes')).toBe(1);
    expect(got.get('utilisation.itemTimes')).toBe(3);
    expect(got.get('utilisation.copyPages')).toBe(3);
    expect(got.get('utilisation.way.复制摘抄.itemTimes')).toBe(1);
    expect(got.get('digitisation.pages.scanned')).toBe(4); // the destroyed item's page is gone
    expect(got.get('digitisation.items.verified')).toBe(2);
    expect(got.get('profile.storageAreaM2')).toBe(85.5);
    expect(report.gaps.map((g) => g.key)).toContain('changes.transferred');
    expect(report.closed).toBeNull();
    console.log(`statistics.annual: ${report.figures.length} figures in ${ms} ms`);
  });

  it('opens every figure to its records: the drill count equals the figure; 密级 hides rows and says how many', async () => {
    const secret = new Set(all('SELECT id FROM items WHERE access_level > 1').map((r) => r.id));
    for (const f of report.figures.filter((x) => x.drillable)) {
      const d = await t.ok('statistics.drill', { year: YEAR, key: f.key, limit: 100_000 }, t.adminToken);
      expect({ k: f.key, v: d.value }).toEqual({ k: f.key, v: f.value });
      expect(d.hidden).toBe(0);
      if (f.countable)
        expect({ k: f.key, n: d.rows.length, total: d.total }).toEqual({ k: f.key, n: f.value, total: f.value });
      const c = await t.ok('statistics.drill', { year: YEAR, key: f.key, limit: 100_000 }, clerk);
      expect(c.total).toBe(d.total);
      expect(c.rows.length + c.hidden).toBe(c.total);
      expect(c.rows.some((r) => secret.has(r.id))).toBe(false);
    }
    const held = await t.ok('statistics.drill', { year: YEAR, key: 'holdings.items', limit: 100_000 }, clerk);
    expect(held.hidden).toBe(1); // the 秘密件; the declassified 1995 record is shown
    expect(held.rows.map((r) => r.id)).toEqual(expect.arrayContaining([ids.sec, ids.b]));
    const bad = await t.call('statistics.drill', { year: YEAR, key: 'holdings.nothing' }, clerk);
    expect(bad.ok ? 'ok' : bad.error.code).toBe('STATISTICS_UNKNOWN_FIGURE');
    const entered = await t.call('statistics.drill', { year: YEAR, key: 'profile.storageAreaM2' }, clerk);
    expect(entered.ok ? 'ok' : entered.error.code).toBe('STATISTICS_NOT_DRILLABLE');
  });

  it('is closed by the station head (signed, frozen); a later change is a correction; twice and by a clerk refused', async () => {
    const rows = () => ['statistics_closures', 'signatures', 'audit_log', 'change_log'].map((n) => t.count(n));
    const refused = async (input: object, token: string, code: string) => {
      const before = rows();
      const r = await t.call('statistics.close', input, token);
      expect(r.ok ? 'ok' : r.error.code).toBe(code);
      expect(rows()).toEqual(before);
    };
    await refused({ year: YEAR, password: USER_PASSWORD }, clerk, 'FORBIDDEN');
    await refused({ year: YEAR, password: 'Wrong-Passw0rd' }, head, 'SIGNATURE_PASSWORD_WRONG');
    await refused({ year: YEAR + 1, password: USER_PASSWORD }, head, 'STATISTICS_YEAR_NOT_OVER');
    await refused({ year: YEAR, password: 'x' }, head, 'VALIDATION_FAILED');
    const closed = await t.ok('statistics.close', { year: YEAR, password: USER_PASSWORD, comment: '已核对' }, head);
    expect(closed.closed).toMatchObject({ closedByName: 'head1(head1)', comment: '已核对' });
    // The signature names the figures as frozen: their hash is recomputable from the report.
    expect(closed.closed!.contentHash).toBe(contentHash({ year: YEAR, figures: closed.figures, comment: '已核对' }));
    expect(t.count('signatures')).toBeGreaterThan(0);
    expect(
      t.core.ctx.sqlite
        .prepare('SELECT kind, content_hash h FROM signatures WHERE id = ?')
        .get(closed.closed!.signatureId),
    ).toEqual({ kind: 'statistics.close', h: closed.closed!.contentHash });
    expect(closed.figures).toEqual(report.figures);
    expect(closed.corrections).toEqual([]);
    await refused({ year: YEAR, password: USER_PASSWORD }, head, 'STATISTICS_YEAR_CLOSED');

    // A counted record changed after closing: the 2026 figures stay frozen; the change is listed.
    const a = await t.ok('catalogue.get', { id: ids.a }, t.adminToken);
    await t.ok(
      'catalogue.update',
      { id: ids.a, expectedVersion: a.version, title: a.title, pageCount: 14 },
      t.adminToken,
    );
    const after = await t.ok('statistics.annual', { year: YEAR }, clerk);
    expect(after.figures).toEqual(report.figures);
    const pagesFix = after.corrections.find((c) => c.key === 'holdings.items.pages')!;
    const frozenPages = report.figures.find((f) => f.key === 'holdings.items.pages')!.value;
    expect(pagesFix).toMatchObject({ frozen: frozenPages, live: frozenPages + 10 });
    expect(pagesFix.changed.map((r) => r.id)).toContain(ids.a);
    expect(after.corrections.every((c) => c.frozen !== c.live)).toBe(true);
  });

  it('prints the closed year in the 档基 layout (PDF: every figure, the signature, the 更正 page) and as .xlsx', async () => {
    const r = await t.ok('statistics.annual', { year: YEAR }, clerk);
    expect(r.closed).not.toBeNull();
    expect(r.corrections.length).toBeGreaterThan(0);
    const pdf = await t.ok('statistics.print', { year: YEAR, format: 'pdf' }, clerk);
    expect(pdf).toMatchObject({ fileName: `统计年报-${YEAR}.pdf`, missingChars: [] });
    const file = path.join(t.dir, pdf.fileName);
    const text = pdfText(pdf.base64, file);
    expect(text).toContain(`档案室基本情况年报（${YEAR}年度）`);
    expect(squeeze(text)).toContain(squeeze(`填报单位：北港派出所 全宗号：J001 统计截止：${YEAR}年12月31日`));
    expectPrintedFigures(text, r);
    // The signature line: who closed the year and when (local time, as the form writes it).
    const at = new Date(r.closed!.closedAt);
    const p2 = (n: number) => String(n).padStart(2, '0');
    const day = `${at.getFullYear()}-${p2(at.getMonth() + 1)}-${p2(at.getDate())}`;
    expect(squeeze(text)).toContain(
      squeeze(`所长：head1（${day} ${p2(at.getHours())}:${p2(at.getMinutes())} 签名关账）`),
    );
    expect(squeeze(text)).toContain(squeeze(`填报日期：${day}`));
    // The 更正 page is the last: each correction with its frozen and live value, and the record changed.
    const last = squeeze(pdfText(pdf.base64, file, [pdf.pages, pdf.pages]));
    expect(last).toContain(`统计年报更正表（${YEAR}年度）`);
    for (const c of r.corrections) expect(last).toContain(squeeze(`${c.label}${c.frozen}${c.live}`));
    const a = await t.ok('catalogue.get', { id: ids.a }, t.adminToken);
    expect(last).toContain(squeeze(a.archiveCode));

    const x = await t.ok('statistics.print', { year: YEAR, format: 'xlsx' }, clerk);
    const { byKey, cells } = await sheetByKey(x.base64);
    for (const f of r.figures)
      expect({ k: f.key, row: byKey.get(f.key) }).toEqual({ k: f.key, row: [f.label, f.value, f.unit, ''] });
    for (const g of r.gaps) expect(byKey.get(g.key)?.[1]).toBe('—');
    expect(cells).toContain(`统计年报更正表（${YEAR}年度）`);
    expect(cells.some((c) => c.startsWith('所长：head1（'))).toBe(true);
    const audits = all(`SELECT summary FROM audit_log WHERE action = 'statistics.print' ORDER BY seq`);
    expect(audits.map((a) => a.summary)).toEqual([
      expect.stringMatching(/^打印2026年度统计年报（已关账/),
      expect.stringMatching(/^导出2026年度统计年报（已关账/),
    ]);
  });

  it('prints the report from the command line (--json, --pdf and --xlsx; the text layout from the same report)', async () => {
    const dir = tempDir('dangan-report-cli-');
    try {
      setupViaCli(dir);
      // --json, --pdf and --xlsx in one start (each costs ~2 s of CPU): the files through statistics.print.
      const [pdfFile, xlsxFile] = [path.join(dir, '年报.pdf'), path.join(dir, '年报.xlsx')];
      const outputs = ['--json', '--pdf', pdfFile, '--xlsx', xlsxFile];
      const json = dangan(['report', 'annual', '--data', dir, '--year', '2025', ...outputs]);
      expect(json.code, json.stderr).toBe(0);
      const r = JSON.parse(json.stdout) as AnnualReport;
      expect(r).toMatchObject({ year: 2025, unitName: '北港派出所', fondsCode: 'J001', closed: null });
      expect(r.figures.find((f) => f.key === 'holdings.items')).toMatchObject({ value: 0, unit: '件' });
      expect(execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' })).toContain(
        '档案室基本情况年报（2025年度）',
      );
      const sheet = await sheetByKey(fs.readFileSync(xlsxFile).toString('base64'));
      expect(sheet.byKey.get('holdings.items')).toEqual(['文件（含卷内文件）', 0, '件', '']);
      // The text layout, from the same report (one process start is enough: each costs ~2 s of CPU).
      const text = annualReportLines(r).join('\n');
      for (const x of [
        '北港派出所（全宗号 J001）2025年度统计年报',
        '未关账',
        '馆（室）藏档案（年末）',
        '利用人次',
        '移交进馆',
      ])
        expect(text).toContain(x);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
