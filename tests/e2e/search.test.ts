import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryView, ItemView, LoginResult, Result } from '../../electron/contract';
import { setupViaCli } from '../helpers/cli';
import { httpCaller } from '../helpers/http-client';
import { IDS, idNumber } from '../helpers/import-fixtures';
import { tempDir } from '../helpers/test-core';
import { Desk } from './pages/desk';
import { SearchScreen } from './pages/search';
import { launchBrowser, newPage, shot } from './support/browser';
import { startServe, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const PAGING_ITEMS = 55;
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
let search: SearchScreen;
const consoleErrors: string[] = [];

/** A valid 公民身份号码 whose last four characters are digits (no X check digit). */
function digitId(birth: string): string {
  for (let n = 11; n < 999; n += 2) {
    const id = idNumber(birth, String(n).padStart(3, '0'));
    if (/\d{4}$/.test(id)) return id;
  }
  throw new Error('no id without X');
}
const ZHANG_ID = digitId('19800101');
const LI_ID = digitId('19750615');

/** Items made through the bridge as the admin, so the browser starts on a known archive. */
async function seed(): Promise<void> {
  const token = new URL(serve.url).hash.replace(/^#token=/, '');
  const rpc = httpCaller(serve.origin, decodeURIComponent(token));
  const value = <T>(r: Result<unknown>): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  const login = value<LoginResult>(await rpc('auth.login', { username: 'admin', password: PASSWORD }));
  const call = async <T>(method: string, input: unknown) => value<T>(await rpc(method, input, login.token));
  const cats = await call<CategoryView[]>('scheme.list', {});
  const ws = cats.find((c) => c.fullCode === 'WS');
  if (!ws) throw new Error('no 文书 category');
  const items: {
    year: number;
    retention: string;
    title: string;
    securityLevel?: number;
    docNumber?: string;
    persons: string[][];
  }[] = [
    {
      year: 2011,
      retention: 'Y',
      title: '户口迁移审批材料',
      docNumber: '北公〔2011〕12号',
      persons: [['王芳', IDS.wangFang]],
    },
    { year: 2011, retention: 'Y', title: '暂住人口清理整顿工作总结', persons: [['张建国', ZHANG_ID]] },
    { year: 2015, retention: 'D30', title: '社区警务工作方案', securityLevel: 1, persons: [['李娜', LI_ID]] },
    { year: 2015, retention: 'Y', title: '王芳同志户籍证明', persons: [['王芳', IDS.wangFang]] },
  ];
  // Enough hits for a second page.
  for (let n = 1; n <= PAGING_ITEMS; n++)
    items.push({ year: 2012, retention: 'D10', title: `治安检查记录（第${n}次）`, persons: [] });
  for (const { persons, ...rest } of items) {
    await call<ItemView>('catalogue.create', {
      categoryId: ws.id,
      orgCode: '',
      ...rest,
      persons: persons.map(([name, idNumber]) => ({ name, idNumber })),
    });
  }
}

beforeAll(async () => {
  const dir = tempDir('dangan-e2e-search-');
  setupViaCli(dir, PASSWORD);
  serve = await startServe(dir);
  await seed();
  browser = await launchBrowser();
  page = await newPage(browser);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  desk = new Desk(page);
  search = new SearchScreen(page);
  await desk.open(serve.url);
  await desk.login('admin', PASSWORD);
  await page.getByTestId('catalogue-grid').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

// One archive, one clerk at the counter: the steps run in order.
describe('the search screen in Chromium', () => {
  it('opens with Ctrl+K from the catalogue and shows the help and empty lists, not an error', async () => {
    await page.getByTestId('catalogue-grid').focus();
    await page.keyboard.press('Control+K');
    await page.getByTestId('search-page').waitFor();
    await expect.poll(() => search.activeTestId()).toBe('search-input');
    await page.getByTestId('search-help').waitFor();
    expect(await page.getByTestId('search-error').count()).toBe(0);
    expect(await page.getByTestId('recent-searches').textContent()).toContain('还没有检索记录');
    await shot(page, 'search-01-empty');
  });

  it('finds a two-character name with the name highlighted in the snippet', async () => {
    await search.search('王芳');
    await expect.poll(() => search.total()).toBe(2);
    expect(await search.hitWith('户口迁移审批材料').count()).toBe(1);
    expect(await search.hitWith('王芳同志户籍证明').count()).toBe(1);
    expect(await search.marks()).toContain('王芳');
    const first = search.hitWith('户口迁移审批材料');
    expect(await first.getByTestId('hit-field').textContent()).toContain('姓名');
    expect(await first.getByTestId('hit-code').textContent()).toContain('J001-WS·2011-Y-');
    expect(await page.getByTestId('search-total').textContent()).toMatch(/共 2 条，用时 [\d,]+ 毫秒/);
    await shot(page, 'search-02-name');
  });

  it('finds a person by the last four digits of the ID number', async () => {
    const last4 = ZHANG_ID.slice(-4);
    await search.search(last4);
    await expect.poll(() => search.hitWith('暂住人口清理整顿工作总结').count()).toBe(1);
    const hit = search.hitWith('暂住人口清理整顿工作总结');
    expect(await hit.getByTestId('hit-field').textContent()).toContain('身份证');
    expect(await hit.locator('mark').allTextContents()).toContain(last4);
    await shot(page, 'search-03-idno');
  });

  it('shows a 档号: prefix as a chip, and removing the chip searches again without it', async () => {
    await search.search('档号:WS·2011');
    await expect.poll(() => search.total()).toBe(2);
    await expect.poll(() => search.chips().count()).toBe(1);
    expect(await search.chips().first().getAttribute('data-kind')).toBe('field');
    for (const code of await page.getByTestId('hit-code').allTextContents()) expect(code).toContain('WS·2011');
    await shot(page, 'search-04-chip');
    await search.box().fill('档号:WS·2011 工作');
    await search.box().press('Enter');
    await search.waitForQuery('档号:WS·2011 工作');
    await expect.poll(() => search.total()).toBe(1);
    await search.chips().filter({ hasText: 'WS·2011' }).click();
    await search.waitForQuery('工作');
    await expect.poll(() => search.total()).toBe(2); // 2011's 工作总结 and 2015's 工作方案
    expect(await search.chips().filter({ hasText: 'WS·2011' }).count()).toBe(0);
  });

  it('narrows with a filter, shows it as a chip, and drops it with Backspace in the empty box', async () => {
    await search.search('王芳');
    await expect.poll(() => search.total()).toBe(2);
    await page.locator('#sf-year-from').fill('1800');
    await expect.poll(() => page.getByTestId('search-error').textContent()).toContain('年度不能早于1900');
    await page.locator('#sf-year-from').fill('2015');
    await page.locator('#sf-year-to').fill('2015');
    await expect.poll(() => search.total()).toBe(1);
    expect(await page.getByTestId('search-error').count()).toBe(0);
    expect(await search.hits().first().textContent()).toContain('王芳同志户籍证明');
    expect(await search.filterChips().first().textContent()).toContain('2015');
    await shot(page, 'search-05-filter');
    await search.box().fill('');
    await search.box().press('Backspace');
    await expect.poll(() => search.filterChips().count()).toBe(0);
    // The year box follows the filters one render after the chip goes.
    await expect.poll(() => page.locator('#sf-year-from').inputValue()).toBe('');
    await page.getByTestId('search-help').waitFor();
  });

  it('moves through the hits with ↓, opens one with Enter and returns to the list with Esc', async () => {
    await search.search('王芳');
    await expect.poll(() => search.total()).toBe(2);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => search.selectedIndex()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => search.selectedIndex()).toBe(1);
    const code = (await search.hits().nth(1).getByTestId('hit-code').textContent()) ?? '';
    await page.keyboard.press('Enter');
    await search.detail().waitFor();
    await expect.poll(() => page.getByTestId('detail-code').textContent()).toBe(code);
    await expect.poll(() => search.detail().textContent()).toContain(IDS.wangFang);
    await shot(page, 'search-06-detail');
    await page.keyboard.press('Escape');
    await search.detail().waitFor({ state: 'detached' });
    await expect.poll(() => search.activeTestId()).toBe('search-results');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => search.selectedIndex()).toBe(0);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => search.activeTestId()).toBe('search-input');
  });

  it('pages: 50 hits first, ↓ on the last one loads the rest and steps onto the next', async () => {
    await search.search('治安检查');
    await expect.poll(() => search.total()).toBe(PAGING_ITEMS);
    expect(await search.hits().count()).toBe(50);
    await page.getByTestId('search-more').waitFor();
    await page.getByTestId('search-results').focus();
    await page.keyboard.press('End');
    await expect.poll(() => search.selectedIndex()).toBe(49);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => search.hits().count()).toBe(PAGING_ITEMS);
    await expect.poll(() => search.selectedIndex()).toBe(50);
    expect(await page.getByTestId('search-more').count()).toBe(0);
    await shot(page, 'search-07-paging');
  });

  it('saves a search and runs it again from the saved list; lists recent searches', async () => {
    await search.search('王芳');
    await search.saveAs('王芳的档案');
    await expect.poll(() => search.savedItems().count()).toBe(1);
    await search.search('社区');
    await expect.poll(() => search.total()).toBe(1);
    await search.savedItems().filter({ hasText: '王芳的档案' }).getByTestId('saved-run').click();
    await search.waitForQuery('王芳');
    await expect.poll(() => search.total()).toBe(2);
    const recent = await search.recentItems().allTextContents();
    expect(recent.some((r) => r.includes('社区'))).toBe(true);
    expect(recent.some((r) => r.includes('王芳'))).toBe(true);
    await shot(page, 'search-08-saved');
  });

  it('focuses the box with "/" from another screen', async () => {
    await desk.go('persons');
    await page.getByTestId('person-search').waitFor();
    await page.locator('body').click({ position: { x: 700, y: 600 } });
    await page.keyboard.press('/');
    await expect.poll(() => search.activeTestId()).toBe('search-input');
    expect(await search.box().inputValue()).toBe('王芳');
  });

  it('rebuilds the index for a manager, with its status shown', async () => {
    await page.getByTestId('reindex').click();
    await page.getByTestId('reindex-dialog').getByTestId('confirm-ok').click();
    await page.getByText('索引重建完成').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('index-state').textContent()).toBe('就绪');
    expect(await page.getByTestId('index-docs').textContent()).toContain(String(4 + PAGING_ITEMS));
    await shot(page, 'search-09-index');
    expect(consoleErrors).toEqual([]);
  });
});
