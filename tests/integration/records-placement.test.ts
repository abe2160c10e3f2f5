import { describe, expect, it } from 'vitest';
import { categoryId, userToken, type TestCore } from '../helpers/test-core';
import { accidentVolumeWithItem, useWsCatalogue, wsItem } from '../helpers/ws-catalogue';

let t: TestCore;
let ws: string;
useWsCatalogue((f) => ({ t, ws } = f));
const item = (over: Record<string, unknown> = {}) => wsItem(ws, over);
const counts = () => [t.count('items'), t.count('audit_log'), t.count('change_log'), t.count('archive_code_history')];
const searchTitles = async (q: string, token = t.adminToken) =>
  (await t.ok('search.query', { q }, token)).hits.map((h) => `${h.archiveCode} ${h.title}`);

describe('更正归档位置 (items)', () => {
  it('re-assigns the next 档号 in the right 年度, keeps the old one in history, search and the audit log', async () => {
    await t.ok('catalogue.create', item({ year: 2012, title: '二〇一二年已有的一件' }), t.adminToken);
    const a = await t.ok('catalogue.create', item({ title: '误归年度的通知' }), t.adminToken);
    expect(a.archiveCode).toBe('J001-WS·2011-Y-BGS-0001');

    const preview = await t.ok(
      'catalogue.placementPreview',
      { id: a.id, categoryId: ws, year: 2012, orgCode: 'BGS' },
      t.adminToken,
    );
    expect(preview).toEqual({ from: 'J001-WS·2011-Y-BGS-0001', to: 'J001-WS·2012-Y-BGS-0002' });

    const fixed = await t.ok(
      'catalogue.correctPlacement',
      {
        id: a.id,
        expectedVersion: a.version,
        categoryId: ws,
        year: 2012,
        orgCode: 'BGS',
        reason: '日期为2012年，误录为2011年',
      },
      t.adminToken,
    );
    expect(fixed).toMatchObject({ archiveCode: 'J001-WS·2012-Y-BGS-0002', year: 2012, itemNo: 2, version: 2 });
    expect((await t.ok('catalogue.get', { id: a.id }, t.adminToken)).archiveCode).toBe('J001-WS·2012-Y-BGS-0002');

    // The record's 档号 history: old, new, why, who.
    const history = await t.ok('catalogue.codeHistory', { id: a.id }, t.adminToken);
    expect(history).toEqual([
      {
        oldCode: 'J001-WS·2011-Y-BGS-0001',
        newCode: 'J001-WS·2012-Y-BGS-0002',
        reason: '日期为2012年，误录为2011年',
        changedBy: '李管理(admin)',
        changedAt: expect.any(String),
      },
    ]);

    // Searching the old 档号 finds the record under its new one; the new one finds it too.
    expect(await searchTitles('J001-WS·2011-Y-BGS-0001')).toEqual(['J001-WS·2012-Y-BGS-0002 误归年度的通知']);
    expect(await searchTitles('J001-WS·2012-Y-BGS-0002')).toContain('J001-WS·2012-Y-BGS-0002 误归年度的通知');

    // One audit row with old and new 档号 and the reason; one change-log row for sync.
    const audit = t.core.ctx.sqlite
      .prepare("SELECT summary, details FROM audit_log WHERE action = 'item.correctPlacement'")
      .all() as { summary: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('J001-WS·2011-Y-BGS-0001 → J001-WS·2012-Y-BGS-0002');
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      from: 'J001-WS·2011-Y-BGS-0001',
      to: 'J001-WS·2012-Y-BGS-0002',
      reason: '日期为2012年，误录为2011年',
    });
    const log = t.core.ctx.sqlite
      .prepare('SELECT op, version FROM change_log WHERE entity_id = ? ORDER BY seq')
      .all(a.id);
    expect(log).toEqual([
      { op: 'insert', version: 1 },
      { op: 'update', version: 2 },
    ]);
    expect((await t.ok('audit.verify', {}, t.adminToken)).ok).toBe(true);
  });

  it('moves an item to another 门类 with the same fields (迁入 → 迁出) and survives a reindex', async () => {
    const qr = await categoryId(t, 'ZY·HJ·QR');
    const qc = await categoryId(t, 'ZY·HJ·QC');
    const a = await t.ok(
      'catalogue.create',
      { categoryId: qr, year: 2015, orgCode: '', title: '张伟迁出登记', extra: { businessType: '迁出' } },
      t.adminToken,
    );
    const fixed = await t.ok(
      'catalogue.correctPlacement',
      { id: a.id, expectedVersion: 1, categoryId: qc, year: 2015, orgCode: '', reason: '应归迁出' },
      t.adminToken,
    );
    expect(fixed).toMatchObject({ categoryId: qc, categoryCode: 'ZY·HJ·QC', archiveCode: 'J001-ZY·HJ·QC·2015-Y-0001' });
    expect(fixed.extra).toEqual(a.extra);
    const job = await t.ok('search.reindex', {}, t.adminToken);
    expect(job.jobId).toBeTruthy();
    await expect.poll(async () => (await t.ok('search.status', {}, t.adminToken)).state).toBe('ready');
    expect(await searchTitles(a.archiveCode)).toEqual([`${fixed.archiveCode} 张伟迁出登记`]);
  });

  it('refuses without a reason, to the same place, to a 门类 whose fields do not fit, and on a stale version', async () => {
    const a = await t.ok('catalogue.create', item(), t.adminToken);
    const zp = await categoryId(t, 'ZP');
    const qr = await categoryId(t, 'ZY·HJ·QR');
    const b = await t.ok(
      'catalogue.create',
      { categoryId: qr, year: 2015, orgCode: '', title: '迁入', extra: { businessType: '迁入' } },
      t.adminToken,
    );
    const before = counts();
    const base = { id: a.id, expectedVersion: 1, categoryId: ws, year: 2012, orgCode: 'BGS' };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...base, reason: '' }, 'VALIDATION_FAILED', /更正原因/],
      [{ ...base, reason: '   ' }, 'VALIDATION_FAILED', /更正原因/],
      [{ ...base, reason: undefined }, 'VALIDATION_FAILED', /更正原因/],
      [{ ...base, year: 2011, reason: '无' }, 'PLACEMENT_UNCHANGED', /相同/],
      [{ ...base, expectedVersion: 5, reason: '过期' }, 'VERSION_CONFLICT', /已被他人修改/],
      [{ ...base, id: b.id, categoryId: zp, reason: '字段不符' }, 'VALIDATION_FAILED', /照片/],
    ];
    for (const [input, code, message] of cases) {
      const r = await t.call('catalogue.correctPlacement', input, t.adminToken);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
    expect(counts()).toEqual(before);
    expect((await t.ok('catalogue.get', { id: a.id }, t.adminToken)).archiveCode).toBe('J001-WS·2011-Y-BGS-0001');
  });

  it('needs the edit permission and enforces 密级 in core: unknown and forbidden ids answer alike', async () => {
    const secret = await t.ok('catalogue.create', item({ title: '秘密件', securityLevel: 2 }), t.adminToken);
    const low = await userToken(t, 'low', 'clerk', 0);
    const auditor = await userToken(t, 'shenji', 'auditor', 2);
    const before = counts();
    const input = (id: string) => ({
      id,
      expectedVersion: 1,
      categoryId: ws,
      year: 2012,
      orgCode: 'BGS',
      reason: '更正',
    });
    const forbidden = await t.call('catalogue.correctPlacement', input(secret.id), low);
    const unknown = await t.call('catalogue.correctPlacement', input('0190a0b0-0000-7000-8000-000000000000'), low);
    expect(forbidden).toEqual(unknown);
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('catalogue.placementPreview', input(secret.id), low)).toEqual(
      await t.call('catalogue.placementPreview', input('0190a0b0-0000-7000-8000-000000000000'), low),
    );
    expect(await t.call('catalogue.codeHistory', { id: secret.id }, low)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.call('catalogue.correctPlacement', input(secret.id), auditor)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(counts()).toEqual(before);
  });

  it('writes nothing when any step fails: item, history, change log and audit stay as they were', async () => {
    const a = await t.ok('catalogue.create', item(), t.adminToken);
    const before = counts();
    // The audit entry is the last write of the correction: failing it must undo the rest.
    t.core.ctx.sqlite.exec(
      `CREATE TEMP TRIGGER fail_correction BEFORE INSERT ON audit_log WHEN NEW.action = 'item.correctPlacement'
       BEGIN SELECT RAISE(ABORT, 'injected'); END`,
    );
    const r = await t.call(
      'catalogue.correctPlacement',
      { id: a.id, expectedVersion: 1, categoryId: ws, year: 2012, orgCode: 'BGS', reason: '更正' },
      t.adminToken,
    );
    expect(r.ok).toBe(false);
    expect(counts()).toEqual(before);
    const now = await t.ok('catalogue.get', { id: a.id }, t.adminToken);
    expect(now).toMatchObject({ archiveCode: 'J001-WS·2011-Y-BGS-0001', year: 2011, version: 1 });
    expect(await searchTitles('J001-WS·2012-Y-BGS-0001')).toEqual([]);
  });

  it('moves an item into the right volume, and refuses a deleted record', async () => {
    const jt = await categoryId(t, 'ZY·JT');
    const v1 = await t.ok('volumes.create', { categoryId: jt, year: 2016, title: '人民路事故' }, t.adminToken);
    const v2 = await t.ok('volumes.create', { categoryId: jt, year: 2016, title: '解放路事故' }, t.adminToken);
    const a = await t.ok(
      'catalogue.create',
      { categoryId: jt, year: 2016, orgCode: '', volumeId: v1.id, title: '询问笔录', extra: { accidentNo: 'SG-1' } },
      t.adminToken,
    );
    const fixed = await t.ok(
      'catalogue.correctPlacement',
      { id: a.id, expectedVersion: 1, categoryId: jt, year: 2016, orgCode: '', volumeId: v2.id, reason: '放错案卷' },
      t.adminToken,
    );
    expect(fixed).toMatchObject({ volumeId: v2.id, archiveCode: `${v2.archiveCode}-001` });
    const b = await t.ok('catalogue.create', item(), t.adminToken);
    await t.ok('catalogue.delete', { id: b.id, reason: '重复' }, t.adminToken);
    expect(
      await t.call(
        'catalogue.correctPlacement',
        { id: b.id, expectedVersion: 2, categoryId: ws, year: 2012, orgCode: 'BGS', reason: '更正' },
        t.adminToken,
      ),
    ).toMatchObject({ ok: false, error: { code: 'RECORD_DELETED' } });
  });
});

describe('更正归档位置 (volumes)', () => {
  it('re-codes the volume and its items, keeping every old 档号 searchable', async () => {
    const { volume: v, item: a } = await accidentVolumeWithItem(t, '现场勘查笔录', 'SG-9');
    expect(a.archiveCode).toBe('J001-ZY·JT·2016-D30-001-001');
    expect(await t.ok('volumes.placementPreview', { id: v.id, year: 2017, orgCode: '' }, t.adminToken)).toEqual({
      from: 'J001-ZY·JT·2016-D30-001',
      to: 'J001-ZY·JT·2017-D30-001',
    });
    const res = await t.ok(
      'volumes.correctPlacement',
      { id: v.id, expectedVersion: v.version, year: 2017, orgCode: '', reason: '事故发生于2017年' },
      t.adminToken,
    );
    expect(res).toMatchObject({
      from: 'J001-ZY·JT·2016-D30-001',
      items: 1,
      volume: { archiveCode: 'J001-ZY·JT·2017-D30-001', year: 2017 },
    });
    expect(await t.ok('catalogue.get', { id: a.id }, t.adminToken)).toMatchObject({
      archiveCode: 'J001-ZY·JT·2017-D30-001-001',
      year: 2017,
    });
    expect(
      (await t.ok('catalogue.codeHistory', { id: v.id, entity: 'volume' }, t.adminToken)).map((h) => h.oldCode),
    ).toEqual(['J001-ZY·JT·2016-D30-001']);
    expect(await searchTitles('J001-ZY·JT·2016-D30-001-001')).toEqual(['J001-ZY·JT·2017-D30-001-001 现场勘查笔录']);
    expect(t.count("audit_log WHERE action = 'volume.correctPlacement'")).toBe(1);
  });
});
