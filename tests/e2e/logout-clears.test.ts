/**
 * Logging out empties every per-user store (issue 15): A (the administrator, who may read
 * 机密) fills the catalogue, search, sync, template-editor and intake stores; after logout and
 * B's login (内部 clearance) no store and no screen holds A's records, query or choices.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../../electron/contract';
import { httpCaller } from '../helpers/http-client';
import { Desk } from './pages/desk';
import { FormsScreen } from './pages/forms';
import { SearchScreen } from './pages/search';
import { adminRpc } from './support/admin-rpc';
import { shot } from './support/browser';
import { openDeskPage } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';
import { enableStoreSnapshot, storeSnapshot } from './support/store-snapshot';

const PASSWORD = 'Adm1n-Passw0rd';
const SECRET_TITLE = '专案甲侦查材料';
const A_QUERY = '专案甲';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
let secretCode = '';
let secretId = '';
const consoleErrors: string[] = [];

beforeAll(async () => {
  serve = await serveNewArchive(PASSWORD, 'dangan-e2e-logout-');
  const admin = await adminRpc(serve, PASSWORD);
  const ws = (await admin('scheme.list', {})).find((c) => c.fullCode === 'WS')!.id;
  await admin('catalogue.create', { categoryId: ws, year: 2020, title: '关于值班安排的通知' });
  const secret = await admin('catalogue.create', { categoryId: ws, year: 2020, title: SECRET_TITLE, securityLevel: 2 });
  secretCode = secret.archiveCode;
  secretId = secret.id;
  await admin('users.create', {
    username: 'yiyuan',
    displayName: '乙文员',
    role: 'clerk',
    clearance: 1,
    password: 'Temp-Passw0rd1',
  });
  const rpc = httpCaller(serve.origin, decodeURIComponent(new URL(serve.url).hash.replace(/^#token=/, '')));
  const first = await rpc('auth.login', { username: 'yiyuan', password: 'Temp-Passw0rd1' });
  const token = (first as { ok: true; value: LoginResult }).value.token;
  await rpc('auth.changePassword', { oldPassword: 'Temp-Passw0rd1', newPassword: 'Yi-Passw0rd2' }, token);
  ({ browser, page, desk } = await openDeskPage(consoleErrors));
  await enableStoreSnapshot(page);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('logout empties every per-user store', () => {
  it('leaves nothing of A’s catalogue, search, sync, template editor or intake to B', async () => {
    await desk.open(serve.url);
    await desk.login('admin', PASSWORD);

    // A's screens, each filling its store.
    await desk.rowWith(SECRET_TITLE).waitFor();
    await desk.rowWith(SECRET_TITLE).click();
    const search = new SearchScreen(page);
    await search.open();
    await search.search(A_QUERY);
    await search.hits().first().click();
    await search.detail().waitFor();
    expect((await storeSnapshot(page)).search!.openId).toBe(secretId);
    await page.keyboard.press('Escape');
    await search.detail().waitFor({ state: 'detached' });
    await search.hits().first().waitFor();
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-page-station').waitFor();
    const forms = new FormsScreen(page);
    await forms.open();
    await forms.row('resident-registration').getByTestId('forms-edit').click();
    await page.getByTestId('tpl-editor').waitFor();
    await page.getByTestId('nav-intake').click();
    const target = page.getByTestId('intake-target-search');
    await target.fill(secretCode);
    await page.getByRole('option').filter({ hasText: secretCode }).waitFor();
    await target.press('Enter');
    await page.getByTestId('intake-target').waitFor();

    const filled = await storeSnapshot(page);
    expect(filled.search!.q).toBe(A_QUERY);
    expect(JSON.stringify(filled.search)).toContain(SECRET_TITLE);
    expect((filled.intake!.target as { itemId: string }).itemId).toBe(secretId);
    expect(filled.templateEditor!.open).toBe(true);
    expect(filled.templateEditor!.originalId).toBe('resident-registration');
    expect(filled.sync!.status).not.toBeNull();
    expect(filled.formTemplates!.loaded).toBe(true);
    expect(filled.scheme!.loaded).toBe(true);
    expect(filled.nav!.section).toBe('intake');

    await desk.logout();
    const atLogin = await storeSnapshot(page);
    await desk.login('yiyuan', 'Yi-Passw0rd2');
    await desk.grid().waitFor();
    await expect.poll(() => desk.gridTotal()).toBe(1);
    const after = await storeSnapshot(page);

    for (const snap of [atLogin, after]) {
      const all = JSON.stringify(snap);
      for (const secret of [SECRET_TITLE, secretCode, secretId, A_QUERY, 'resident-registration'])
        expect(all, secret).not.toContain(secret);
      expect(snap.search!.q).toBe('');
      expect(snap.search!.hits).toEqual([]);
      expect(snap.search!.recent).toEqual([]);
      expect(snap.search!.openId).toBeNull();
      expect(snap.search!.selected).toBe(-1);
      expect(snap.intake!.target).toEqual({ itemId: null, archiveCode: null, title: null });
      expect(snap.templateEditor!.open).toBe(false);
      expect(snap.templateEditor!.zones).toEqual([]);
      expect(snap.sync!.status).toBeNull();
      expect(snap.sync!.keys).toBeNull();
      expect(snap.catalogue!.selectedIndex).toBe(0);
      expect(snap.catalogue!.treeKey).toBeNull();
      expect(snap.nav!.section).toBeNull();
      expect(snap.toasts!.toasts).toEqual([]);
    }
    expect(atLogin.session!.login).toBeNull();
    expect((after.session!.login as { user: { username: string } }).user.username).toBe('yiyuan');

    // And on B's screens: the catalogue lists only what B may read, the search box is empty.
    expect(await desk.rowWith(SECRET_TITLE).count()).toBe(0);
    await search.open();
    expect(await search.box().inputValue()).toBe('');
    expect(await search.hits().count()).toBe(0);
    await shot(page, 'logout-clears-b-search');

    // The hot folder is an administrator's choice: B (档案员) sees who sets it, not the form.
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-intake').click();
    await page.getByTestId('hotfolder-admin-only').waitFor();
    expect(await page.getByTestId('hotfolder-dir').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
