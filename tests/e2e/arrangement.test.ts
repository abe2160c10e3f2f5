/**
 * 整理验收 in Chromium against `dangan serve` (issue 19): the clerk opens a 户籍 batch, assigns
 * themself a quota (the progress bar shows done/target), runs the self-check (it names the
 * person with no scanned form) and signs 定人定项 with their password; the middle steps are
 * signed through the contract; then acceptance takes three logins — the 户籍民警, the
 * acceptance team member and the station head — each signing with their own password. Then a
 * volume's 卷内备考表 printed from the catalogue carries its batch's 立卷人/检查人 and their days.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from './pages/desk';
import { adminRpc } from './support/admin-rpc';
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
const consoleErrors: string[] = [];

beforeAll(async () => {
  const dir = await seedArchive('dangan-e2e-arrangement-', PASSWORD, USER_PW, async (s) => {
    const clerk1 = await s.user({ username: 'clerk1', displayName: '刘档案员', role: 'clerk', clearance: 1 });
    await s.user({ username: 'clerk2', displayName: '陈验收', role: 'clerk', clearance: 1 });
    await s.user({ username: 'head1', displayName: '周所长', role: 'head', clearance: 1 });
    await s.user({ username: 'reg1', displayName: '吴户籍', role: 'registry', clearance: 1 });
    const cs = await s.category('ZY·HJ·CS');
    const now = new Date().toISOString();
    for (const name of ['张一', '李二', '王三']) {
      const it = await s.ok<{ id: string }>(
        'catalogue.create',
        { categoryId: cs, year: 2009, title: `${name}出生入户`, date: '20090301', pageCount: 2, persons: [{ name }] },
        clerk1,
      );
      // A scanned page for all but 李二 (what the scan desk would attach).
      if (name !== '李二')
        s.ctx.sqlite
          .prepare(
            `INSERT INTO pages (id, node_id, item_id, seq, original_sha256, original_name, format, created_at, updated_at)
             VALUES (?, 'n', ?, 1, 'x', 'p.png', 'png', ?, ?)`,
          )
          .run(`pg-${name}`, it.id, now, now);
    }
  });
  serve = await startServe(dir);
  ({ browser, page, desk } = await openDeskPage(consoleErrors));
  await desk.open(serve.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const as = (username: string) => desk.loginTo(username, USER_PW, 'arrangement');
/** Clicks a step's sign button, types the password, Enter; waits for the dialog to close. */
const signHere = async (testId: string, password = USER_PW) => {
  await page.getByTestId(testId).click();
  await page.getByTestId('arr-sign-password').fill(password);
  await page.keyboard.press('Enter');
};
const signedNames = () => page.getByTestId('arr-signed').allInnerTexts();

describe('整理验收', () => {
  it('takes a batch from assignment to the three-signature acceptance', async () => {
    await as('clerk1');
    await page.getByTestId('arr-new-name').fill('2009年出生入户');
    await page.getByTestId('arr-new-categoryCode').fill('ZY·HJ·CS');
    await page.getByTestId('arr-new-year').fill('2009');
    await page.keyboard.press('Enter');
    await page.getByTestId('arr-detail').waitFor();
    await page.getByTestId('arr-assign-username').fill('clerk1');
    await page.getByTestId('arr-assign-task').fill('核对登记表并扫描');
    await page.getByTestId('arr-assign-target').fill('4');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('arr-person-count').first().innerText()).toBe('2/4');
    await page.getByTestId('arr-check').click();
    await expect.poll(() => page.getByTestId('arr-report').innerText()).toContain('未扫描登记表的人员：李二');
    expect(await page.getByTestId('arr-counts').innerText()).toContain('文件 3 件，人数 3 人');

    // A wrong password is refused in the dialog; the right one signs.
    await signHere('arr-sign-assign-manager', 'Wrong-Passw0rd');
    await expect.poll(() => page.getByTestId('arr-sign-error').innerText()).toContain('签名密码不正确');
    await page.getByTestId('arr-sign-password').fill(USER_PW);
    await page.keyboard.press('Enter');
    await expect.poll(signedNames).toEqual([expect.stringContaining('刘档案员(clerk1)')]);

    // 整理, 自查, 整改 through the contract, each by its own signer.
    const clerk = await adminRpc(serve, USER_PW, 'clerk1');
    const checker = await adminRpc(serve, USER_PW, 'clerk2');
    const [b] = await clerk('arrangement.list', {});
    const step = (key: string) => b!.steps.find((s) => s.key === key)!.id;
    const sign = { batchId: b!.id, password: USER_PW };
    await clerk('arrangement.sign', { ...sign, stepId: step('arrange'), signRole: 'compiler' });
    await checker('arrangement.sign', { ...sign, stepId: step('selfcheck'), signRole: 'checker' });
    await clerk('arrangement.sign', { ...sign, stepId: step('correct'), signRole: 'compiler' });

    // Acceptance: three logins, each signing in their own capacity.
    await as('reg1');
    await signHere('arr-sign-accept-registry');
    await expect.poll(async () => (await signedNames()).length).toBe(5);
    await as('clerk2');
    await signHere('arr-sign-accept-acceptor');
    await expect.poll(async () => (await signedNames()).length).toBe(6);
    await as('head1');
    await signHere('arr-sign-accept-head');
    await expect.poll(async () => (await signedNames()).length).toBe(7);
    // Shown in the step's order of capacities: 验收组, 所长, 户籍民警.
    expect((await signedNames()).slice(4).map((s) => s.replace(/ .*/, ''))).toEqual([
      '陈验收(clerk2)',
      '周所长(head1)',
      '吴户籍(reg1)',
    ]);
    expect(await page.getByTestId('arr-batch-row').first().innerText()).toContain('已验收');
    await shot(page, 'arrangement-accepted');
    expect(consoleErrors).toEqual([]);
  }, 20_000);

  it("prints a volume's 卷内备考表 with its batch's compiler and checker, prefilled in the dialog", async () => {
    // A 交通事故 volume and a two-step batch over its class and year, signed on two days.
    const admin = await adminRpc(serve, PASSWORD);
    const clerk = await adminRpc(serve, USER_PW, 'clerk1');
    const checker = await adminRpc(serve, USER_PW, 'clerk2');
    const jt = (await admin('scheme.list', {})).find((c) => c.fullCode === 'ZY·JT')!.id;
    const v = await admin('volumes.create', { categoryId: jt, year: 2016, title: '城南路口事故案卷' });
    await admin('catalogue.create', {
      categoryId: jt,
      year: 2016,
      volumeId: v.id,
      title: '现场勘查笔录',
      extra: { accidentNo: 'SG2016-0101' },
    });
    const b = await clerk('arrangement.create', {
      name: '2016年事故案卷',
      categoryCode: 'ZY·JT',
      year: 2016,
      steps: [
        { key: 'arrange', label: '整理', roles: ['compiler'] },
        { key: 'selfcheck', label: '自查', roles: ['checker'] },
      ],
    });
    await clerk('arrangement.sign', { batchId: b.id, stepId: b.steps[0]!.id, signRole: 'compiler', password: USER_PW });
    await checker('arrangement.sign', {
      batchId: b.id,
      stepId: b.steps[1]!.id,
      signRole: 'checker',
      password: USER_PW,
    });
    const day = (await clerk('arrangement.notes', { volumeId: v.id }))!.date;
    expect(day).toMatch(/^\d{8}$/);

    await as('clerk1');
    await page.getByTestId('nav-catalogue').click();
    const node = (text: string) => page.getByTestId('tree-node').filter({ hasText: text }).first();
    await node('业务').click();
    await node('交通事故').click();
    await node('2016').click();
    await page.locator('[data-testid=tree-node][data-level=retention]').first().click();
    await node('城南路口事故案卷').click();
    await page.getByTestId('grid-body').focus();
    await page.keyboard.press('Control+P');
    await page.getByTestId('print-dialog').waitFor();
    await page.getByTestId('print-kind').selectOption('notes');
    // Prefilled from the sign-offs (names without the login), still editable.
    await expect.poll(() => page.getByTestId('print-notes-compiler').inputValue()).toBe('刘档案员');
    expect(await page.getByTestId('print-notes-checker').inputValue()).toBe('陈验收');
    expect(await page.getByTestId('print-notes-date').inputValue()).toBe(day);
    await page.getByTestId('print-frame').waitFor();
    await shot(page, 'arrangement-notes-print');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-save').click()]);
    const text = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' });
    expect(text).toMatch(/立\s*卷\s*人\s+刘档案员\s+检\s*查\s*人\s+陈验收/);
    expect(text).toContain(day);
    await page.keyboard.press('Escape');
    expect(consoleErrors).toEqual([]);
  }, 20_000);
});
