/**
 * 统计年报 in Chromium against `dangan serve` (issue 20): records catalogued in 2026 (the seeding
 * clock), served a year later (the core's clock 2027-01-06 while the page's calendar stays at
 * 2026-01-05, so the default year 2026 comes from the core). A 登记员 reads two figures (checked
 * against the contract), opens one to its records (one of them above their 密级) and finds the
 * profile read-only; the station head enters the profile with Ctrl+S and closes the year with the
 * password; a record of 2026 then changed through the bridge shows up as a correction.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReport } from '../../electron/contract/statistics';
import type { Desk } from './pages/desk';
import { adminRpc, type AdminCall } from './support/admin-rpc';
import { shot } from './support/browser';
import { openDeskPage } from './support/desk-session';
import { seedArchive } from './support/seed-archive';
import { E2E_NOW, startServe, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const USER_PW = 'Us3r-Passw0rd';
const SERVED_NOW = '2027-01-06T08:00:00.000Z';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
let admin: AdminCall;
const consoleErrors: string[] = [];
let duty: { id: string; archiveCode: string; version: number; title: string } | null = null;

beforeAll(async () => {
  // The seeding core reads its clock from the environment: the records are catalogued in 2026.
  const before = process.env.DANGAN_CLOCK_START;
  process.env.DANGAN_CLOCK_START = E2E_NOW;
  try {
    const dir = await seedArchive('dangan-e2e-statistics-', PASSWORD, USER_PW, async (s) => {
      await s.user({ username: 'reg1', displayName: '吴登记员', role: 'registry', clearance: 1 });
      await s.user({ username: 'head1', displayName: '周所长', role: 'head', clearance: 2 });
      const ws = await s.category('WS');
      const create = (title: string, pageCount: number, securityLevel: number) =>
        s.ok<{ id: string; archiveCode: string; version: number; title: string }>(
          'catalogue.create',
          { categoryId: ws, year: 2026, retention: 'D10', title, pageCount, securityLevel },
          s.admin,
        );
      duty = await create('2026年值班记录', 10, 0);
      await create('2026年接处警登记', 5, 0);
      await create('2026年秘密通报', 3, 2);
      const cl = await s.category('ZY·CL');
      await s.ok(
        'volumes.create',
        { categoryId: cl, year: 2026, retention: 'D30', title: '湘F54321 车辆档案' },
        s.admin,
      );
    });
    serve = await startServe(dir, { env: { DANGAN_CLOCK_START: SERVED_NOW } });
  } finally {
    if (before === undefined) delete process.env.DANGAN_CLOCK_START;
    else process.env.DANGAN_CLOCK_START = before;
  }
  admin = await adminRpc(serve, PASSWORD);
  ({ browser, page, desk } = await openDeskPage(consoleErrors));
  await desk.open(serve.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const as = (username: string) => desk.loginTo(username, USER_PW, 'statistics');
const figure = (key: string) => page.locator(`[data-testid="statistics-figure"][data-key="${key}"]`);
const valueOf = (key: string) => figure(key).getByTestId('statistics-value').innerText();
const contractValue = (r: AnnualReport, key: string) => r.figures.find((f) => f.key === key)!.value;

describe('统计年报', () => {
  it('shows the figures of last year, drills one, takes the profile, closes the year and lists a correction', async () => {
    const report = await admin('statistics.annual', { year: 2026 });
    expect(contractValue(report, 'holdings.items')).toBe(3);

    await as('reg1');
    expect(await page.getByTestId('statistics-year').inputValue()).toBe('2026');
    await expect.poll(() => valueOf('holdings.items')).toBe(String(contractValue(report, 'holdings.items')));
    expect(await valueOf('holdings.volumes')).toBe(String(contractValue(report, 'holdings.volumes')));
    expect(await page.getByTestId('statistics-gap').count()).toBe(report.gaps.length);
    // Keyboard: focus the figure, Enter opens its records; one is 秘密, above a 登记员's 内部.
    await figure('holdings.items').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('statistics-drill').waitFor();
    expect(await page.getByTestId('statistics-drill-row').count()).toBe(2);
    expect(await page.getByTestId('statistics-drill-hidden').innerText()).toBe('另有 1 件超出您的密级');
    expect(await page.getByTestId('statistics-drill').innerText()).toContain(duty!.archiveCode);
    await shot(page, 'statistics-drill');
    await page.keyboard.press('Escape');
    await page.getByTestId('statistics-figures').waitFor();
    // Read-only profile for the 登记员: no save, fields disabled.
    expect(await page.getByTestId('statistics-profile-storageAreaM2').isDisabled()).toBe(true);
    expect(await page.getByTestId('statistics-profile-save').count()).toBe(0);
    expect(await page.getByTestId('statistics-close').count()).toBe(0);

    await as('head1');
    await page.getByTestId('statistics-profile-storageAreaM2').fill('45.5');
    await page.getByTestId('statistics-profile-staffFullTime').fill('2');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('statistics-profile-state').innerText()).toContain('周所长');
    await expect.poll(() => valueOf('profile.storageAreaM2')).toBe('45.5');
    await page.getByTestId('statistics-close').click();
    await page.getByTestId('statistics-sign-password').fill(USER_PW);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('statistics-state').innerText()).toContain('已关闭：周所长');
    expect(await page.getByTestId('statistics-close').count()).toBe(0);
    await shot(page, 'statistics-closed');

    // A record of 2026 changed after closing: 12 pages instead of 10.
    await admin('catalogue.update', {
      id: duty!.id,
      expectedVersion: duty!.version,
      title: duty!.title,
      pageCount: 12,
      securityLevel: 0,
    });
    await page.getByTestId('nav-lending').click();
    await page.getByTestId('nav-statistics').click();
    const correction = page.locator('[data-testid="statistics-correction"][data-key="holdings.items.pages"]');
    await correction.waitFor();
    const text = await correction.innerText();
    expect(text).toContain('18');
    expect(text).toContain('20');
    expect(text).toContain(duty!.archiveCode);
    // The closed year still shows its frozen figure.
    expect(await valueOf('holdings.items.pages')).toBe('18');
    await shot(page, 'statistics-correction');

    // 打印年报: the 档基 layout with the closing signature and the 更正表 page.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statistics-print').click()]);
    const pdf = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' });
    expect(pdf).toContain('档案室基本情况年报');
    expect(pdf).toContain('2026');
    expect(pdf).toContain('周所长');
    expect(pdf).toContain('更正表');
    expect(pdf).toContain(duty!.archiveCode);
    expect(consoleErrors).toEqual([]);
  }, 30_000);
});
