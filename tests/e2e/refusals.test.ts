/**
 * Every refusal of issue 19's "Bad input", driven by keyboard and scan in the real screens
 * against `dangan serve`: the user sees the core's Chinese message (or, where the screen does
 * not offer the action, the reason it gives), and the bridge shows nothing changed. One browser,
 * one archive seeded before it is served: a loan approved for hand-out, a 秘密 record, an
 * expired record on a list the head approved, the administrator's own request and list, a batch.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DestructionListView } from '../../electron/contract';
import { labelPayload } from '../../electron/core/shelving';
import type { Desk } from './pages/desk';
import { adminRpc, type AdminCall } from './support/admin-rpc';
import { shot } from './support/browser';
import { openDeskPage } from './support/desk-session';
import { seedArchive } from './support/seed-archive';
import { startServe, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const USER_PW = 'Us3r-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
let admin: AdminCall;
const consoleErrors: string[] = [];
const rec = { lent: '', idle: '', secret: '', secretCode: '', old: '', young: '' };

type Rec = { id: string; archiveCode: string };
const label = (r: Rec) => labelPayload('item', r.archiveCode, r.id);

beforeAll(async () => {
  const dir = await seedArchive('dangan-e2e-refusals-', PASSWORD, USER_PW, async (s) => {
    const clerk = await s.user({ username: 'clerk1', displayName: '刘档案员', role: 'clerk', clearance: 1 });
    const head = await s.user({ username: 'head1', displayName: '周所长', role: 'head', clearance: 2 });
    const ws = await s.category('WS');
    const item = (title: string, year: number, retention = 'D30', securityLevel = 0) =>
      s.ok<Rec>('catalogue.create', { categoryId: ws, year, retention, title, securityLevel }, s.admin);
    const loan = (ids: string[]) => ({
      borrowerKind: 'officer',
      borrowerName: '王警官',
      purpose: '工作查考',
      way: '阅览',
      fromDate: '2026-01-05',
      dueDate: '2026-01-19',
      itemIds: ids,
    });
    const lent = await item('值班记录', 2020);
    const idle = await item('会议记录', 2020);
    const secret = await item('重点人口档案', 2020, 'D30', 2);
    rec.lent = label(lent);
    rec.idle = label(idle);
    rec.secret = label(secret);
    rec.secretCode = secret.archiveCode;
    const ok = await s.ok<{ id: string }>('lending.create', loan([lent.id]), clerk);
    await s.ok('lending.decide', { id: ok.id, decision: 'approved', password: USER_PW }, head);
    await s.ok('lending.create', { ...loan([idle.id]), borrowerName: '管理员自查' }, s.admin);

    // 销毁: the clerk's list approved by the head; the administrator's own list still a draft.
    const old = await item('2000年值班记录', 2000, 'D10');
    rec.old = old.archiveCode;
    rec.young = (await item('2020年值班记录', 2020, 'D10')).archiveCode;
    await s.ok('appraisal.decide', { itemId: old.id, decision: 'destroy', round: 'R1' }, clerk);
    const l1 = await s.ok<{ id: string }>('destruction.create', { round: 'R1', listNo: 'XH-1' }, clerk);
    await s.ok('destruction.approve', { id: l1.id, password: USER_PW }, head);
    const mine = await item('2001年值班记录', 2001, 'D10');
    await s.ok('appraisal.decide', { itemId: mine.id, decision: 'destroy', round: 'R2' }, s.admin);
    await s.ok('destruction.create', { round: 'R2', listNo: 'XH-2' }, s.admin);

    await s.ok('arrangement.create', { name: '2020年文书整理', categoryCode: 'WS', year: 2020 }, clerk);
  });
  serve = await startServe(dir);
  admin = await adminRpc(serve, PASSWORD);
  ({ browser, page, desk } = await openDeskPage(consoleErrors));
  // 执行销毁 asks "确定？" first: the clerk says yes.
  page.on('dialog', (d) => void d.accept());
  await desk.open(serve.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const as = async (username: string, password = USER_PW) => {
  if (await page.getByTestId('logout').isVisible()) await desk.logout();
  await desk.login(username, password);
};
const go = async (nav: 'lending' | 'appraisal' | 'arrangement') => {
  await page.getByTestId(`nav-${nav}`).click();
  await page.getByTestId(`${nav}-page`).waitFor();
};
/** The desk's one scan field: the scanner types the label and Enter. */
const scan = async (code: string) => {
  await page.getByTestId('lending-scan').focus();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
};
const deskError = () => page.getByTestId('lending-desk-error').innerText();
/** What the bridge says of the lending tables: each request's status and its records' states. */
const loans = async () =>
  (await admin('lending.list', {})).map((l) => `${l.borrowerName}:${l.status}:${l.records.map((r) => r.status)}`);
const lists = async () =>
  (await admin('destruction.list', {})).map((l: DestructionListView) => `${l.listNo}:${l.status}`).sort();
const audits = async () => (await admin('audit.list', { limit: 1 })).total;

describe('every refusal of issue 19, in the screens', () => {
  it('refuses at the lending desk and the request form, changing nothing', async () => {
    await as('clerk1');
    await go('lending');
    // A clerk has no queue and no approve action; Alt+A does nothing.
    expect(await page.getByTestId('lending-queue').count()).toBe(0);
    await page.keyboard.press('Alt+a');
    expect(await page.getByTestId('lending-sign-password').count()).toBe(0);

    const before = await loans();
    // Returning a record that is not out.
    await page.getByTestId('lending-mode-return').check();
    await page.getByTestId('lending-pages').fill('3');
    await scan(rec.idle);
    await expect.poll(deskError).toBe('这份档案没有借出，不能归还（可能已经归还过）');
    expect(await loans()).toEqual(before);

    // Double scan: the first hands out, the same label again is refused.
    await page.getByTestId('lending-mode-out').check();
    await scan(rec.lent);
    await page.getByTestId('lending-desk-result').waitFor();
    const out = await loans();
    await scan(rec.lent);
    await expect.poll(deskError).toMatch(/已于 .+ 借出（刘档案员\(clerk1\)经手），不能重复出借$/);
    expect(await loans()).toEqual(out);

    // A record above the clerk's clearance: not found at the desk, nor on the request form.
    const n = await audits();
    await scan(rec.secret);
    await expect.poll(deskError).toBe('记录不存在或无权查看');
    await page.getByTestId('lending-borrower').fill('李警官');
    await page.getByTestId('lending-codes').fill(rec.secretCode);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('lending-form-error').innerText())
      .toBe(`没有档号或标签为“${rec.secretCode}”的案卷或文件`);
    expect(await loans()).toEqual(out);
    expect(await audits()).toBe(n);
    await shot(page, 'refusals-lending-desk');
  }, 20_000);

  it('refuses destroying a held record and shows no destruction the user may not do', async () => {
    await go('appraisal');
    // Not yet expired: never offered (the list holds only what expired).
    const due = page.getByTestId('appraisal-due-row');
    await due.filter({ hasText: rec.old }).waitFor();
    expect(await due.filter({ hasText: rec.young }).count()).toBe(0);
    // The clerk may not approve: the draft list offers no 批准.
    const draft = page.getByTestId('appraisal-list-row').filter({ hasText: 'XH-2' });
    expect(await draft.getByTestId('appraisal-approve').count()).toBe(0);

    // A legal hold by keyboard (H on the row), then 执行销毁 is refused.
    await due.filter({ hasText: rec.old }).click();
    await page.getByTestId('appraisal-due-list').focus();
    await page.keyboard.press('h');
    await expect.poll(() => due.filter({ hasText: rec.old }).innerText()).toContain('冻结');
    const before = [await lists(), await audits()];
    await page.getByTestId('appraisal-list-row').filter({ hasText: 'XH-1' }).getByTestId('appraisal-execute').click();
    await expect
      .poll(() => page.getByTestId('toast').filter({ hasText: rec.old }).innerText())
      .toContain(`${rec.old} 处于冻结（诉讼保全）状态，不能销毁`);
    expect([await lists(), await audits()]).toEqual(before);
    await shot(page, 'refusals-destruction-held');
  }, 20_000);

  it('refuses signing a step no longer open, and names the capacities bound to another role', async () => {
    await go('arrangement');
    const stale = page.getByTestId('arr-sign-assign-manager');
    await stale.waitFor();
    // Not yet open: 验收's capacities are not offered out of order.
    expect(await page.getByTestId('arr-sign-accept-head').count()).toBe(0);
    // Meanwhile the step is signed elsewhere (the same clerk, at another desk).
    const other = await adminRpc(serve, USER_PW, 'clerk1');
    const [b] = await other('arrangement.list', {});
    await other('arrangement.sign', {
      batchId: b!.id,
      stepId: b!.steps[0]!.id,
      signRole: 'manager',
      password: USER_PW,
    });
    const n = await audits();
    await stale.click();
    await page.getByTestId('arr-sign-password').fill(USER_PW);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('arr-sign-error').innerText()).toBe('“定人定项”已完成，当前步骤是“整理”');
    const [after] = await admin('arrangement.list', {});
    expect(after!.steps.flatMap((s) => s.signoffs)).toHaveLength(1);
    expect(await audits()).toBe(n);
    await page.keyboard.press('Escape');

    // At 验收, the capacities bound to another role are named, not offered to the clerk.
    const step = (key: string) => b!.steps.find((x) => x.key === key)!.id;
    const sign = { batchId: b!.id, password: USER_PW };
    await other('arrangement.sign', { ...sign, stepId: step('arrange'), signRole: 'compiler' });
    await other('arrangement.sign', { ...sign, stepId: step('selfcheck'), signRole: 'checker' });
    await other('arrangement.sign', { ...sign, stepId: step('correct'), signRole: 'compiler' });
    await go('lending');
    await go('arrangement');
    await page.getByTestId('arr-sign-accept-acceptor').waitFor();
    expect(await page.getByTestId('arr-bound-accept-head').innerText()).toBe('须由所长本人登录后签署');
    expect(await page.getByTestId('arr-bound-accept-registry').innerText()).toBe('须由户籍民警本人登录后签署');
    expect(await page.getByTestId('arr-sign-accept-head').count()).toBe(0);
    await shot(page, 'refusals-arrangement-bound');
  }, 20_000);

  it('refuses the administrator approving their own request and their own list', async () => {
    await as('admin', PASSWORD);
    await go('lending');
    // Left out of the queue, with why.
    await expect
      .poll(() => page.getByTestId('lending-other-row').filter({ hasText: '管理员自查' }).innerText())
      .toContain('不能审批自己登记的借阅申请，请由另一位有审批权的人审批');
    expect(await page.getByTestId('lending-queue-row').count()).toBe(0);
    expect((await loans()).filter((l) => l.startsWith('管理员自查:'))).toEqual(['管理员自查:pending:requested']);

    // Their own destruction list: no 批准, and why.
    await go('appraisal');
    const own = page.getByTestId('appraisal-list-row').filter({ hasText: 'XH-2' });
    expect(await own.getByTestId('appraisal-own-list').innerText()).toBe('不能审批自己编制的销毁清册，请由所长审批');
    expect(await own.getByTestId('appraisal-approve').count()).toBe(0);
    expect(await lists()).toContain('XH-2:draft');
    await shot(page, 'refusals-own-list');
    expect(consoleErrors).toEqual([]);
  }, 20_000);
});
