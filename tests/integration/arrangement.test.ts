/**
 * 整理 → 自查 → 验收 (issue 19) through dispatch on a real SQLite file, one core for the file:
 * a 户籍 batch from assignment to three-signature acceptance; every refusal (out of order, wrong
 * password, missing role, same person twice, closed batch) changes nothing; the self-check finds
 * exactly the gaps planted; the 备考表 fields come from the sign-offs; the 验收记录 prints.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printCommand } from '../../scripts/cli/commands/print';
import { addBox, addPlace } from '../helpers/shelf-fixture';
import { categoryId, makeTestCore, tempDir, type TestCore, USER_PASSWORD, userToken } from '../helpers/test-core';

let t: TestCore;
let clerk: string; // 档案员: opens the batch, 整理
let checker: string; // 档案员: 自查, 验收组
let head: string; // 所长
let reg: string; // 户籍民警
let hj: string;
const TABLES = [
  'arrangement_batches',
  'arrangement_steps',
  'arrangement_assignments',
  'arrangement_signoffs',
  'signatures',
  'audit_log',
  'change_log',
];
const rows = () => TABLES.map((n) => t.count(n));
const pw = USER_PASSWORD;

beforeAll(async () => {
  t = await makeTestCore();
  clerk = await userToken(t, 'clerk1', 'clerk', 1);
  checker = await userToken(t, 'clerk2', 'clerk', 1);
  head = await userToken(t, 'head1', 'head', 2);
  reg = await userToken(t, 'reg1', 'registry', 1);
  hj = await categoryId(t, 'ZY·HJ·CS');
}, 60_000);
afterAll(async () => t?.close());

/** A 常住人口登记表 of 2009 naming one person, by the clerk. */
const form = async (person: string, over: Record<string, unknown> = {}) =>
  (await t.ok(
    'catalogue.create',
    {
      categoryId: hj,
      year: 2009,
      title: `${person}出生入户`,
      date: '20090301',
      pageCount: 2,
      persons: [{ name: person }],
      ...over,
    },
    clerk,
  )) as { id: string; archiveCode: string };
/** A scanned page for a record (what the scan desk would attach). */
function scanned(owner: { itemId?: string; volumeId?: string }) {
  const now = new Date(t.clock.now()).toISOString();
  t.core.ctx.sqlite
    .prepare(
      `INSERT INTO pages (id, node_id, item_id, volume_id, seq, original_sha256, original_name, format, created_at, updated_at)
       VALUES (?, 'n', ?, ?, 1, 'x', 'p.png', 'png', ?, ?)`,
    )
    .run(`pg-${Math.random()}`, owner.itemId ?? null, owner.volumeId ?? null, now, now);
}

async function refused(
  code: string,
  input: Record<string, unknown>,
  token: string,
  method: 'arrangement.sign' = 'arrangement.sign',
) {
  const before = rows();
  const r = await t.call(method, input, token);
  expect(r.ok, `should be refused with ${code}`).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  expect(rows()).toEqual(before);
  return r.ok ? '' : r.error.message;
}
const pdfText = (b64: string) => {
  const file = path.join(tempDir('arr-pdf-'), 'f.pdf');
  fs.writeFileSync(file, Buffer.from(b64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('arrangement and acceptance', () => {
  it('runs a 户籍 batch from assignment to three-signature acceptance, refusing every bad signature', async () => {
    const a = await form('张一');
    await form('李二'); // never scanned: a person with no scanned form
    const c = await form('赵四');
    const d = await form('王三', { date: '', pageCount: null }); // mandatory fields missing
    await form('钱五', { year: 2010 }); // outside the scope
    scanned({ itemId: a.id });
    scanned({ itemId: d.id });
    await t.ok('catalogue.delete', { id: c.id, reason: '重复登记' }, t.adminToken); // 件号 3 now missing

    const b0 = await t.ok(
      'arrangement.create',
      { name: '2009年出生入户', categoryCode: 'ZY·HJ·CS', year: 2009 },
      clerk,
    );
    expect(b0.steps.map((s) => s.label)).toEqual(['定人定项', '整理', '自查', '整改', '验收']);
    expect(b0.scope).toBe('门类 ZY·HJ·CS，2009年度');
    const withJob = await t.ok(
      'arrangement.assign',
      { batchId: b0.id, username: 'clerk1', task: '核对登记表并扫描', target: 10, dueDate: '2026-06-30' },
      clerk,
    );
    expect(withJob.progress).toMatchObject({
      items: 3,
      scanned: 2,
      target: 10,
      persons: [{ userName: 'clerk1(clerk1)', target: 10, catalogued: 3, done: 2 }],
    });

    const report = await t.ok('arrangement.selfCheck', { id: b0.id }, checker);
    expect(report).toMatchObject({ volumes: 0, items: 3, persons: 3, scanned: 2, gapCount: 3 });
    expect(report.unscannedPersons.map((p) => p.name)).toEqual(['李二']);
    expect(report.itemNoGaps.map((g) => g.missing)).toEqual([[3]]);
    expect(report.missingFields).toEqual([{ archiveCode: d.archiveCode, fields: ['日期', '页数'] }]);

    const [assign, arrange, check, correct, accept] = b0.steps.map((s) => s.id) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const sig = (stepId: string, signRole: string, password = pw) => ({ batchId: b0.id, stepId, signRole, password });
    expect(await refused('ARRANGEMENT_STEP_ORDER', sig(arrange, 'compiler'), clerk)).toBe(
      '请先完成“定人定项”，再签“整理”',
    );
    await refused('SIGNATURE_PASSWORD_WRONG', sig(assign, 'manager', 'Wrong-Passw0rd'), clerk);
    await refused('ARRANGEMENT_ROLE_NOT_IN_STEP', sig(assign, 'head'), head);
    await t.ok('arrangement.sign', sig(assign, 'manager'), clerk);
    expect(await refused('ARRANGEMENT_STEP_ORDER', sig(assign, 'manager'), clerk)).toBe(
      '“定人定项”已完成，当前步骤是“整理”',
    );
    await t.ok('arrangement.sign', { ...sig(arrange, 'compiler'), comment: '已按受理顺序排列' }, clerk);
    await t.ok('arrangement.sign', sig(check, 'checker'), checker);
    await t.ok('arrangement.sign', sig(correct, 'compiler'), clerk);

    await refused('ARRANGEMENT_ROLE_MISMATCH', sig(accept, 'head'), checker);
    await refused('ARRANGEMENT_ROLE_MISMATCH', sig(accept, 'registry'), head);
    await t.ok('arrangement.sign', sig(accept, 'registry'), reg);
    await refused('ARRANGEMENT_SIGNER_TWICE', sig(accept, 'acceptor'), reg);
    await refused('ARRANGEMENT_ROLE_SIGNED', sig(accept, 'registry'), checker);
    const two = await t.ok('arrangement.sign', sig(accept, 'acceptor'), checker);
    expect(two).toMatchObject({ status: 'open', currentStep: 5 });
    const done = await t.ok('arrangement.sign', { ...sig(accept, 'head'), comment: '验收合格' }, head);
    expect(done).toMatchObject({ status: 'accepted', currentStep: 6 });
    expect(done.steps[4]!.signoffs.map((o) => [o.signRole, o.signerName])).toEqual([
      ['registry', 'reg1(reg1)'],
      ['acceptor', 'clerk2(clerk2)'],
      ['head', 'head1(head1)'],
    ]);
    await refused('ARRANGEMENT_CLOSED', sig(accept, 'head'), head);

    // Each sign-off is a signature row in the audit chain, naming the batch.
    const sigs = t.core.ctx.sqlite
      .prepare(`SELECT kind, signer_role AS role FROM signatures WHERE entity = 'arrangement_batch' AND entity_id = ?`)
      .all(b0.id);
    expect(sigs).toHaveLength(7);
    const audits = t.core.ctx.sqlite
      .prepare(`SELECT count(*) FROM audit_log WHERE action = 'arrangement.sign' AND entity_id = ?`)
      .pluck()
      .get(b0.id);
    expect(audits).toBe(7);

    const file = await t.ok('arrangement.print', { id: b0.id }, head);
    const text = pdfText(file.base64);
    for (const s of [
      '档案整理验收记录',
      '批次：2009年出生入户',
      '状态：已验收',
      '范围：门类 ZY·HJ·CS，2009年度',
      '案卷 0 卷，文件 3 件，人数 3 人，已扫描 2 件，问题 3 处',
      '未扫描登记表的人员 1 人：李二',
      '件号缺号 1 个',
      `${d.archiveCode}（日期、页数）`,
      '核对登记表并扫描',
      '2/10',
      '户籍民警',
      'reg1',
      '验收组',
      'clerk2',
      '所长',
      'head1',
      '验收合格',
    ])
      expect(text).toContain(s);
    expect(text).toMatch(/验收\s+所长\s+head1\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });

  it('refuses a bad batch and a signer without the permission, changing nothing', async () => {
    const before = rows();
    const bad = await t.call('arrangement.create', { name: '无范围' }, clerk);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('请指定范围');
    const aud = await userToken(t, 'aud1', 'auditor', 2);
    const b = await t.ok('arrangement.create', { name: '2009', year: 2009 }, clerk);
    const after = rows();
    const r = await t.call(
      'arrangement.sign',
      { batchId: b.id, stepId: b.steps[0]!.id, signRole: 'manager', password: pw },
      aud,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('FORBIDDEN');
      expect(r.error.message).toContain('当前账号无权执行此操作');
    }
    expect(rows()).toEqual(after);
    expect(after[0]).toBe(before[0]! + 1);
  });

  it('fills the 卷内备考表 from a configured batch over a box range, in the CLI too', async () => {
    const cl = await categoryId(t, 'ZY·CL');
    const v = (await t.ok('volumes.create', { categoryId: cl, year: 2015, title: '湘F12345 车辆档案' }, clerk)) as {
      id: string;
    };
    const box = addBox(t.core.ctx, 12, addPlace(t.core.ctx, 'KF9', '车管库房'));
    t.core.ctx.sqlite
      .prepare('INSERT INTO box_contents (entity, entity_id, box_id, position) VALUES (?, ?, ?, 1)')
      .run('volume', v.id, box.id);
    expect(await t.ok('arrangement.notes', { volumeId: v.id }, clerk)).toBeNull();
    const b = await t.ok(
      'arrangement.create',
      {
        name: '车管档案10–15盒',
        boxFrom: 10,
        boxTo: 15,
        steps: [
          { key: 'arrange', label: '整理', roles: ['compiler'] },
          { key: 'selfcheck', label: '自查', roles: ['checker'] },
        ],
      },
      clerk,
    );
    expect((await t.ok('arrangement.selfCheck', { id: b.id }, clerk)).volumes).toBe(1);
    await t.ok(
      'arrangement.sign',
      { batchId: b.id, stepId: b.steps[0]!.id, signRole: 'compiler', password: pw },
      clerk,
    );
    t.clock.advance(86_400_000);
    clerk = await t.login('clerk1', pw);
    checker = await t.login('clerk2', pw);
    const ok = await t.ok(
      'arrangement.sign',
      { batchId: b.id, stepId: b.steps[1]!.id, signRole: 'checker', password: pw },
      checker,
    );
    expect(ok.status).toBe('accepted');
    const notes = await t.ok('arrangement.notes', { volumeId: v.id }, clerk);
    expect(notes).toMatchObject({ batchName: '车管档案10–15盒', compiler: 'clerk1', checker: 'clerk2' });
    expect(notes!.date).toMatch(/^\d{8}$/);
    expect(Number(notes!.checkDate) - Number(notes!.date)).toBe(1);
    const { batchId: _b, batchName: _n, ...fields } = notes!;
    const printed = await t.ok('print.document', { kind: 'notes', volumeId: v.id, notes: fields }, clerk);
    const text = pdfText(printed.base64);
    expect(text).toMatch(/立\s*卷\s*人\s+clerk1\s+检\s*查\s*人\s+clerk2/);
    expect(text).toContain(notes!.date);
    expect(text).toContain(notes!.checkDate);

    // `dangan print notes` (in process, on the same archive) fills the same lines when none are given.
    const file = path.join(tempDir('arr-cli-'), 'notes.pdf');
    expect(await printCommand(['notes', '--data', t.dir, '--volume', v.id, '--out', file])).toBe(0);
    const cli = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(cli).toMatch(/立\s*卷\s*人\s+clerk1\s+检\s*查\s*人\s+clerk2/);
    expect(cli).toContain(notes!.checkDate);
  });
});
