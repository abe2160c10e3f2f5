import { describe, expect, it } from 'vitest';
import { userToken, type TestCore } from '../helpers/test-core';
import { accidentVolumeWithItem, useWsCatalogue, wsItem } from '../helpers/ws-catalogue';

let t: TestCore;
let ws: string;
useWsCatalogue((f) => ({ t, ws } = f));
const item = (over: Record<string, unknown> = {}) => wsItem(ws, over);
const counts = () => [t.count('audit_log'), t.count('change_log'), t.count('archive_code_history')];

describe('a deleted record', () => {
  it('tells who deleted it, when and why; is read-only; unknown and above-clearance ids answer alike', async () => {
    const clerk = await userToken(t, 'wangli', 'clerk', 2);
    const a = await t.ok('catalogue.create', item(), t.adminToken);
    t.clock.advance(10 * 60_000);
    await t.ok('catalogue.delete', { id: a.id, reason: '与 0002 重复登记' }, clerk);

    const info = await t.ok('catalogue.deletion', { id: a.id }, t.adminToken);
    expect(info).toEqual({
      deletedAt: '2026-01-05T08:10:00.000Z',
      deletedBy: 'wangli(wangli)',
      reason: '与 0002 重复登记',
      restoreCode: 'J001-WS·2011-Y-BGS-0001',
      codeTaken: false,
      restoreBlocked: null,
    });
    expect(await t.ok('catalogue.get', { id: a.id }, t.adminToken)).toMatchObject({
      deletedReason: '与 0002 重复登记',
    });

    // Read-only: an edit says the record is deleted, not that it does not exist.
    const edit = await t.call(
      'catalogue.update',
      { id: a.id, expectedVersion: 2, title: '改', securityLevel: 0 },
      t.adminToken,
    );
    expect(edit).toMatchObject({ ok: false, error: { code: 'RECORD_DELETED' } });
    if (!edit.ok) expect(edit.error.message).toMatch(/已删除/);

    const live = await t.ok('catalogue.create', item({ title: '在用件' }), t.adminToken);
    expect(await t.call('catalogue.deletion', { id: live.id }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'NOT_DELETED' },
    });

    const secret = await t.ok('catalogue.create', item({ title: '秘密件', securityLevel: 2 }), t.adminToken);
    await t.ok('catalogue.delete', { id: secret.id, reason: '作废' }, t.adminToken);
    const low = await userToken(t, 'low', 'clerk', 0);
    const unknown = '0190a0b0-0000-7000-8000-000000000000';
    expect(await t.call('catalogue.deletion', { id: secret.id }, low)).toEqual(
      await t.call('catalogue.deletion', { id: unknown }, low),
    );
    expect(await t.call('catalogue.deletion', { id: secret.id }, low)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('撤销删除', () => {
  it('is for administrators only, keeps the 档号 when free, and is audited with a change-log row', async () => {
    const clerk = await userToken(t, 'wangli', 'clerk', 2);
    const a = await t.ok('catalogue.create', item(), t.adminToken);
    await t.ok('catalogue.delete', { id: a.id, reason: '误删' }, clerk);
    const before = counts();
    expect(await t.call('catalogue.restore', { id: a.id }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(counts()).toEqual(before);

    const res = await t.ok('catalogue.restore', { id: a.id }, t.adminToken);
    expect(res).toMatchObject({
      previousCode: 'J001-WS·2011-Y-BGS-0001',
      recoded: false,
      item: { archiveCode: 'J001-WS·2011-Y-BGS-0001', deletedAt: null, deletedReason: null, version: 3 },
    });
    expect((await t.ok('catalogue.query', {}, t.adminToken)).total).toBe(1);
    expect((await t.ok('search.query', { q: '户籍管理' }, t.adminToken)).hits.map((h) => h.deleted)).toEqual([false]);
    const audit = t.core.ctx.sqlite
      .prepare("SELECT summary, details FROM audit_log WHERE action = 'item.restore'")
      .all() as { summary: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('撤销删除件 J001-WS·2011-Y-BGS-0001');
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ deletedReason: '误删', recoded: false });
    const log = t.core.ctx.sqlite
      .prepare('SELECT op, version FROM change_log WHERE entity_id = ? ORDER BY seq')
      .all(a.id);
    expect(log).toEqual([
      { op: 'insert', version: 1 },
      { op: 'delete', version: 2 },
      { op: 'update', version: 3 },
    ]);
    expect(await t.call('catalogue.restore', { id: a.id }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'NOT_DELETED' },
    });
    expect((await t.ok('audit.verify', {}, t.adminToken)).ok).toBe(true);
  });

  it('gives the next free 档号 when its own was taken meanwhile, says so, and keeps the old one searchable', async () => {
    const a = await t.ok('catalogue.create', item({ title: '原件' }), t.adminToken);
    await t.ok('catalogue.delete', { id: a.id, reason: '误删' }, t.adminToken);
    // Someone renumbered the class after the deletion: 0001 now belongs to another item.
    const b = await t.ok('catalogue.create', item({ title: '后来的件' }), t.adminToken);
    expect(b.archiveCode).toBe('J001-WS·2011-Y-BGS-0002');
    await t.ok(
      'catalogue.renumber',
      { scope: { categoryId: ws, year: 2011, retention: 'Y', orgCode: 'BGS' }, apply: true },
      t.adminToken,
    );
    expect((await t.ok('catalogue.get', { id: b.id }, t.adminToken)).archiveCode).toBe('J001-WS·2011-Y-BGS-0001');

    expect(await t.ok('catalogue.deletion', { id: a.id }, t.adminToken)).toMatchObject({
      codeTaken: true,
      restoreCode: 'J001-WS·2011-Y-BGS-0002',
    });
    const res = await t.ok('catalogue.restore', { id: a.id }, t.adminToken);
    expect(res).toMatchObject({
      previousCode: 'J001-WS·2011-Y-BGS-0001',
      recoded: true,
      item: { archiveCode: 'J001-WS·2011-Y-BGS-0002', itemNo: 2 },
    });
    expect(await t.ok('catalogue.codeHistory', { id: a.id }, t.adminToken)).toMatchObject([
      {
        oldCode: 'J001-WS·2011-Y-BGS-0001',
        newCode: 'J001-WS·2011-Y-BGS-0002',
        reason: expect.stringContaining('已被占用'),
      },
    ]);
    const audit = t.core.ctx.sqlite
      .prepare("SELECT summary FROM audit_log WHERE action = 'item.restore'")
      .pluck()
      .get() as string;
    expect(audit).toContain('原档号 J001-WS·2011-Y-BGS-0001 已被占用，改为 J001-WS·2011-Y-BGS-0002');
    const hits = (await t.ok('search.query', { q: 'J001-WS·2011-Y-BGS-0001' }, t.adminToken)).hits;
    expect(hits.map((h) => `${h.archiveCode} ${h.title}`).sort()).toEqual([
      'J001-WS·2011-Y-BGS-0001 后来的件',
      'J001-WS·2011-Y-BGS-0002 原件',
    ]);
  });

  it('refuses an item whose volume is deleted, saying why, and changes nothing', async () => {
    const { volume: v, item: a } = await accidentVolumeWithItem(t, '询问笔录', 'SG-1');
    await t.ok('catalogue.delete', { id: a.id, reason: '误录' }, t.adminToken);
    await t.ok('volumes.delete', { id: v.id, reason: '撤卷' }, t.adminToken);
    expect((await t.ok('catalogue.deletion', { id: a.id }, t.adminToken)).restoreBlocked).toMatch(/案卷已删除/);
    const before = counts();
    const r = await t.call('catalogue.restore', { id: a.id }, t.adminToken);
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/案卷已删除/) } });
    expect(counts()).toEqual(before);
  });
});
