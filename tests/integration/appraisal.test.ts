/**
 * 鉴定 / 销毁 / 开放鉴定 / 解密 (issue 19) through dispatch on a real SQLite file, one core for the
 * file: the due list by the injected clock, decisions, a destruction list compiled by a clerk and
 * approved by the station head with a password signature, executed into tombstones (content gone,
 * catalogue entry kept); every refusal changes nothing; 解密 is seen by search and lending at once;
 * the 销毁清册 and 开放鉴定表 print (pdftotext, field by field) and export (.xlsx).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appraisalKit } from '../helpers/appraisal-kit';
import { categoryId, makeTestCore, type TestCore, USER_PASSWORD, userToken } from '../helpers/test-core';

let t: TestCore;
let clerk: string; // 档案员 (appraisal group), clearance 内部
let head: string; // 所长, clearance 秘密
let ws: string;
const { scanned, found, refused, pdfText } = appraisalKit(() => t);

beforeAll(async () => {
  t = await makeTestCore();
  clerk = await userToken(t, 'clerk1', 'clerk', 1);
  head = await userToken(t, 'head1', 'head', 2);
  ws = await categoryId(t, 'WS');
}, 60_000);
afterAll(async () => t?.close());

const item = async (title: string, year: number, retention: 'Y' | 'D30' | 'D10', securityLevel = 0) =>
  (await t.ok('catalogue.create', { categoryId: ws, year, retention, title, securityLevel }, t.adminToken)) as {
    id: string;
    archiveCode: string;
  };

describe('appraisal and destruction', () => {
  it('lists what expired by the clock, refuses out-of-order steps, and destroys into a tombstone', async () => {
    const old = await item('张三户籍迁移登记', 2000, 'D10'); // kept to 2010: expired in 2026
    const held = await item('李四案件材料', 2001, 'D10');
    const young = await item('王五暂住登记', 2020, 'D10'); // kept to 2030
    const kept = await item('永久卷宗', 1990, 'Y');
    scanned(old.id, '迁移证明 张三 身份证');
    expect(await found('迁移证明')).toContain(old.id);

    const due = await t.ok('appraisal.due', {}, clerk);
    const dueIds = due.rows.map((r) => r.itemId);
    expect(dueIds).toEqual(expect.arrayContaining([old.id, held.id]));
    expect(dueIds).not.toContain(young.id);
    expect(dueIds).not.toContain(kept.id);
    expect(due.rows.find((r) => r.itemId === old.id)!.expiredAfter).toBe(2010);

    // Not expired; not the appraisal group; no new period for 继续保存.
    await refused(
      'appraisal.decide',
      { itemId: young.id, decision: 'destroy', round: 'R1' },
      clerk,
      'APPRAISAL_NOT_EXPIRED',
      `${young.archiveCode} 保管期限到 2030 年底，尚未到期，不能销毁`,
    );
    await refused('appraisal.decide', { itemId: old.id, decision: 'destroy', round: 'R1' }, head, 'FORBIDDEN');
    await refused('appraisal.decide', { itemId: old.id, decision: 'keep', round: 'R1' }, clerk, 'VALIDATION_FAILED');

    await t.ok('appraisal.decide', { itemId: old.id, decision: 'destroy', round: 'R1', reason: '已无保存价值' }, clerk);
    await t.ok('appraisal.decide', { itemId: held.id, decision: 'destroy', round: 'R1' }, clerk);
    // 继续保存 for ten more years takes it off the due list.
    const k = await item('继续保存件', 2000, 'D10');
    await t.ok('appraisal.decide', { itemId: k.id, decision: 'keep', newRetention: 'D10', round: 'R1' }, clerk);
    expect((await t.ok('appraisal.due', { limit: 500 }, clerk)).rows.map((r) => r.itemId)).not.toContain(k.id);

    await refused('destruction.create', { round: 'R9', listNo: 'XH-0' }, clerk, 'DESTRUCTION_EMPTY');
    const list = await t.ok('destruction.create', { round: 'R1', listNo: 'XH-2026-01' }, clerk);
    expect(list.entries.map((e) => e.archiveCode).sort()).toEqual([old.archiveCode, held.archiveCode].sort());
    await refused(
      'appraisal.decide',
      { itemId: old.id, decision: 'keep', newRetention: 'D10', round: 'R2' },
      clerk,
      'APPRAISAL_LISTED',
    );

    // No approval yet; own list; wrong password; not the head.
    await refused(
      'destruction.execute',
      { id: list.id },
      clerk,
      'DESTRUCTION_NOT_APPROVED',
      '销毁清册 XH-2026-01 尚未经所长批准，不能销毁',
    );
    const clerkHead = await userToken(t, 'clerk-head', 'head', 2);
    await refused(
      'destruction.approve',
      { id: list.id, password: 'Wrong-Passw0rd' },
      clerkHead,
      'SIGNATURE_PASSWORD_WRONG',
    );
    await refused(
      'destruction.approve',
      { id: list.id, password: USER_PASSWORD },
      clerk,
      'FORBIDDEN',
      /当前账号无权执行此操作/,
    );
    // The administrator may compile and approve, but never their own list.
    const mine = await item('管理员鉴定件', 2000, 'D10');
    await t.ok('appraisal.decide', { itemId: mine.id, decision: 'destroy', round: 'R3' }, t.adminToken);
    const ownList = await t.ok('destruction.create', { round: 'R3', listNo: 'XH-3' }, t.adminToken);
    await refused(
      'destruction.approve',
      { id: ownList.id, password: 'Adm1n-Passw0rd' },
      t.adminToken,
      'DESTRUCTION_OWN_LIST',
      '不能审批自己编制的销毁清册，请由所长审批',
    );

    const approved = await t.ok('destruction.approve', { id: list.id, password: USER_PASSWORD }, head);
    expect(approved.status).toBe('approved');
    expect(approved.approvedByName).toContain('head1');
    expect(approved.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await refused('destruction.approve', { id: list.id, password: USER_PASSWORD }, clerkHead, 'DESTRUCTION_STEP');

    // A legal hold placed after approval stops execution; released, it goes ahead.
    await t.ok('appraisal.hold', { itemId: held.id, hold: true, reason: '诉讼保全' }, clerk);
    await refused(
      'destruction.execute',
      { id: list.id },
      clerk,
      'APPRAISAL_HELD',
      `${held.archiveCode} 处于冻结（诉讼保全）状态，不能销毁`,
    );
    await t.ok('appraisal.hold', { itemId: held.id, hold: false, reason: '诉讼结束' }, clerk);

    const done = await t.ok('destruction.execute', { id: list.id }, clerk);
    expect(done.status).toBe('executed');
    await refused('destruction.execute', { id: list.id }, clerk, 'DESTRUCTION_STEP', '销毁清册 XH-2026-01 已经销毁过');

    const db = t.core.ctx.sqlite;
    expect(db.prepare('SELECT count(*) n FROM page_texts WHERE item_id = ?').get(old.id)).toEqual({ n: 0 });
    expect(
      db.prepare('SELECT deleted_reason r, processed_sha256 p FROM pages WHERE item_id = ?').get(old.id),
    ).toMatchObject({ p: null, r: expect.stringContaining('销毁') });
    expect(db.prepare('SELECT count(*) n FROM item_persons WHERE item_id = ?').get(old.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT deleted_at IS NOT NULL d FROM items WHERE id = ?').get(old.id)).toEqual({ d: 1 });
    const tomb = db
      .prepare('SELECT archive_code, title, year, approved_by_name FROM destruction_tombstones WHERE entity_id = ?')
      .get(old.id) as Record<string, unknown>;
    expect(tomb).toMatchObject({ archive_code: old.archiveCode, title: '张三户籍迁移登记', year: 2000 });
    expect(String(tomb.approved_by_name)).toContain('head1');
    expect(await found('迁移证明')).not.toContain(old.id);

    // The 销毁清册, field by field, and its .xlsx.
    const pdf = await t.ok('destruction.print', { id: list.id, format: 'pdf' }, head);
    const text = pdfText(pdf.base64);
    for (const s of [
      '销毁清册-XH-2026-01',
      '清册编号：XH-2026-01',
      'R1',
      old.archiveCode,
      '张三户籍迁移登记',
      '已无保存价值',
      '批准人：head1',
      '批准时间：2026-01-05',
    ])
      expect(text).toContain(s);
    const xlsx = await t.ok('destruction.print', { id: list.id, format: 'xlsx' }, head);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    expect(cells).toContain(old.archiveCode);
    expect(cells).toContain('批准人：head1');
  });
});

describe('opening review and declassification', () => {
  it('reviews a record of 25 years, signed, and a 解密 is seen by search and lending at once', async () => {
    const secret = await item('1995年治安秘密档案', 1995, 'Y', 2);
    const recent = await item('2010年档案', 2010, 'Y');
    const due = await t.ok('opening.due', { limit: 500 }, head);
    expect(due.years).toBe(25);
    expect(due.rows.map((r) => r.itemId)).toContain(secret.id);
    expect(due.rows.map((r) => r.itemId)).not.toContain(recent.id);
    // A clerk of clearance 内部 neither sees it due nor finds it.
    expect((await t.ok('opening.due', { limit: 500 }, clerk)).rows.map((r) => r.itemId)).not.toContain(secret.id);
    expect(await found('治安秘密档案', clerk)).not.toContain(secret.id);

    await refused(
      'opening.decide',
      { itemId: recent.id, result: 'open', reason: '无', password: USER_PASSWORD },
      head,
      'OPENING_NOT_DUE',
    );
    await refused(
      'opening.decide',
      { itemId: secret.id, result: 'open', reason: '无', password: 'Wrong-Passw0rd' },
      head,
      'SIGNATURE_PASSWORD_WRONG',
    );
    await refused(
      'opening.decide',
      { itemId: secret.id, result: 'open', reason: '无', password: USER_PASSWORD },
      clerk,
      'FORBIDDEN',
    );
    const review = await t.ok(
      'opening.decide',
      { itemId: secret.id, result: 'control', reason: '涉及个人隐私', disclosure: '未公开', password: USER_PASSWORD },
      head,
    );
    expect(review.reviewerName).toContain('head1');
    expect((await t.ok('opening.due', { limit: 500 }, head)).rows.map((r) => r.itemId)).not.toContain(secret.id);

    await refused(
      'security.change',
      { itemId: secret.id, newLevel: 2, effectiveDate: '2026-01-05', reason: '无', password: USER_PASSWORD },
      head,
      'SECURITY_UNCHANGED',
    );
    const change = await t.ok(
      'security.change',
      { itemId: secret.id, newLevel: 0, effectiveDate: '2026-01-05', reason: '保密期限已满', password: USER_PASSWORD },
      head,
    );
    expect(change).toMatchObject({ kind: 'declassify', oldLevel: 2, newLevel: 0 });
    expect(t.core.ctx.sqlite.prepare('SELECT access_level a FROM items WHERE id = ?').get(secret.id)).toEqual({ a: 0 });
    expect(await found('治安秘密档案', clerk)).toContain(secret.id);
    const loan = await t.ok(
      'lending.create',
      {
        borrowerKind: 'officer',
        borrowerName: '王警官',
        purpose: '工作查考',
        way: '阅览',
        fromDate: '2026-01-05',
        dueDate: '2026-01-06',
        itemIds: [secret.id],
      },
      clerk,
    );
    expect(loan.records[0]!.securityLevel).toBe(0);
    expect(loan.headReasons).toEqual([]);

    const text = pdfText((await t.ok('opening.print', { format: 'pdf' }, head)).base64);
    for (const s of [
      '开放鉴定表',
      secret.archiveCode,
      '1995年治安秘密档案',
      '控制',
      '涉及个人隐私',
      '未公开',
      'head1',
      '2026-01-05',
    ])
      expect(text).toContain(s);
  });
});
