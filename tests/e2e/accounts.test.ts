import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS } from '../../electron/contract/audit';
import type { LoginResult } from '../../electron/contract';
import { httpCaller } from '../helpers/http-client';
import { Desk } from './pages/desk';
import { adminRpc, type AdminCall } from './support/admin-rpc';
import { newPage, shot } from './support/browser';
import { openDeskPage } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
let admin: AdminCall;
let openCode = '';
let secretCode = '';
const consoleErrors: string[] = [];

beforeAll(async () => {
  serve = await serveNewArchive(PASSWORD, 'dangan-e2e-accounts-');
  admin = await adminRpc(serve, PASSWORD);
  const ws = (await admin('scheme.list', {})).find((c) => c.fullCode === 'WS')!.id;
  openCode = (await admin('catalogue.create', { categoryId: ws, year: 2020, title: '关于值班安排的通知' })).archiveCode;
  secretCode = (
    await admin('catalogue.create', { categoryId: ws, year: 2020, title: '专案侦查材料', securityLevel: 2 })
  ).archiveCode;
  await admin('search.recent.add', { q: '值班' });
  await admin('users.create', {
    username: 'neiqin',
    displayName: '王内勤',
    role: 'clerk',
    clearance: 1,
    password: 'Temp-Passw0rd1',
  });
  ({ browser, page, desk } = await openDeskPage(consoleErrors));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('accounts and the audit log in Chromium', () => {
  it('sends a new user from login straight to a password change that cannot be skipped', async () => {
    await desk.open(serve.url);
    await page.getByTestId('login-form').waitFor();
    const kb = page.keyboard;
    await kb.type('neiqin');
    await kb.press('Tab');
    await kb.type('Temp-Passw0rd1');
    await kb.press('Enter');
    const screen = page.getByTestId('first-password');
    await screen.waitFor();
    expect(await screen.textContent()).toContain('王内勤（neiqin）');
    expect(await page.getByTestId('catalogue-grid').count()).toBe(0);
    await shot(page, 'accounts-01-first-password');
    // Escape and a reload do not get past it: the session still must change the password.
    await kb.press('Escape');
    await page.reload();
    await screen.waitFor();
    expect(await page.getByTestId('catalogue-grid').count()).toBe(0);
    // After the reload the administrator's password is asked for too; all by keyboard.
    await page.locator('#firstpwd-old').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('firstpwd-old');
    await kb.type('Temp-Passw0rd1');
    await kb.press('Tab');
    await kb.type('Temp-Passw0rd1');
    await kb.press('Tab');
    await kb.type('Temp-Passw0rd1');
    await kb.press('Enter');
    await expect.poll(() => screen.textContent()).toContain('新密码不能与原密码相同');
    await page.locator('#firstpwd-new').fill('');
    await page.locator('#firstpwd-new').focus();
    await kb.type('Mine-Passw0rd2');
    await kb.press('Tab');
    await kb.press('Control+A');
    await kb.type('Mine-Passw0rd2');
    await kb.press('Enter');
    await page.getByTestId('catalogue-grid').waitFor();
    await shot(page, 'accounts-02-after-change');
    await desk.logout();
    await desk.login('neiqin', 'Mine-Passw0rd2');
    await page.getByTestId('catalogue-grid').waitFor();
    await desk.logout();
  });

  it('shows the audit log in Chinese: labels, 档号, one operator form, hidden above the viewer’s 密级', async () => {
    // An auditor with 机密-below clearance (内部), who already chose a password.
    await admin('users.create', {
      username: 'shenji',
      displayName: '赵审计',
      role: 'auditor',
      clearance: 1,
      password: 'Temp-Passw0rd1',
    });
    const rpc = httpCaller(serve.origin, decodeURIComponent(new URL(serve.url).hash.replace(/^#token=/, '')));
    const first = await rpc('auth.login', { username: 'shenji', password: 'Temp-Passw0rd1' });
    const token = (first as { ok: true; value: LoginResult }).value.token;
    await rpc('auth.changePassword', { oldPassword: 'Temp-Passw0rd1', newPassword: 'Aud1t-Passw0rd' }, token);
    await rpc('auth.login', { username: 'nobody', password: 'x' });

    await desk.login('shenji', 'Aud1t-Passw0rd');
    await desk.go('audit');
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.textContent()).toContain('新建件');
    await shot(page, 'accounts-03-audit');
    const text = (await table.textContent()) ?? '';
    for (const code of Object.keys(AUDIT_ACTION_LABELS)) expect(text, code).not.toContain(code);
    expect(text).not.toMatch(UUID);
    expect(text).toContain(openCode);
    expect(text).not.toContain(secretCode);
    expect(text).not.toContain('专案侦查材料');
    expect(text).toContain('（密级高于本人，不显示）');
    expect(text).toContain('全文检索');
    for (const op of await page.getByTestId('audit-operator').allTextContents())
      expect(op).toMatch(/^(.+（.+）|系统(（.+）)?)$/);
    expect(text).toContain('nobody（无此账号）');
    expect(text).toContain('admin（admin）');

    // The action filter lists every action, in Chinese.
    const options = await page.locator('#audit-action option').allTextContents();
    expect(options).toHaveLength(Object.keys(AUDIT_ACTION_LABELS).length + 1);
    expect(options).toContain('全文检索');
    await page.locator('#audit-action').selectOption({ label: '全文检索' });
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
    await page.locator('#audit-action').selectOption({ label: '（全部）' });

    // Dates are typed YYYY-MM-DD (no browser date widget); anything else is refused in Chinese.
    const from = page.locator('#audit-from');
    expect(await from.getAttribute('type')).toBe('text');
    expect(await from.getAttribute('placeholder')).toBe('YYYY-MM-DD');
    await from.fill('03/01/2026');
    await from.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain('日期格式应为 YYYY-MM-DD，例如 2026-03-01');
    await from.fill('2999-01-01');
    await from.press('Enter');
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(0);
    await from.fill('2000-01-01');
    await page.locator('#audit-to').fill('2999-12-31');
    await page.locator('#audit-to').press('Enter');
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(5);
    await shot(page, 'accounts-04-audit-filtered');
    await desk.logout();
  });

  it('explains how to get in when the address is opened without its token', async () => {
    const bare = await newPage(browser);
    await bare.goto(serve.origin + '/');
    const card = bare.getByTestId('no-token');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('#token=');
    expect(text).toContain('dangan serve');
    expect(text).toContain('终端');
    expect(await bare.getByRole('button', { name: '重试' }).count()).toBe(0);
    await shot(bare, 'accounts-05-no-token');
    // Following the advice in the same tab: the full address only changes the hash, and the
    // app must still start with it.
    await bare.goto(serve.url);
    await bare.getByTestId('login-form').waitFor();
    await bare.close();
    expect(consoleErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
  });
});
