/**
 * 鉴定销毁 in Chromium against `dangan serve` (issue 19): a clerk marks an expired record 销毁 by
 * keyboard (D on its row), and an expired 案卷 (marked 卷) the same way, and compiles the 销毁清册; the station head — another login — approves it
 * with the password and prints it; then reviews a record of 25 years as 控制, signed. Users and
 * records are written into the archive before it is served (the served clock: 2026-01-05).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from './pages/desk';
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
let expired = '';
let old = '';
let volume = '';

beforeAll(async () => {
  const dir = await seedArchive('dangan-e2e-appraisal-', PASSWORD, USER_PW, async (s) => {
    await s.user({ username: 'clerk1', displayName: '刘档案员', role: 'clerk', clearance: 2 });
    await s.user({ username: 'head1', displayName: '周所长', role: 'head', clearance: 2 });
    const ws = await s.category('WS');
    const create = async (title: string, year: number, retention: string) =>
      (await s.ok<{ archiveCode: string }>('catalogue.create', { categoryId: ws, year, retention, title }, s.admin))
        .archiveCode;
    expired = await create('2000年值班记录', 2000, 'D10');
    old = await create('1995年治安档案', 1995, 'Y');
    const cl = await s.category('ZY·CL');
    volume = (
      await s.ok<{ archiveCode: string }>(
        'volumes.create',
        { categoryId: cl, year: 2010, retention: 'D10', title: '湘F12345 车辆档案' },
        s.admin,
      )
    ).archiveCode;
  });
  serve = await startServe(dir);
  ({ browser, page, desk } = await openDeskPage(consoleErrors));
  await desk.open(serve.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const as = (username: string) => desk.loginTo(username, USER_PW, 'appraisal');
const listStatus = () => page.getByTestId('appraisal-list-status').first().innerText();

describe('鉴定销毁', () => {
  it('takes an expired record to an approved, printed destruction list, and reviews one for opening', async () => {
    await as('clerk1');
    const row = page.getByTestId('appraisal-due-row').filter({ hasText: expired });
    await row.click();
    await page.getByTestId('appraisal-due-list').focus();
    await page.keyboard.press('d');
    await expect.poll(() => row.innerText()).toContain('销毁');
    // A 案卷 beside the 件, marked 卷, decided the same way by keyboard.
    const volRow = page.getByTestId('appraisal-due-row').filter({ hasText: volume });
    expect(await volRow.getByTestId('appraisal-unit').innerText()).toBe('卷');
    expect(await row.getByTestId('appraisal-unit').innerText()).toBe('件');
    await volRow.click();
    await page.getByTestId('appraisal-due-list').focus();
    await page.keyboard.press('d');
    await expect.poll(() => volRow.innerText()).toContain('销毁');
    await page.getByTestId('appraisal-list-no').fill('XH-2026-01');
    await page.keyboard.press('Enter');
    await expect.poll(listStatus).toBe('待审批');
    expect(await page.getByTestId('appraisal-list-row').first().innerText()).toContain('1 卷 1 件');

    await as('head1');
    await page.getByTestId('appraisal-approve').click();
    await page.getByTestId('appraisal-sign-password').fill(USER_PW);
    await page.keyboard.press('Enter');
    await expect.poll(listStatus).toBe('已批准');
    expect(await page.getByTestId('appraisal-list-row').first().innerText()).toContain('批准 周所长');
    await page.getByTestId('appraisal-print').click();
    await page.getByText('已保存 销毁清册-XH-2026-01.pdf').waitFor();

    const openRow = page.getByTestId('appraisal-opening-row').filter({ hasText: old });
    await openRow.getByTestId('appraisal-control').click();
    await page.getByTestId('appraisal-opening-reason').fill('涉及个人隐私');
    await page.getByTestId('appraisal-sign-password').fill(USER_PW);
    await page.keyboard.press('Enter');
    await expect.poll(() => openRow.count()).toBe(0);
    await shot(page, 'appraisal-approved');
    expect(consoleErrors).toEqual([]);
  }, 20_000);
});
