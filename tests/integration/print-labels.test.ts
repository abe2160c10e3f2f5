import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxContents, boxes, places } from '../../db/schema';
import type { LabelsResult } from '../../electron/contract/labels';
import type { PrintResult } from '../../electron/contract/print';
import { nodeIdOf } from '../../electron/core/kernel';
import { boxCode, parseLabel, resolveLabel } from '../../electron/core/shelving';
import { decodePng, renderPages } from '../helpers/barcode-decode';
import { dangan } from '../helpers/cli';
import { categoryId, makeTestCore, tempDir, type TestCore } from '../helpers/test-core';

// Barcode labels and the 盒脊/盒底 through dispatch on a real archive: pdftotext checks the
// words, and each label's bars are rendered at 300 dpi and decoded back to a known record.

let t: TestCore;
let out: string;
let box: { a: string; b: string; odd: string };
let codes: { a: string; b: string };
let vol: { id: string; code: string };
let place: { room: string; shelf: string };

const save = (r: { base64: string }, name: string) => {
  const file = path.join(out, name);
  fs.writeFileSync(file, Buffer.from(r.base64, 'base64'));
  return file;
};
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
/** The words without any spacing (pdftotext turns an ideographic space into runs of spaces). */
const tight = (file: string) => text(file).replace(/[\s\u3000]+/g, '');
const pageSize = (file: string) =>
  /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))!;
const labels = (input: Record<string, unknown>) => t.ok('print.labels', input, t.adminToken) as Promise<LabelsResult>;
const audits = () => t.count('audit_log');

beforeAll(async () => {
  t = await makeTestCore();
  out = tempDir('dangan-labels-');
  const ctx = t.core.ctx;
  const ws = await categoryId(t, 'WS');
  const jt = await categoryId(t, 'ZY·JT');
  const itemIds: string[] = [];
  for (let i = 0; i < 5; i++)
    itemIds.push((await t.ok('catalogue.create', { categoryId: ws, year: 2024, title: `通知${i}` }, t.adminToken)).id);
  const v = await t.ok(
    'volumes.create',
    { categoryId: jt, year: 2015, title: '北港路两车相撞致一人受伤交通事故卷' },
    t.adminToken,
  );
  vol = { id: v.id, code: v.archiveCode };
  // Boxes do not have their own methods yet (the boxing work adds them): rows as boxing writes them.
  const now = ctx.nowIso();
  const cls = { fondsCode: 'J001', categoryCode: 'WS', year: 2024, retention: 'Y' as const, orgCode: '' };
  const row = (id: string, boxNo: number, code: string, thicknessMm = 30) => ({
    id,
    nodeId: nodeIdOf(ctx),
    code,
    ...cls,
    categoryId: ws,
    boxNo,
    thicknessMm,
    createdAt: now,
    updatedAt: now,
  });
  codes = { a: boxCode(cls, 1), b: boxCode(cls, 2) };
  box = { a: 'box-a', b: 'box-b', odd: 'box-odd' };
  ctx.orm
    .insert(boxes)
    .values([row(box.a, 1, codes.a), row(box.b, 2, codes.b, 20), row(box.odd, 3, '甲盒-3')])
    .run();
  ctx.orm
    .insert(boxContents)
    .values(
      itemIds.map((id, i) => ({ entity: 'item' as const, entityId: id, boxId: i < 3 ? box.a : box.b, position: i })),
    )
    .run();
  place = { room: 'pl-room', shelf: 'pl-shelf' };
  const p = (id: string, parentId: string | null, depth: number, code: string, name: string) => ({
    id,
    nodeId: nodeIdOf(ctx),
    parentId,
    depth,
    code,
    name,
    createdAt: now,
    updatedAt: now,
  });
  ctx.orm
    .insert(places)
    .values([p(place.room, null, 0, 'KF01', '一号库房'), p(place.shelf, place.room, 1, 'KF01-A03-2', '3列2层')])
    .run();
});

afterAll(async () => {
  await t?.close();
});

describe('print.labels', () => {
  it('prints box labels on a 3×8 sheet whose Code 128 bars decode back to the boxes', async () => {
    const before = audits();
    const r = await labels({ kind: 'box', ids: [box.a, box.b] });
    expect(r).toMatchObject({ labels: 2, pages: 1, byId: 0 });
    const file = save(r, 'boxes-3x8.pdf');
    expect(pageSize(file).slice(1, 3).map(Number).map(Math.round)).toEqual([595, 842]);
    const words = tight(file);
    expect(words).toContain(`第1盒${codes.a}`);
    expect(words).toContain('全宗号J001年度2024保管期限永久');
    expect(words).toContain('起止件号1–3盒号1');
    expect(words).toContain('起止件号4–5盒号2');
    const [png] = renderPages(file, out);
    const read = await decodePng(png!, 'Code128');
    expect(read.sort()).toEqual([`B/${codes.a}`, `B/${codes.b}`]);
    for (const payload of read) {
      expect(parseLabel(payload)).toMatchObject({ kind: 'box', byId: false });
      expect(resolveLabel(t.core.ctx, payload)?.id).toMatch(/^box-[ab]$/);
    }
    expect(audits()).toBe(before + 1);
  });

  it('prints a volume label as QR on 2×5 and a code a scanner cannot type by its id', async () => {
    const r = await labels({ kind: 'volume', volumeIds: [vol.id], sheet: '2x5', symbology: 'qr' });
    const file = save(r, 'volume-qr.pdf');
    const words = text(file);
    expect(words).toContain(vol.code);
    expect(words).toContain('北港路两车相撞');
    const [png] = renderPages(file, out);
    const [payload] = await decodePng(png!, 'QRCode');
    expect(payload).toBe(`V/${vol.code.split('·').join('.')}`);
    expect(resolveLabel(t.core.ctx, payload!)).toMatchObject({ kind: 'volume', id: vol.id });

    // 甲盒-3 holds characters a keyboard-wedge scanner cannot type: the bars carry B#id.
    const odd = await labels({ kind: 'box', ids: [box.odd] });
    expect(odd.byId).toBe(1);
    const oddFile = save(odd, 'odd.pdf');
    expect(text(oddFile)).toContain('甲盒-3');
    const [oddPng] = renderPages(oddFile, out);
    const [oddRead] = await decodePng(oddPng!, 'Code128');
    expect(oddRead).toBe(`B#${box.odd}`);
    expect(parseLabel(oddRead!)).toEqual({ kind: 'box', key: box.odd, byId: true });
    expect(resolveLabel(t.core.ctx, oddRead!)?.id).toBe(box.odd);
  });

  it('starts on a partly used sheet, prints places with their path, and a roll one label a page', async () => {
    const r = await labels({ kind: 'box', categoryCode: 'WS', year: 2024, start: 23 });
    // Three boxes from cell 23: two on the first sheet, the third on a second.
    expect(r).toMatchObject({ labels: 3, pages: 2 });
    const pl = await labels({ kind: 'place', placeId: place.room });
    const words = text(save(pl, 'places.pdf'));
    expect(words).toContain('KF01-A03-2');
    expect(words).toContain('一号库房 / 3列2层');
    await t.ok('print.saveLabelSettings', { roll: { width: 50, height: 30 } }, t.adminToken);
    const roll = await labels({ kind: 'place', ids: [place.room, place.shelf], sheet: 'roll' });
    expect(roll.pages).toBe(2);
    const size = pageSize(save(roll, 'roll.pdf'));
    expect([Number(size[1]), Number(size[2])].map((n) => Math.round((n * 25.4) / 72))).toEqual([50, 30]);
  });

  it('prints a test sheet with the saved offsets', async () => {
    const saved = await t.ok('print.saveLabelSettings', { offsets: { '3x8': { x: 1.5, y: -0.5 } } }, t.adminToken);
    expect(saved.offsets['3x8']).toEqual({ x: 1.5, y: -0.5 });
    expect((await t.ok('print.labelSettings', {}, t.adminToken)).offsets['3x8']).toEqual({ x: 1.5, y: -0.5 });
    const r = await t.ok('print.labelTest', { sheet: '3x8' }, t.adminToken);
    const words = tight(save(r, 'test-3x8.pdf'));
    expect(words).toContain('A43×8（70×37毫米）第1格');
    expect(words).toContain('第24格');
    expect(words).toContain('偏移左右+1.5毫米上下-0.5毫米');
  });

  it('refuses bad requests in Chinese and writes nothing', async () => {
    const before = audits();
    const fail = async (input: Record<string, unknown>, code: string, message: RegExp) => {
      const r = await t.call('print.labels', input, t.adminToken);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toMatch(message);
      }
    };
    await fail({ kind: 'box', ids: ['no-such-box'] }, 'NOT_FOUND', /找不到档案盒“no-such-box”/);
    await fail({ kind: 'place', ids: ['nowhere'] }, 'NOT_FOUND', /找不到库位/);
    await fail({ kind: 'volume', volumeIds: ['no-such-volume'] }, 'NOT_FOUND', /不存在或无权查看/);
    await fail({ kind: 'box', year: 1999 }, 'VALIDATION_FAILED', /没有可打印的标签/);
    await fail({ kind: 'box', ids: [] }, 'VALIDATION_FAILED', /请至少选择一条记录/);
    await fail({ kind: 'box', start: 25 }, 'VALIDATION_FAILED', /起始位置 25 超出标签纸/);
    await fail({ kind: 'box', sheet: '2x5', start: 11 }, 'VALIDATION_FAILED', /共 10 格/);
    await fail({ kind: 'box', sheet: '4x10' }, 'VALIDATION_FAILED', /标签纸应为/);
    const off = await t.call('print.saveLabelSettings', { offsets: { '3x8': { x: 30 } } }, t.adminToken);
    expect(off.ok).toBe(false);
    if (!off.ok) expect(off.error.message).toMatch(/左右偏移不能大于 10 毫米/);
    expect(audits()).toBe(before);
  });
});

describe('盒脊 and 盒底备考表', () => {
  it('prints the spine fields of every box and one 备考表 a box', async () => {
    const spine = (await t.ok('print.document', { kind: 'box-spine' }, t.adminToken)) as PrintResult;
    expect(spine.rows).toBe(3);
    const words = text(save(spine, 'spine.pdf')).replace(/\s+/g, ' ');
    for (const label of ['全宗号', '年度', '保管期限', '起止件号', '盒号']) expect(words).toContain(label);
    expect(words).toContain('J001');
    expect(words).toContain('永久');
    expect(words).toContain('1–3');
    expect(words).toContain('4–5');

    const back = (await t.ok(
      'print.document',
      { kind: 'box-back', boxId: codes.a, notes: { compiler: '王五', checker: '赵六', date: '2024-12-30' } },
      t.adminToken,
    )) as PrintResult;
    expect(back).toMatchObject({ rows: 1, pages: 1 });
    const b = text(save(back, 'back.pdf'));
    expect(b.replace(/\s+/g, '')).toContain('备考表');
    expect(b).toContain('盒内文件情况说明');
    expect(b).toContain('本盒共 3 件，起止件号 1–3。');
    expect(b).toMatch(/整理人\s+王五\s+整理日期\s+2024-12-30/);
    expect(b).toMatch(/检查人\s+赵六\s+检查日期/);
    const all = (await t.ok('print.document', { kind: 'box-back' }, t.adminToken)) as PrintResult;
    expect(all.pages).toBe(3);
  });

  it('refuses a box that does not exist, a year without boxes, and a box with a volume', async () => {
    const before = audits();
    const r1 = await t.call('print.document', { kind: 'box-spine', boxId: 'nope' }, t.adminToken);
    expect(r1).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const r2 = await t.call('print.document', { kind: 'box-back', year: 1990 }, t.adminToken);
    expect(r2).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/还没有装盒/) },
    });
    const r3 = await t.call('print.document', { kind: 'box-spine', volumeId: vol.id }, t.adminToken);
    expect(r3).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(audits()).toBe(before);
  });
});

describe('dangan labels and dangan print box-spine', () => {
  it('writes the labels and the spine of one box, and refuses a start beyond the sheet', () => {
    const file = path.join(out, 'cli-labels.pdf');
    const r = dangan(['labels', '--data', t.dir, '--out', file, '--boxes', '--qr', '--sheet', '2x5', '--json']);
    expect(r.stderr).toContain('1 张标签的编码含扫描枪无法输入的字符');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file, kind: 'box', labels: 3, pages: 1, byId: 1 });
    expect(tight(file)).toContain(`第2盒${codes.b}`);

    const spine = path.join(out, 'cli-spine.pdf');
    const s = dangan(['print', 'box-spine', '--data', t.dir, '--box', codes.b, '--out', spine, '--json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ kind: 'box-spine', pages: 1, rows: 1 });
    expect(tight(spine)).toContain('起止件号4–5盒号2');

    const bad = path.join(out, 'cli-bad.pdf');
    const b = dangan(['labels', '--data', t.dir, '--out', bad, '--sheet', '3x8', '--start', '30']);
    expect(b.code).not.toBe(0);
    expect(b.stderr).toContain('起始位置 30 超出标签纸');
    expect(fs.existsSync(bad)).toBe(false);
  });
});

describe('a box of volumes', () => {
  // Last in the file: the box it adds would change the counts above.
  it('counts 卷, not 件, on its spine, its label and its 备考表', async () => {
    const v = await t.ok('volumes.get', { id: vol.id }, t.adminToken);
    const cls = { fondsCode: 'J001', categoryCode: v.categoryCode, year: v.year, retention: v.retention, orgCode: '' };
    const now = t.core.ctx.nowIso();
    const code = boxCode(cls, 1);
    t.core.ctx.orm
      .insert(boxes)
      .values({
        id: 'box-vol',
        nodeId: nodeIdOf(t.core.ctx),
        code,
        ...cls,
        categoryId: v.categoryId,
        boxNo: 1,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    t.core.ctx.orm
      .insert(boxContents)
      .values({ entity: 'volume', entityId: vol.id, boxId: 'box-vol', position: 0 })
      .run();
    const spine = (await t.ok('print.document', { kind: 'box-spine', boxId: code }, t.adminToken)) as PrintResult;
    expect(tight(save(spine, 'spine-vol.pdf'))).toContain(`起止卷号${v.volumeNo}盒号1`);
    const label = await labels({ kind: 'box', ids: ['box-vol'] });
    expect(tight(save(label, 'label-vol.pdf'))).toContain(`起止卷号${v.volumeNo}盒号1`);
    const back = (await t.ok('print.document', { kind: 'box-back', boxId: code }, t.adminToken)) as PrintResult;
    expect(tight(save(back, 'back-vol.pdf'))).toContain(`本盒共1卷，起止卷号${v.volumeNo}。`);
  });
});
