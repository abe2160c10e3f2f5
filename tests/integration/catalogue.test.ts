import { describe, expect, it } from 'vitest';
import { categoryId, userToken, type TestCore } from '../helpers/test-core';
import { useWsCatalogue, wsItem } from '../helpers/ws-catalogue';

let t: TestCore;
let ws: string;
useWsCatalogue((f) => ({ t, ws } = f));
const item = (over: Record<string, unknown> = {}) => wsItem(ws, over);
const changes = (id: string) =>
  t.core.ctx.sqlite.prepare('SELECT op, version FROM change_log WHERE entity_id = ? ORDER BY seq').all(id);

describe('items (件)', () => {
  it('numbers new items per class and generates the DA/T 22 档号', async () => {
    const a = await t.ok('catalogue.create', item(), t.adminToken);
    const b = await t.ok('catalogue.create', item({ title: '第二件' }), t.adminToken);
    const c = await t.ok('catalogue.create', item({ year: 2012 }), t.adminToken);
    expect([a.archiveCode, b.archiveCode, c.archiveCode]).toEqual([
      'J001-WS·2011-Y-BGS-0001',
      'J001-WS·2011-Y-BGS-0002',
      'J001-WS·2012-Y-BGS-0001',
    ]);
    expect(a).toMatchObject({
      version: 1,
      nodeId: expect.any(String),
      fondsCode: 'J001',
      year: 2011,
      retention: 'Y',
      orgCode: 'BGS',
      itemNo: 1,
    });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(changes(a.id)).toEqual([{ op: 'insert', version: 1 }]);
    const preview = await t.ok('catalogue.nextCode', { categoryId: ws, year: 2011, orgCode: 'BGS' }, t.adminToken);
    expect(preview).toEqual({ itemNo: 3, archiveCode: 'J001-WS·2011-Y-BGS-0003' });
  });

  it('follows a DA/T 13-2022 template set on the category', async () => {
    const cat = (await t.ok('scheme.list', {}, t.adminToken)).find((c) => c.id === ws)!;
    await t.ok(
      'scheme.save',
      { ...cat, expectedVersion: cat.version, codeTemplate: '{fonds}-{category}·{year}·{retention}[·{org}]-{item:3}' },
      t.adminToken,
    );
    const a = await t.ok('catalogue.create', item({ retention: 'D30', orgCode: '003' }), t.adminToken);
    expect(a.archiveCode).toBe('J001-WS·2011·D30·003-001');
  });

  it('rejects bad input with stable codes and writes nothing', async () => {
    const before = [t.count('items'), t.count('audit_log'), t.count('change_log')];
    const cases: [Record<string, unknown>, string][] = [
      [item({ title: '' }), 'VALIDATION_FAILED'],
      [item({ year: 98 }), 'VALIDATION_FAILED'],
      [item({ date: '2011-3-5' }), 'VALIDATION_FAILED'],
      [item({ persons: [{ name: '王芳', idNumber: '110105194912310021' }] }), 'INVALID_ID_NUMBER'],
      [item({ categoryId: 'nope' }), 'NOT_FOUND'],
      [item({ extra: { unknownField: 'x' } }), 'VALIDATION_FAILED'],
    ];
    for (const [input, code] of cases) {
      const r = await t.call('catalogue.create', input, t.adminToken);
      expect(r).toMatchObject({ ok: false, error: { code } });
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect([t.count('items'), t.count('audit_log'), t.count('change_log')]).toEqual(before);
  });

  it('refuses a duplicate 档号 and never reuses a deleted number silently', async () => {
    const a = await t.ok('catalogue.create', item(), t.adminToken);
    const b = await t.ok('catalogue.create', item(), t.adminToken);
    // Make the category template ignore the item number's class, forcing a clash.
    t.core.ctx.sqlite.prepare('UPDATE items SET archive_code = ? WHERE id = ?').run('J001-WS·2011-Y-BGS-0003', b.id);
    expect(await t.call('catalogue.create', item(), t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_ARCHIVE_CODE' },
    });
    t.core.ctx.sqlite.prepare('UPDATE items SET archive_code = ? WHERE id = ?').run('J001-WS·2011-Y-BGS-0002', b.id);

    expect(await t.call('catalogue.delete', { id: a.id, reason: '' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    await t.ok('catalogue.delete', { id: a.id, reason: '重复登记' }, t.adminToken);
    expect(changes(a.id)).toEqual([
      { op: 'insert', version: 1 },
      { op: 'delete', version: 2 },
    ]);
    const c = await t.ok('catalogue.create', item(), t.adminToken);
    expect(c.archiveCode).toBe('J001-WS·2011-Y-BGS-0003');
    expect((await t.ok('catalogue.query', {}, t.adminToken)).total).toBe(2);
    expect((await t.ok('catalogue.query', { includeDeleted: true }, t.adminToken)).total).toBe(3);

    const scope = { categoryId: ws, year: 2011, retention: 'Y', orgCode: 'BGS' };
    const plan = await t.ok('catalogue.renumber', { scope }, t.adminToken);
    expect(plan).toMatchObject({
      applied: false,
      changes: [
        { from: 'J001-WS·2011-Y-BGS-0002', to: 'J001-WS·2011-Y-BGS-0001' },
        { from: 'J001-WS·2011-Y-BGS-0003', to: 'J001-WS·2011-Y-BGS-0002' },
      ],
    });
    expect((await t.ok('catalogue.get', { id: b.id }, t.adminToken)).archiveCode).toBe('J001-WS·2011-Y-BGS-0002');
    await t.ok('catalogue.renumber', { scope, apply: true }, t.adminToken);
    expect((await t.ok('catalogue.get', { id: c.id }, t.adminToken)).archiveCode).toBe('J001-WS·2011-Y-BGS-0002');
  });

  it('updates with optimistic versions and audits what changed', async () => {
    const a = await t.ok('catalogue.create', item(), t.adminToken);
    const u = await t.ok(
      'catalogue.update',
      { id: a.id, expectedVersion: 1, title: '新题名', persons: [{ name: '张伟', idNumber: '' }] },
      t.adminToken,
    );
    expect(u).toMatchObject({ version: 2, title: '新题名', persons: [{ name: '张伟', idNumber: null }] });
    expect(await t.call('catalogue.update', { id: a.id, expectedVersion: 1, title: 'x' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'VERSION_CONFLICT' },
    });
    const last = (await t.ok('audit.list', { limit: 1 }, t.adminToken)).rows[0]!;
    expect(last).toMatchObject({ action: 'item.update', entityId: a.id });
    expect(last.summary).toContain('title');
  });
});

describe('volumes (案卷)', () => {
  it('files items of a 按卷 category inside a volume, numbered within it', async () => {
    const jt = await categoryId(t, 'ZY·JT');
    expect(
      await t.call(
        'catalogue.create',
        { categoryId: jt, year: 2015, title: '笔录', extra: { accidentNo: 'A1' } },
        t.adminToken,
      ),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_ARRANGEMENT' } });
    const v = await t.ok('volumes.create', { categoryId: jt, year: 2015, title: '北港路两车相撞事故' }, t.adminToken);
    expect(v.archiveCode).toBe('J001-ZY·JT·2015-D30-001');
    const i1 = await t.ok(
      'catalogue.create',
      {
        categoryId: jt,
        year: 2015,
        volumeId: v.id,
        title: '现场勘查笔录',
        extra: { accidentNo: 'SG001', accidentType: '伤人' },
      },
      t.adminToken,
    );
    const i2 = await t.ok(
      'catalogue.create',
      { categoryId: jt, year: 2015, volumeId: v.id, title: '责任认定书', extra: { accidentNo: 'SG001' } },
      t.adminToken,
    );
    expect([i1.archiveCode, i2.archiveCode]).toEqual(['J001-ZY·JT·2015-D30-001-001', 'J001-ZY·JT·2015-D30-001-002']);
    expect(
      await t.call(
        'catalogue.create',
        { categoryId: jt, year: 2015, volumeId: v.id, title: 'x', extra: {} },
        t.adminToken,
      ),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(
      await t.call(
        'catalogue.create',
        { categoryId: jt, year: 2015, volumeId: v.id, title: 'x', extra: { accidentNo: 'S', accidentType: '其它' } },
        t.adminToken,
      ),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await t.ok('volumes.list', { scope: { categoryId: jt } }, t.adminToken))[0]).toMatchObject({
      itemCount: 2,
    });
    expect(await t.call('volumes.delete', { id: v.id, reason: '错建' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'CATEGORY_IN_USE' },
    });
    expect(await t.call('volumes.create', { categoryId: ws, year: 2015, title: 'x' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'WRONG_ARRANGEMENT' },
    });
  });
});

describe('密级 clearance', () => {
  it("hides records above a user's clearance from every list, count, tree and lookup", async () => {
    await t.ok(
      'catalogue.create',
      item({ title: '公开件', persons: [{ name: '王芳', idNumber: '11010519491231002X' }] }),
      t.adminToken,
    );
    const secret = await t.ok(
      'catalogue.create',
      item({ title: '秘密件', securityLevel: 2, persons: [{ name: '赵敏', idNumber: '' }] }),
      t.adminToken,
    );
    const low = await userToken(t, 'gongkai', 'clerk', 0);
    expect((await t.ok('catalogue.query', {}, low)).total).toBe(1);
    expect((await t.ok('catalogue.query', {}, t.adminToken)).total).toBe(2);
    const tree = await t.ok('catalogue.tree', { parent: {} }, low);
    expect(tree.find((n) => n.label.includes('文书'))!.count).toBe(1);
    expect(await t.call('catalogue.get', { id: secret.id }, low)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.ok('persons.search', { q: '赵敏' }, low)).toEqual([]);
    expect(await t.call('catalogue.create', item({ securityLevel: 1 }), low)).toMatchObject({
      ok: false,
      error: { code: 'CLEARANCE_EXCEEDED' },
    });
    const people = await t.ok('persons.search', { q: '1231002x' }, low);
    expect(people.map((p) => p.name)).toEqual(['王芳']);
    const detail = await t.ok('persons.get', { id: people[0]!.id }, low);
    expect(detail.records.map((r) => r.title)).toEqual(['公开件']);
  });
});

describe('一人一档', () => {
  it('links one person across categories by 公民身份号码', async () => {
    const qr = await categoryId(t, 'ZY·HJ·QR');
    const p = { name: '王芳', idNumber: '11010519491231002X' };
    await t.ok('catalogue.create', item({ persons: [p] }), t.adminToken);
    await t.ok(
      'catalogue.create',
      {
        categoryId: qr,
        year: 2012,
        title: '王芳迁入登记',
        persons: [p],
        extra: { idNumber: p.idNumber, businessType: '迁入' },
      },
      t.adminToken,
    );
    const found = await t.ok('persons.search', { q: '王芳' }, t.adminToken);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ sex: '女', birthDate: '19491231', recordCount: 2 });
    const d = await t.ok('persons.get', { id: found[0]!.id }, t.adminToken);
    expect(d.records.map((r) => r.categoryCode).sort()).toEqual(['WS', 'ZY·HJ·QR']);
    expect((await t.ok('catalogue.query', { filters: { personNames: '王芳' } }, t.adminToken)).total).toBe(2);
  });
});

describe('volumes in the tree', () => {
  it("lists a 按卷 category's volumes under 保管期限 with visible item counts, and previews the next 案卷号", async () => {
    const jt = await categoryId(t, 'ZY·JT');
    expect(await t.ok('volumes.nextCode', { categoryId: jt, year: 2016 }, t.adminToken)).toEqual({
      volumeNo: 1,
      archiveCode: 'J001-ZY·JT·2016-D30-001',
    });
    expect(await t.call('volumes.nextCode', { categoryId: ws, year: 2016 }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'WRONG_ARRANGEMENT' },
    });
    const v = await t.ok('volumes.create', { categoryId: jt, year: 2016, title: '人民路事故' }, t.adminToken);
    await t.ok(
      'catalogue.create',
      { categoryId: jt, year: 2016, volumeId: v.id, title: '笔录', extra: { accidentNo: 'S1' } },
      t.adminToken,
    );
    await t.ok(
      'catalogue.create',
      { categoryId: jt, year: 2016, volumeId: v.id, title: '秘密材料', securityLevel: 2, extra: { accidentNo: 'S1' } },
      t.adminToken,
    );
    const low = await userToken(t, 'low', 'clerk', 0);
    const nodes = await t.ok('catalogue.tree', { parent: { categoryId: jt, year: 2016, retention: 'D30' } }, low);
    expect(nodes).toEqual([
      expect.objectContaining({ level: 'volume', count: 1, filter: expect.objectContaining({ volumeId: v.id }) }),
    ]);
    expect((await t.ok('volumes.get', { id: v.id }, t.adminToken)).itemCount).toBe(2);
    expect((await t.ok('catalogue.query', { scope: { volumeId: v.id } }, low)).total).toBe(1);
  });
});
