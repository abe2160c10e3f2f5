/**
 * 借阅/利用 (issue 19) through dispatch on a real SQLite file, one core for the file: a request
 * filed by a clerk, decided by the station head with a password signature, handed out by its
 * scanned label (showing where it stands), returned with pages and outcome; every refusal of
 * the issue's "Bad input" that concerns lending changes nothing; the year's counts equal counts
 * computed here from the raw loan rows with the rules of reference §11; the register prints.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoanPurpose } from '../../electron/contract/lending';
import { labelPayload } from '../../electron/core/shelving';
import { dangan, setupViaCli } from '../helpers/cli';
import { addBox, addPlace } from '../helpers/shelf-fixture';
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
let clerk: string; // 档案员, clearance 内部
let head: string; // 所长, clearance 秘密
let low: string; // 登记员, clearance 公开
let clerk2: string; // 档案员, clearance 秘密
let ws: string;
let ku: string;
const DAY = 86_400_000;
const TABLES = ['loan_requests', 'loan_records', 'loan_decisions', 'signatures', 'audit_log', 'change_log'];
const rows = () => TABLES.map((n) => t.count(n));

beforeAll(async () => {
  t = await makeTestCore();
  clerk = await userToken(t, 'clerk1', 'clerk', 1);
  head = await userToken(t, 'head1', 'head', 2);
  low = await userToken(t, 'reg0', 'registry', 0);
  clerk2 = await userToken(t, 'clerk2', 'clerk', 2);
  ws = await categoryId(t, 'WS');
  ku = await categoryId(t, 'KU');
}, 60_000);
afterAll(async () => t?.close());

const item = async (title: string, securityLevel = 0) =>
  (await t.ok('catalogue.create', { categoryId: ws, year: 2020, title, securityLevel }, t.adminToken)) as {
    id: string;
    archiveCode: string;
  };
const request = (
  ids: { itemIds?: string[]; volumeIds?: string[]; codes?: string[] },
  over: Record<string, unknown> = {},
) => ({
  borrowerKind: 'officer',
  borrowerName: '王警官',
  borrowerUnit: '刑侦中队',
  purpose: '工作查考',
  way: '阅览',
  fromDate: '2026-01-05',
  dueDate: '2026-01-19',
  ...ids,
  ...over,
});
/** Moves the clock on; sessions idle past their timeout, so everyone logs in again. */
async function later(ms: number) {
  t.clock.advance(ms);
  t.adminToken = await t.login(ADMIN.username, ADMIN.password);
  clerk = await t.login('clerk1', USER_PASSWORD);
  head = await t.login('head1', USER_PASSWORD);
  low = await t.login('reg0', USER_PASSWORD);
  clerk2 = await t.login('clerk2', USER_PASSWORD);
}
const approve = (id: string, token = head, password = USER_PASSWORD) =>
  t.call('lending.decide', { id, decision: 'approved', comment: '同意', password }, token);

/**
 * Calls that must fail with `code` (and, when given, exactly this Chinese `message`) and leave
 * every lending table, audit and change log as they were.
 */
async function refused(
  code: string,
  method: Parameters<TestCore['call']>[0],
  input: unknown,
  token: string,
  message?: string | RegExp,
) {
  const before = rows();
  const r = await t.call(method, input, token);
  expect(r.ok, `${method} should be refused with ${code}`).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    if (message !== undefined) expect(r.error.message).toMatch(message);
  }
  expect(rows()).toEqual(before);
  return r;
}

describe('lending', () => {
  it('runs a loan from request to signed approval to hand-out by label to return with outcome', async () => {
    const rec = await item('户口迁移审批表');
    const room = addPlace(t.core.ctx, 'KF1', 'A库房');
    const shelf = addPlace(t.core.ctx, 'KF1-A', '1列', room);
    const layer = addPlace(t.core.ctx, 'KF1-A-1', '1层', shelf);
    const box = addBox(t.core.ctx, 7, layer);
    t.core.ctx.sqlite
      .prepare('INSERT INTO box_contents (entity, entity_id, box_id, position) VALUES (?, ?, ?, 1)')
      .run('item', rec.id, box.id);
    const loan = await t.ok('lending.create', request({ itemIds: [rec.id] }), clerk);
    expect(loan).toMatchObject({ status: 'pending', headReasons: [], filedByName: 'clerk1(clerk1)' });
    const queue = await t.ok('lending.list', { queue: true }, head);
    expect(queue.map((q) => q.id)).toContain(loan.id);
    expect((await t.ok('lending.list', { queue: true }, clerk)).map((q) => q.id)).not.toContain(loan.id);

    await later(60_000);
    const decided = await approve(loan.id);
    expect(decided.ok).toBe(true);
    const sig = t.core.ctx.sqlite
      .prepare(
        'SELECT kind, entity, entity_id entityId, signer_role signerRole, content_hash contentHash FROM signatures',
      )
      .get() as Record<string, string>;
    expect(sig).toMatchObject({ kind: 'loan.approve', entity: 'loan_request', entityId: loan.id, signerRole: 'head' });
    expect(sig.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const code = labelPayload('item', rec.archiveCode, rec.id);
    const out = await t.ok('lending.handOut', { code: `  ${code} ` }, clerk);
    expect(out.record.status).toBe('out');
    expect(out.place).toBe('A库房 / 1列 / 1层');
    expect(out.boxCode).toBe(box.code);
    expect(out.message).toContain('A库房 / 1列 / 1层');

    await later(3 * DAY);
    const back = await t.ok(
      'lending.return',
      {
        code,
        pagesChecked: 4,
        intact: true,
        solved: true,
        servedWhat: '落实户籍',
        outcomeText: '查明迁移时间',
        copyPages: 2,
      },
      clerk,
    );
    expect(back.record).toMatchObject({ status: 'returned', pagesChecked: 4, solved: true, copyPages: 2 });
    expect(back.loan.status).toBe('closed');
    const actions = t.core.ctx.sqlite
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'lending.%' ORDER BY seq")
      .pluck()
      .all();
    expect(actions).toEqual(['lending.create', 'lending.approve', 'lending.handOut', 'lending.return']);
  });

  it('refuses every bad input of the issue that concerns lending, changing nothing', async () => {
    const a = await item('常住人口登记表');
    const secret = await item('重点人口档案', 2);
    // Above the requesting user's clearance: refused through the declared targets.
    await refused('NOT_FOUND', 'lending.create', request({ itemIds: [secret.id] }), low, '记录不存在或无权查看');
    await refused('NOT_FOUND', 'lending.create', request({ codes: [secret.archiveCode] }), low);
    // 会计 records are not lent outside the unit.
    const kv = await t.ok('volumes.create', { categoryId: ku, year: 2019, title: '记账凭证' }, t.adminToken);
    await refused(
      'LOAN_IN_HOUSE_ONLY',
      'lending.create',
      request({ volumeIds: [kv.id] }, { borrowerKind: 'unit', letterNo: '岳公函〔2026〕3号', way: '借出' }),
      clerk,
    );
    // A request without a borrower or records never reaches the core.
    await refused('VALIDATION_FAILED', 'lending.create', request({}), clerk);

    const own = await t.ok('lending.create', request({ itemIds: [a.id] }), clerk);
    // Hand-out without the needed approval.
    await refused('LOAN_NOT_APPROVED', 'lending.handOut', { itemId: a.id }, clerk);
    // Approving one's own request (the administrator files, then tries to approve).
    const mine = await t.ok('lending.create', request({ itemIds: [a.id] }), t.adminToken);
    await refused(
      'LOAN_OWN_REQUEST',
      'lending.decide',
      { id: mine.id, decision: 'approved', password: ADMIN.password },
      t.adminToken,
      '不能审批自己登记的借阅申请，请由另一位有审批权的人审批',
    );
    // Wrong password for the signature.
    await refused(
      'SIGNATURE_PASSWORD_WRONG',
      'lending.decide',
      { id: own.id, decision: 'approved', password: 'Wrong-Passw0rd' },
      head,
    );
    // 借出 and 秘密 need the station head: the administrator may not decide them.
    const lend = await t.ok('lending.create', request({ itemIds: [secret.id] }, { way: '借出' }), clerk2);
    expect(lend.headReasons).toHaveLength(2);
    await refused(
      'LOAN_HEAD_REQUIRED',
      'lending.decide',
      { id: lend.id, decision: 'approved', password: ADMIN.password },
      t.adminToken,
      /^此申请须由所长审批：利用方式为借出；含涉密档案/,
    );
    // A clerk may not approve at all.
    await refused(
      'FORBIDDEN',
      'lending.decide',
      { id: own.id, decision: 'approved', password: USER_PASSWORD },
      clerk,
      /当前账号无权执行此操作/,
    );

    expect((await approve(own.id)).ok).toBe(true);
    await refused(
      'LOAN_NOT_PENDING',
      'lending.decide',
      { id: own.id, decision: 'rejected', password: USER_PASSWORD },
      head,
    );
    // Return of a record that is not out.
    await refused(
      'LOAN_NOT_OUT',
      'lending.return',
      { itemId: a.id, pagesChecked: 1, solved: false },
      clerk,
      '这份档案没有借出，不能归还（可能已经归还过）',
    );
    const code = labelPayload('item', a.archiveCode, a.id);
    await t.ok('lending.handOut', { code }, clerk);
    // Double scan of the same label.
    await refused(
      'LOAN_ALREADY_OUT',
      'lending.handOut',
      { code },
      clerk,
      /^\S+ 已于 .+ 借出（clerk1\(clerk1\)经手），不能重复出借$/,
    );
    // A place label is not a record.
    await refused('NOT_A_RECORD_LABEL', 'lending.handOut', { code: 'P/KF1' }, clerk);
    // A record scanned at the desk above the clerk's clearance is not found.
    await refused('NOT_FOUND', 'lending.handOut', { code: labelPayload('item', secret.archiveCode, secret.id) }, clerk);
    // Overdue once its due day has passed, with who approved.
    await later(30 * DAY);
    const overdue = await t.ok('lending.overdue', {}, clerk);
    expect(overdue.find((o) => o.entityId === a.id)).toMatchObject({ overdue: true, approverName: 'head1(head1)' });
    await t.ok('lending.return', { code, pagesChecked: 3, solved: false }, clerk);
  });

  it("counts the year's utilisation as computed independently from the raw loans", async () => {
    const purposes: LoanPurpose[] = ['依法维权', '就学就业', '工作查考'];
    const recs = [];
    for (let i = 0; i < 6; i++) recs.push(await item(`统计件${i}`));
    const vol = await t.ok(
      'volumes.create',
      { categoryId: await categoryId(t, 'ZY·JT'), year: 2016, title: '统计案卷' },
      t.adminToken,
    );
    // Citizen 张三 twice on one day (1 人次), again the next day (1 more); 李四 once with a volume.
    const plan = [
      {
        who: {
          borrowerKind: 'citizen',
          borrowerName: '张三',
          borrowerIdNo: '430602198001011234',
          ownRecords: true,
          onBehalf: true,
        },
        ids: { itemIds: [recs[0]!.id, recs[1]!.id] },
        p: 0,
        copy: 5,
        solved: true,
        gap: 0,
      },
      {
        who: { borrowerKind: 'citizen', borrowerName: '张三', borrowerIdNo: '430602198001011234' },
        ids: { itemIds: [recs[2]!.id] },
        p: 0,
        copy: 0,
        solved: false,
        gap: 0,
      },
      {
        who: { borrowerKind: 'citizen', borrowerName: '张三', borrowerIdNo: '430602198001011234' },
        ids: { itemIds: [recs[3]!.id] },
        p: 1,
        copy: 1,
        solved: true,
        gap: DAY,
      },
      {
        who: { borrowerName: '李四' },
        ids: { itemIds: [recs[4]!.id], volumeIds: [vol.id] },
        p: 2,
        copy: 0,
        solved: true,
        gap: 0,
      },
    ];
    for (const x of plan) {
      await later(x.gap + 60_000);
      const loan = await t.ok(
        'lending.create',
        request(x.ids, { ...x.who, purpose: purposes[x.p], way: '复制摘抄' }),
        clerk,
      );
      expect((await approve(loan.id)).ok).toBe(true);
      for (const r of loan.records) {
        const ref = r.entity === 'item' ? { itemId: r.entityId } : { volumeId: r.entityId };
        await t.ok('lending.handOut', ref, clerk);
        await t.ok('lending.return', { ...ref, pagesChecked: 2, solved: x.solved, copyPages: x.copy }, clerk);
      }
    }
    const year = new Date(t.core.ctx.nowIso()).getFullYear();
    const got = await t.ok('lending.counts', { year }, low);

    // Independently: raw rows, reference §11 (one person on one day = 1 人次; each record handed out = 1 卷次/件次).
    const raw = t.core.ctx.sqlite
      .prepare(
        `SELECT r.entity, r.out_at, r.copy_pages, r.solved, r.status, q.borrower_id_no, q.borrower_name, q.borrower_unit, q.borrower_kind, q.purpose
         FROM loan_records r JOIN loan_requests q ON q.id = r.request_id WHERE r.out_at IS NOT NULL`,
      )
      .all() as Record<string, string | number | null>[];
    const dayOf = (iso: string) => {
      const d = new Date(iso);
      return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
    };
    const inYear = raw.filter((r) => new Date(r.out_at as string).getFullYear() === year);
    const visit = (r: Record<string, unknown>) =>
      `${r.borrower_id_no || `${r.borrower_kind}|${r.borrower_unit}|${r.borrower_name}`}|${dayOf(r.out_at as string)}`;
    const expected = {
      visits: new Set(inYear.map(visit)).size,
      volumeTimes: inYear.filter((r) => r.entity === 'volume').length,
      itemTimes: inYear.filter((r) => r.entity === 'item').length,
      copyPages: inYear.reduce((n, r) => n + Number(r.copy_pages), 0),
      solved: inYear.filter((r) => r.status === 'returned' && r.solved === 1).length,
    };
    expect(got).toMatchObject(expected);
    // The plan alone: earlier tests' loans (王警官, one 人次 on each of two days) come on top.
    expect(expected.visits).toBeGreaterThanOrEqual(3);
    const rights = got.byPurpose.find((p) => p.purpose === '依法维权')!;
    expect(rights).toMatchObject({ visits: 1, itemTimes: 3, solved: 2 });
    expect(got.byPurpose.find((p) => p.purpose === '工作查考')).toMatchObject({
      visits: new Set(inYear.filter((r) => r.purpose === '工作查考').map(visit)).size,
      volumeTimes: 1,
    });
  });

  it('prints the 借阅登记簿 (PDF, field by field) and the .xlsx, and the 催还单', async () => {
    const year = new Date(t.core.ctx.nowIso()).getFullYear();
    const pdf = await t.ok('lending.register', { year, format: 'pdf' }, clerk);
    const file = path.join(t.dir, pdf.fileName);
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(`借阅登记簿（${year}年）`);
    expect(text).toContain('单位：北港派出所');
    for (const h of ['借阅日期', '借阅人', '审批人/时间', '归还日期', '利用效果']) expect(text).toContain(h);
    expect(text).toMatch(/王警官\s+刑侦中队\s+工作查考\s+阅览/);
    expect(text).toMatch(/张三（民警/); // the cell wraps; the workbook below has it whole
    expect(text).toMatch(/head1 \d{4}-\d{2}-\d{2}/); // approver and day; the time wraps below
    expect(text).toMatch(/已解决（落实/); // wraps; whole in the workbook
    expect(text).toContain('J001-WS·2020-Y-0001');
    expect(text).toMatch(/利用 \d+ 人次，卷次 1，件次 \d+，复制 \d+ 页，解决问题 \d+ 个/);

    const x = await t.ok('lending.register', { year, format: 'xlsx' }, clerk);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws1 = wb.worksheets[0]!;
    expect(ws1.getRow(1).getCell(2).value).toBe('借阅日期');
    const cells = ws1.getSheetValues().flat().map(String);
    expect(cells).toContain('王警官');
    expect(cells).toContain('张三（民警代查）');
    expect(cells.some((c) => c.startsWith('已解决（落实户籍）'))).toBe(true);
    expect(cells.some((c) => c.startsWith('head1 '))).toBe(true);

    // One loan out and overdue: its reminder names the borrower, the record and who approved.
    const r = await item('催还测试件');
    const loan = await t.ok(
      'lending.create',
      request({ itemIds: [r.id] }, { borrowerName: '赵六', contact: '13800000000' }),
      clerk,
    );
    expect((await approve(loan.id)).ok).toBe(true);
    await t.ok('lending.handOut', { itemId: r.id }, clerk);
    await later(40 * DAY);
    const rem = await t.ok('lending.reminders', {}, clerk);
    const rf = path.join(t.dir, 'reminder.pdf');
    fs.writeFileSync(rf, Buffer.from(rem.base64, 'base64'));
    const rt = execFileSync('pdftotext', ['-layout', rf, '-'], { encoding: 'utf8' });
    expect(rt).toContain('档案催还单');
    expect(rt).toContain('刑侦中队 赵六：');
    expect(rt).toContain(`档号：${r.archiveCode}`);
    expect(rt).toMatch(/审批人：head1\s+审批时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(rt).toContain('联系方式：13800000000');
  });
});

describe('lending CLI', () => {
  it('lists overdue loans as JSON and prints the register', () => {
    const dir = tempDir('dangan-lending-cli-');
    try {
      setupViaCli(dir);
      const overdue = dangan(['loans', '--data', dir, '--overdue', '--json']);
      expect(overdue.code, overdue.stderr).toBe(0);
      expect(JSON.parse(overdue.stdout)).toEqual([]);
      const out = path.join(dir, 'register.pdf');
      const r = dangan(['register', 'print', '--data', dir, '--year', '2026', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('借阅登记簿（2026年）');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
