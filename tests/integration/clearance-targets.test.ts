/**
 * One place decides: the records a method's input names are declared in the contract and
 * checked by dispatch against the caller's 密级. A clerk at clearance 0 can neither change
 * nor learn about a 秘密 (2) record through any of them, and an unknown id and a forbidden
 * one get the same answer. Also the regressions of issue 16: renumber, nextCode, create
 * into a volume, intake into an item, scan.batches, pages.attach to nothing.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../electron/contract/methods';
import { categoryId, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
let ws: string;
let jt: string;
/** A clerk who may see 公开 (0) only. */
let low: string;
/** An administrator at 公开 (0): for the methods only administrators may call (hotfolder.set). */
let lowAdmin: string;
let secretItem: string;
let secretVolume: string;
const UNKNOWN = '0190eeee-0000-7000-8000-000000000000';

let png: string;
const file = () => ({ name: 'scan.png', dataBase64: png });

beforeAll(async () => {
  t = await makeTestCore();
  ws = await categoryId(t, 'WS');
  jt = await categoryId(t, 'ZY·JT');
  low = await userToken(t, 'clerk0', 'clerk', 0);
  lowAdmin = await userToken(t, 'admin0', 'admin', 0);
  png = (
    await sharp({ create: { width: 300, height: 400, channels: 3, background: '#fff' } })
      .composite([
        { input: Buffer.from('<svg width="200" height="40"><rect width="200" height="40"/></svg>'), top: 50, left: 50 },
      ])
      .png()
      .toBuffer()
  ).toString('base64');
  secretItem = (
    await t.ok(
      'catalogue.create',
      { categoryId: ws, year: 2030, orgCode: 'BGS', title: '秘密件', securityLevel: 2 },
      t.adminToken,
    )
  ).id;
  secretVolume = (
    await t.ok('volumes.create', { categoryId: jt, year: 2030, title: '秘密案卷', securityLevel: 2 }, t.adminToken)
  ).id;
  await t.ok(
    'catalogue.create',
    { categoryId: jt, year: 2030, orgCode: '', volumeId: secretVolume, title: '卷内件', extra: { accidentNo: 'SG9' } },
    t.adminToken,
  );
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const counts = () => ['items', 'volumes', 'pages', 'scan_batches', 'audit_log', 'change_log'].map((x) => t.count(x));

/** The parts of a zod definition read here. */
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
}
interface Schema {
  _zod: { def: Def };
}
const objectOf = (s: Schema): Def | null => {
  const d = s._zod.def;
  if (d.type === 'object') return d;
  const inner = d.innerType ?? d.in;
  return inner ? objectOf(inner) : null;
};

/** Fields that name a record of another kind, or whose method guards it otherwise (and why). */
const NOT_A_TARGET: Record<string, string> = {
  'users.update id': 'a user account, not a record',
  'scheme.save id': 'a 门类, not classified',
  'scheme.save parentId': 'a 门类, not classified',
  'scheme.delete id': 'a 门类, not classified',
  'persons.get id': 'a person: visible through records within clearance, counted by the handler',
  'search.saved.delete id': "the caller's own saved search",
  'forms.templates.get id': 'a form template, not classified',
  'forms.templates.delete id': 'a form template, not classified',
  'forms.templates.save template.id': 'a form template, not classified',
  'sync.conflicts.get id': 'a conflict: the handler refuses both copies above clearance',
  'sync.conflicts.resolve id': 'a conflict: the handler refuses both copies above clearance',
  'catalogue.query scope.volumeId': 'a list filtered by clearance in its query',
  'catalogue.export scope.volumeId': 'a list filtered by clearance in its query',
  'catalogue.tree parent.volumeId': 'a tree filtered by clearance in its query',
  'volumes.list scope.volumeId': 'a list filtered by clearance in its query',
  'env.rooms.save id': 'an archive room (库房), not classified',
  'env.readings.setAction id': "a room's temperature/humidity reading, not classified",
  'env.findings.close id': 'a 九防 finding, not classified',
  'stocktake.get id': 'a stock-take (盘点); volumes and items above clearance are listed without their 档号',
  'stocktake.scan id': 'a stock-take (盘点); volumes and items above clearance are listed without their 档号',
  'stocktake.decodePhoto id': 'a stock-take (盘点); volumes and items above clearance are listed without their 档号',
  'stocktake.accept id': 'a stock-take (盘点); volumes and items above clearance are listed without their 档号',
  'stocktake.cancel id': 'a stock-take (盘点); volumes and items above clearance are listed without their 档号',
  'stocktake.print id': 'a stock-take (盘点); volumes and items above clearance are listed without their 档号',
  'stocktake.export id': 'a stock-take (盘点); volumes and items above clearance are listed without their 档号',
  'print.labels ids': 'boxes or places: their labels carry codes and 件号 only; volumes go in volumeIds, declared',
  'boxes.get id': 'a box (档案盒): its detail lists only the records within clearance',
  'boxes.update id': 'a box (档案盒): thickness and remarks, no record named',
  'places.save id': 'a storage place (库位), not classified',
  'places.delete id': 'a storage place (库位), not classified',
  'lending.decide id': 'a loan request: the handler answers NOT_FOUND for one naming records above clearance',
  'destruction.approve id': 'a destruction list: the handler answers NOT_FOUND for one naming records above clearance',
  'destruction.execute id': 'a destruction list: the handler answers NOT_FOUND for one naming records above clearance',
  'destruction.print id': 'a destruction list: the handler answers NOT_FOUND for one naming records above clearance',
  'arrangement.get id':
    'an arrangement batch (整理批次), not a scan batch: its counts and gaps are filtered by clearance',
  'arrangement.assign batchId':
    'an arrangement batch (整理批次), not a scan batch: its counts and gaps are filtered by clearance',
  'arrangement.selfCheck id':
    'an arrangement batch (整理批次), not a scan batch: its counts and gaps are filtered by clearance',
  'arrangement.sign batchId':
    'an arrangement batch (整理批次), not a scan batch: its counts and gaps are filtered by clearance',
  'arrangement.print id':
    'an arrangement batch (整理批次), not a scan batch: its counts and gaps are filtered by clearance',
};
const RECORD_FIELD = /^(id|ids|itemId|itemIds|volumeId|volumeIds|pageId|pageIds|batchId)$/;

describe('declared targets', () => {
  it('every input field naming an item, volume, page or batch is declared, and every declaration names a field', () => {
    const missing: string[] = [];
    for (const name of Object.keys(methods) as MethodName[]) {
      const spec = methods[name] as { input: unknown; targets?: Record<string, unknown> };
      const shape = objectOf(spec.input as Schema)?.shape ?? {};
      const fields: string[] = [];
      for (const [key, field] of Object.entries(shape)) {
        if (RECORD_FIELD.test(key)) fields.push(key);
        const nested = objectOf(field)?.shape ?? {};
        for (const k of Object.keys(nested)) if (RECORD_FIELD.test(k)) fields.push(`${key}.${k}`);
      }
      for (const f of fields) if (!spec.targets?.[f] && !NOT_A_TARGET[`${name} ${f}`]) missing.push(`${name} ${f}`);
      for (const declared of Object.keys(spec.targets ?? {}))
        expect(fields, `${name} declares ${declared}, not a field of its input`).toContain(declared);
    }
    expect(missing).toEqual([]);
  });

  it('answers an unknown id and a forbidden id alike, and changes nothing', async () => {
    const page = (
      await t.ok('intake.importFiles', { files: [file()], itemId: secretItem, template: 'skip' }, t.adminToken)
    ).batchId;
    const [secretPage] = (await t.ok('pages.list', { batchId: page }, t.adminToken)).map((p) => p.id);
    const cases: [MethodName, (id: string) => Record<string, unknown>, string][] = [
      ['catalogue.get', (id) => ({ id }), secretItem],
      ['catalogue.update', (id) => ({ id, expectedVersion: 1, title: '改' }), secretItem],
      ['catalogue.delete', (id) => ({ id, reason: '试' }), secretItem],
      ['catalogue.codeHistory', (id) => ({ id, entity: 'volume' }), secretVolume],
      ['catalogue.nextCode', (volumeId) => ({ categoryId: jt, year: 2030, orgCode: '', volumeId }), secretVolume],
      [
        'catalogue.create',
        (volumeId) => ({ categoryId: jt, year: 2030, orgCode: '', volumeId, title: '新' }),
        secretVolume,
      ],
      ['catalogue.renumber', (volumeId) => ({ scope: { volumeId }, apply: true }), secretVolume],
      ['volumes.get', (id) => ({ id }), secretVolume],
      ['volumes.update', (id) => ({ id, expectedVersion: 1, title: '改' }), secretVolume],
      ['intake.importFiles', (itemId) => ({ files: [file()], itemId, template: 'skip' }), secretItem],
      ['intake.importFiles', (volumeId) => ({ files: [file()], volumeId, template: 'skip' }), secretVolume],
      ['hotfolder.set', (itemId) => ({ dir: '', enabled: false, itemId }), secretItem],
      ['pages.list', (batchId) => ({ batchId }), page],
      ['pages.rotate', (id) => ({ id, quarterTurns: 1 }), secretPage!],
      ['pages.remove', (id) => ({ id, reason: '试' }), secretPage!],
      ['pages.reorder', (id) => ({ ids: [id] }), secretPage!],
      ['ocr.enqueue', (id) => ({ pageIds: [id] }), secretPage!],
      ['scan.cancel', (batchId) => ({ batchId }), page],
      ['scan.batchRecords.preview', (batchId) => ({ batchId }), page],
    ];
    const before = counts();
    for (const [method, input, secret] of cases) {
      const caller = method === 'hotfolder.set' ? lowAdmin : low;
      const forbidden = await t.call(method, input(secret), caller);
      const unknown = await t.call(method, input(UNKNOWN), caller);
      expect(forbidden, `${method} ${JSON.stringify(input('…'))}`).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(forbidden, method).toEqual(unknown);
      expect(JSON.stringify(forbidden)).not.toContain(secret);
    }
    expect(counts()).toEqual(before);
  });
});

describe('the regressions of issue 16', () => {
  it('renumber refuses a plan that moves a 秘密 record for a clearance-0 clerk, preview and apply alike', async () => {
    const add = async (year: number, title: string, securityLevel = 0) =>
      (await t.ok('catalogue.create', { categoryId: ws, year, orgCode: 'BGS', title, securityLevel }, t.adminToken)).id;
    // 2031: 1 公开, 2 deleted, 3 公开, 4 秘密 → the 秘密 item would move: refused.
    await add(2031, '一');
    await t.ok('catalogue.delete', { id: await add(2031, '二'), reason: '重复' }, t.adminToken);
    await add(2031, '三');
    await add(2031, '四', 2);
    const scope = { categoryId: ws, year: 2031, retention: 'Y', orgCode: 'BGS' };
    const before = counts();
    for (const apply of [false, true]) {
      const r = await t.call('catalogue.renumber', { scope, apply }, low);
      expect(r).toMatchObject({ ok: false, error: { code: 'CLEARANCE_EXCEEDED' } });
      expect(JSON.stringify(r)).not.toContain('四');
    }
    expect(counts()).toEqual(before);
    expect((await t.ok('catalogue.renumber', { scope }, t.adminToken)).changes).toHaveLength(2);
    // 2032: 1 公开, 2 秘密, 3 deleted, 4 公开 → only a 公开 item moves: the clerk may.
    await add(2032, '一');
    await add(2032, '二', 2);
    await t.ok('catalogue.delete', { id: await add(2032, '三'), reason: '重复' }, t.adminToken);
    await add(2032, '四');
    const plan = await t.ok('catalogue.renumber', { scope: { ...scope, year: 2032 }, apply: true }, low);
    expect(plan.changes.map((c) => [c.from, c.to])).toEqual([['J001-WS·2032-Y-BGS-0004', 'J001-WS·2032-Y-BGS-0003']]);
  });

  it('nextCode shows a 秘密 volume to those cleared for it only', async () => {
    const input = { categoryId: jt, year: 2030, orgCode: '', volumeId: secretVolume };
    expect((await t.ok('catalogue.nextCode', input, t.adminToken)).itemNo).toBe(2);
    const r = await t.call('catalogue.nextCode', input, low);
    expect(r).toEqual(await t.call('catalogue.nextCode', { ...input, volumeId: UNKNOWN }, low));
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '记录不存在或无权查看' } });
  });

  it('scan.batches hides batches filed into a 秘密 record, and pages that went on into one', async () => {
    const filed = await t.ok(
      'intake.importFiles',
      { files: [file()], itemId: secretItem, template: 'skip' },
      t.adminToken,
    );
    const tray = await t.ok('intake.importFiles', { files: [file(), file()], template: 'skip' }, t.adminToken);
    const [first] = (await t.ok('pages.list', { batchId: tray.batchId }, t.adminToken)).map((p) => p.id);
    await t.ok('pages.attach', { ids: [first!], itemId: secretItem }, t.adminToken);
    const all = await t.ok('scan.batches', { limit: 200 }, t.adminToken);
    expect(all.map((b) => b.id)).toContain(filed.batchId);
    expect(all.find((b) => b.id === tray.batchId)!.pages).toBe(2);
    const seen = await t.ok('scan.batches', { limit: 200 }, low);
    expect(seen.map((b) => b.id)).not.toContain(filed.batchId);
    expect(JSON.stringify(seen)).not.toContain(secretItem);
    expect(seen.find((b) => b.id === tray.batchId)!.pages).toBe(1);
  });

  it('pages.attach to a record that does not exist is refused and leaves the pages in the tray', async () => {
    const { batchId } = await t.ok('intake.importFiles', { files: [file()], template: 'skip' }, low);
    const ids = (await t.ok('pages.list', { batchId }, low)).map((p) => p.id);
    for (const target of [{ itemId: UNKNOWN }, { volumeId: UNKNOWN }]) {
      const r = await t.call('pages.attach', { ids, ...target }, low);
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect((await t.ok('pages.list', { batchId }, low)).every((p) => !p.itemId && !p.volumeId)).toBe(true);
  });
});
