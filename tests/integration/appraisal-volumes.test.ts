/**
 * 案卷 (volumes) in appraisal, destruction and opening review (issue 19), through dispatch on a real
 * SQLite file with the injected clock (2026): an expired volume is listed beside items, decided,
 * listed for destruction, approved with the head's signature and executed: the content of every
 * item in it is gone, one tombstone keeps the volume, and the 销毁清册 prints it with 卷 as the unit.
 * A held volume, a volume holding a held item and an item in a held volume are refused, nothing
 * changed. Opening review and 解密 of a volume: its items follow and search sees them at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appraisalKit } from '../helpers/appraisal-kit';
import { categoryId, makeTestCore, type TestCore, USER_PASSWORD, userToken } from '../helpers/test-core';

let t: TestCore;
let clerk: string; // 档案员 (appraisal group), clearance 内部
let head: string; // 所长, clearance 秘密
let cl: string;
const { scanned, found, refused, pdfText } = appraisalKit(() => t);

beforeAll(async () => {
  t = await makeTestCore();
  clerk = await userToken(t, 'clerk1', 'clerk', 1);
  head = await userToken(t, 'head1', 'head', 2);
  cl = await categoryId(t, 'ZY·CL');
}, 60_000);
afterAll(async () => t?.close());

type Rec = { id: string; archiveCode: string };
const volume = async (title: string, year: number, retention: 'Y' | 'D30' | 'D10', securityLevel = 0) =>
  (await t.ok('volumes.create', { categoryId: cl, year, retention, title, securityLevel }, t.adminToken)) as Rec;
const inside = async (volumeId: string, title: string, year: number, securityLevel = 0) =>
  (await t.ok(
    'catalogue.create',
    { categoryId: cl, year, retention: 'D10', volumeId, title, securityLevel, pageCount: 2 },
    t.adminToken,
  )) as Rec;
const sql = (q: string, ...args: unknown[]) => t.core.ctx.sqlite.prepare(q).get(...args) as Record<string, unknown>;

describe('volumes in appraisal and destruction', () => {
  it('lists an expired volume, destroys it whole into one tombstone, and refuses holds', async () => {
    const v = await volume('湘F12345 车辆档案', 2015, 'D10'); // kept to 2025: expired in 2026
    const young = await volume('湘F67890 车辆档案', 2016, 'D10'); // kept to 2026
    const a = await inside(v.id, '机动车登记申请表', 2015);
    const b = await inside(v.id, '车主身份证明', 2015);
    scanned(a.id, '登记申请 赵六 发动机号');
    scanned(b.id, '居民身份证 赵六');
    expect(await found('发动机号')).toContain(a.id);

    const due = await t.ok('appraisal.due', { limit: 500 }, clerk);
    const row = due.rows.find((r) => r.itemId === v.id)!;
    expect(row).toMatchObject({ entity: 'volume', archiveCode: v.archiveCode, title: '湘F12345 车辆档案' });
    expect(row.expiredAfter).toBe(2025);
    expect(due.rows.map((r) => r.itemId)).not.toContain(young.id);
    expect(due.total).toBe(due.rows.length);

    await refused(
      'appraisal.decide',
      { entity: 'volume', itemId: young.id, decision: 'destroy', round: 'V1' },
      clerk,
      'APPRAISAL_NOT_EXPIRED',
    );
    // A volume's id named as an item is no record at all.
    await refused('appraisal.decide', { itemId: v.id, decision: 'destroy', round: 'V1' }, clerk, 'NOT_FOUND');
    // 继续保存 on a volume takes it off the due list.
    const k = await volume('继续保存案卷', 2000, 'D10');
    await t.ok(
      'appraisal.decide',
      { entity: 'volume', itemId: k.id, decision: 'keep', newRetention: 'D30', round: 'V1' },
      clerk,
    );
    expect((await t.ok('appraisal.due', { limit: 500 }, clerk)).rows.map((r) => r.itemId)).not.toContain(k.id);
    await t.ok(
      'appraisal.decide',
      { entity: 'volume', itemId: v.id, decision: 'destroy', round: 'V1', reason: '车辆已注销' },
      clerk,
    );
    const listed = (await t.ok('appraisal.due', { limit: 500 }, clerk)).rows.find((r) => r.itemId === v.id)!;
    expect(listed.decision?.decision).toBe('destroy');

    const list = await t.ok('destruction.create', { round: 'V1', listNo: 'XH-2026-V1' }, clerk);
    expect(list.entries).toEqual([expect.objectContaining({ entity: 'volume', itemId: v.id })]);
    await t.ok('destruction.approve', { id: list.id, password: USER_PASSWORD }, head);

    // A hold on the volume, then on an item in it: execution refused, nothing changed.
    await t.ok('appraisal.hold', { entity: 'volume', itemId: v.id, hold: true, reason: '诉讼保全' }, clerk);
    expect((await t.ok('appraisal.due', { limit: 500 }, clerk)).rows.find((r) => r.itemId === v.id)!.held).toBe(true);
    expect(await refused('destruction.execute', { id: list.id }, clerk, 'APPRAISAL_HELD')).toContain(v.archiveCode);
    await t.ok('appraisal.hold', { entity: 'volume', itemId: v.id, hold: false, reason: '诉讼结束' }, clerk);
    await t.ok('appraisal.hold', { itemId: b.id, hold: true, reason: '诉讼保全' }, clerk);
    const msg = await refused('destruction.execute', { id: list.id }, clerk, 'APPRAISAL_HELD');
    expect(msg).toContain(`案卷 ${v.archiveCode} 内的 ${b.archiveCode}`);
    await t.ok('appraisal.hold', { itemId: b.id, hold: false, reason: '诉讼结束' }, clerk);

    const done = await t.ok('destruction.execute', { id: list.id }, clerk);
    expect(done.status).toBe('executed');
    for (const it of [a, b]) {
      expect(sql('SELECT count(*) n FROM page_texts WHERE item_id = ?', it.id)).toEqual({ n: 0 });
      expect(sql('SELECT deleted_reason r, processed_sha256 p FROM pages WHERE item_id = ?', it.id)).toMatchObject({
        p: null,
        r: expect.stringContaining('XH-2026-V1'),
      });
      expect(sql('SELECT person_names p, deleted_at IS NOT NULL d FROM items WHERE id = ?', it.id)).toEqual({
        p: '',
        d: 1,
      });
    }
    expect(sql('SELECT deleted_at IS NOT NULL d FROM volumes WHERE id = ?', v.id)).toEqual({ d: 1 });
    expect(await found('发动机号')).not.toContain(a.id);
    // One tombstone, the volume's (its items are counted in it, not listed on their own).
    expect(sql('SELECT count(*) n FROM destruction_tombstones WHERE list_id = ?', list.id)).toEqual({ n: 1 });
    expect(
      sql(
        'SELECT entity, archive_code, title, year, retention, page_count, approved_by_name FROM destruction_tombstones WHERE entity_id = ?',
        v.id,
      ),
    ).toMatchObject({ entity: 'volume', archive_code: v.archiveCode, year: 2015, retention: 'D10', page_count: 4 });

    const text = pdfText((await t.ok('destruction.print', { id: list.id, format: 'pdf' }, head)).base64);
    expect(text).toMatch(/共\s*1\s*卷/);
    expect(text).toMatch(new RegExp(`${v.archiveCode.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+卷\\s+湘F12345`));
  });

  it('refuses to destroy an item inside a held volume, nothing changed', async () => {
    const v = await volume('冻结案卷', 2010, 'D10');
    const it = await inside(v.id, '卷内文件', 2010);
    await t.ok('appraisal.decide', { itemId: it.id, decision: 'destroy', round: 'V2' }, clerk);
    const list = await t.ok('destruction.create', { round: 'V2', listNo: 'XH-2026-V2' }, clerk);
    await t.ok('destruction.approve', { id: list.id, password: USER_PASSWORD }, head);
    await t.ok('appraisal.hold', { entity: 'volume', itemId: v.id, hold: true, reason: '诉讼保全' }, clerk);
    const msg = await refused('destruction.execute', { id: list.id }, clerk, 'APPRAISAL_HELD');
    expect(msg).toContain(`所在案卷 ${v.archiveCode}`);
  });
});

describe('volumes in opening review and declassification', () => {
  it('reviews a volume of 25 years; its 解密 opens its items to search at once', async () => {
    const v = await volume('1995年治安秘密案卷', 1995, 'Y', 2);
    const it = await inside(v.id, '治安秘密卷内材料', 1995, 2);
    scanned(it.id, '线索材料 秘密');
    const due = await t.ok('opening.due', { limit: 500 }, head);
    expect(due.rows.find((r) => r.itemId === v.id)).toMatchObject({ entity: 'volume', securityLevel: 2 });
    // Below the volume's level it is neither due, reviewed nor found.
    expect((await t.ok('opening.due', { limit: 500 }, clerk)).rows.map((r) => r.itemId)).not.toContain(v.id);
    expect(await found('线索材料', clerk)).not.toContain(it.id);
    await refused(
      'opening.decide',
      { entity: 'volume', itemId: v.id, result: 'open', reason: '无', password: USER_PASSWORD },
      clerk,
      'FORBIDDEN',
    );

    const review = await t.ok(
      'opening.decide',
      { entity: 'volume', itemId: v.id, result: 'open', reason: '已过保密期', password: USER_PASSWORD },
      head,
    );
    expect(review).toMatchObject({ entity: 'volume', itemId: v.id });
    expect((await t.ok('opening.due', { limit: 500 }, head)).rows.map((r) => r.itemId)).not.toContain(v.id);
    expect((await t.ok('opening.list', {}, clerk)).map((r) => r.itemId)).not.toContain(v.id);

    const change = await t.ok(
      'security.change',
      {
        entity: 'volume',
        itemId: v.id,
        newLevel: 0,
        effectiveDate: '2026-01-05',
        reason: '保密期限已满',
        password: USER_PASSWORD,
      },
      head,
    );
    expect(change).toMatchObject({ entity: 'volume', kind: 'declassify', oldLevel: 2, newLevel: 0 });
    expect(sql('SELECT security_level s FROM volumes WHERE id = ?', v.id)).toEqual({ s: 0 });
    expect(sql('SELECT security_level s, access_level a FROM items WHERE id = ?', it.id)).toEqual({ s: 0, a: 0 });
    expect(await found('线索材料', clerk)).toContain(it.id);
    expect((await t.ok('opening.list', {}, clerk)).map((r) => r.itemId)).toContain(v.id);
    const loan = await t.ok(
      'lending.create',
      {
        borrowerKind: 'officer',
        borrowerName: '王警官',
        purpose: '工作查考',
        way: '阅览',
        fromDate: '2026-01-05',
        dueDate: '2026-01-06',
        volumeIds: [v.id],
      },
      clerk,
    );
    expect(loan.records[0]!.securityLevel).toBe(0);

    const text = pdfText((await t.ok('opening.print', { format: 'pdf' }, head)).base64);
    expect(text).toMatch(new RegExp(`${v.archiveCode.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+卷\\s+1995年`));
  });
});
