import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from '../helpers/import-fixtures';
import { Desk } from './pages/desk';
import { SearchScreen } from './pages/search';
import { adminRpc } from './support/admin-rpc';
import { shot } from './support/browser';
import { openAdminDesk } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';

/**
 * Entry by keyboard alone, as a clerk types records: nothing typed is lost (Esc, leaving the
 * screen, closing the window), nothing lands in the wrong field or year, errors point at
 * their field, dates read YYYY-MM-DD, and the 门类 picker finds by code, name or initials.
 */
const PASSWORD = 'Adm1n-Passw0rd';
const SEEDED = '张三户口迁入登记';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
const consoleErrors: string[] = [];

/** The same number with a wrong check digit. */
const badCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');
const value = (id: string) => page.locator(`#${id}`).inputValue();

async function newItem(): Promise<void> {
  await desk.grid().focus();
  await page.keyboard.press('Control+N');
  await page.getByTestId('item-form').waitFor();
}

/** Leaves the item form, answering "discard" if it asks. */
async function closeForm(): Promise<void> {
  await page.keyboard.press('Escape');
  if (await page.getByTestId('discard-dialog').count()) await page.keyboard.press('Enter');
  await page.getByTestId('item-form').waitFor({ state: 'detached' });
}

beforeAll(async () => {
  serve = await serveNewArchive(PASSWORD, 'dangan-e2e-entry-');
  const call = await adminRpc(serve, PASSWORD);
  const qr = (await call('scheme.list', {})).find((c) => c.fullCode === 'ZY·HJ·QR')!;
  await call('catalogue.create', {
    categoryId: qr.id,
    year: 2019,
    orgCode: '',
    title: SEEDED,
    date: '20190302',
    extra: { acceptDate: '20190302' },
    persons: [{ name: '张三', idNumber: IDS.wangFang }],
  });
  ({ browser, page, desk } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
  await desk.grid().waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('data entry in Chromium, keyboard only', () => {
  it('finds the 门类 by its code with or without dots, its name and its pinyin initials', async () => {
    await newItem();
    for (const typed of ['ZYHJQR', 'ZY·HJ·QR', '迁入', 'qr']) {
      await desk.moveTo('item-categoryId');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(typed);
      const first = page.getByTestId('item-categoryId-options').getByRole('option').first();
      await expect.poll(() => first.textContent()).toContain('迁入');
      if (typed === 'qr') await shot(page, 'entry-01-picker-qr');
      await page.keyboard.press('Enter');
      expect(await desk.categoryShown('item-categoryId')).toBe('ZY·HJ·QR 迁入');
      // Enter took the category and moved on, as in every field.
      await expect.poll(activeId).toBe('item-year');
    }
    // Arrows move through the matches: ZY·HJ itself, then its children in tree order.
    await desk.moveTo('item-categoryId');
    await page.keyboard.type('ZY·HJ');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await desk.categoryShown('item-categoryId')).toBe('ZY·HJ·CS 出生入户');
    await closeForm();
  });

  it('takes 年度 from the 日期 typed, whatever today is', async () => {
    await newItem();
    await desk.pickCategory('item-categoryId', 'ZYHJQR');
    await desk.typeInto('item-date', '2019-03-02');
    await page.keyboard.press('Enter');
    expect(await value('item-year')).toBe('2019');
    expect(await value('item-date')).toBe('2019-03-02');
    await expect.poll(() => page.getByTestId('archive-code-preview').textContent()).toContain('·2019-');
    await desk.typeInto('item-date', '20081231');
    await page.keyboard.press('Enter');
    expect(await value('item-year')).toBe('2008');
    expect(await value('item-date')).toBe('2008-12-31');
    await shot(page, 'entry-02-year-from-date');
  });

  it('moves on from 备注 with Enter; Shift+Enter is its new line, and the footer says so', async () => {
    expect(await page.getByTestId('item-form').locator('.modal-foot').textContent()).toMatch(
      /Enter 下一项.*Shift\+Enter.*换行/,
    );
    await desk.typeInto('item-title', '户口迁入审批表');
    await desk.moveTo('item-remarks');
    await page.keyboard.type('第一行');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('第二行');
    await page.keyboard.press('Enter');
    // Following the hint: the next field (受理日期 …, then the persons), never 备注 again.
    await expect.poll(activeId).not.toBe('item-remarks');
    expect(await value('item-remarks')).toBe('第一行\n第二行');
    await desk.enterTo('person-name-0');
    await page.keyboard.type('李四');
    expect(await value('item-remarks')).toBe('第一行\n第二行');
    await shot(page, 'entry-03-remarks');
  });

  it('shows extra dates as YYYY-MM-DD while typing and saves them', async () => {
    await desk.typeInto('extra-acceptDate', '2019/3/5');
    await page.keyboard.press('Enter');
    expect(await value('extra-acceptDate')).toBe('2019-03-05');
  });

  it('marks and focuses the bad 公民身份号码 and drops its message once fixed, while another row stays wrong', async () => {
    await desk.typeInto('person-id-0', badCheck(IDS.liSi));
    // A second person: Tab to 添加人员 (after this row's 删除) and press it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(activeId).toBe('person-name-1');
    await page.keyboard.type('王五');
    await page.keyboard.press('Enter');
    await page.keyboard.type(badCheck(IDS.zhangSan));
    await page.keyboard.press('Control+S');
    await expect.poll(activeId).toBe('person-id-0');
    await page.getByTestId('person-error-0').waitFor();
    await page.getByTestId('person-error-1').waitFor();
    expect(await page.locator('#person-id-0').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#person-id-1').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('item-form-error').count()).toBe(0);
    await shot(page, 'entry-04-two-bad-ids');

    await page.keyboard.press('Control+A');
    await page.keyboard.type(IDS.liSi);
    await expect.poll(() => page.getByTestId('person-error-0').count()).toBe(0);
    expect(await page.getByTestId('person-error-1').textContent()).toContain('校验位');
    await page.keyboard.press('Control+S');
    await expect.poll(activeId).toBe('person-id-1');
    expect(await page.getByTestId('person-error-0').count()).toBe(0);
    expect(await page.locator('#person-id-0').getAttribute('aria-invalid')).toBeNull();
    await page.getByTestId('person-error-1').waitFor();
    await shot(page, 'entry-05-one-fixed');
  });

  it('asks before Esc discards typed text: 继续填写 keeps it, 放弃修改 closes', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-dialog').waitFor();
    await shot(page, 'entry-06-discard-ask');
    await page.keyboard.press('Escape'); // = 继续填写
    await page.getByTestId('discard-dialog').waitFor({ state: 'detached' });
    expect(await value('item-title')).toBe('户口迁入审批表');
    expect(await value('item-remarks')).toBe('第一行\n第二行');
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-dialog').waitFor();
    await page.keyboard.press('Enter'); // = 放弃修改
    await page.getByTestId('item-form').waitFor({ state: 'detached' });
    // A form with nothing typed closes at once.
    await newItem();
    await page.keyboard.press('Escape');
    await page.getByTestId('item-form').waitFor({ state: 'detached' });
    expect(await page.getByTestId('discard-dialog').count()).toBe(0);
  });

  it('does the same in the volume form: 年度 from 起始日期, Esc asks', async () => {
    await desk.grid().focus();
    await page.keyboard.press('Control+Shift+N');
    await page.getByTestId('volume-form').waitFor();
    await desk.pickCategory('vol-categoryId', 'ZYJT');
    expect(await desk.categoryShown('vol-categoryId')).toBe('ZY·JT 交通事故');
    await desk.typeInto('vol-startDate', '2017-05-01');
    await page.keyboard.press('Enter');
    expect(await value('vol-year')).toBe('2017');
    await desk.typeInto('vol-title', '北港路追尾事故');
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-dialog').waitFor();
    await shot(page, 'entry-09-volume-discard');
    await page.keyboard.press('Escape');
    expect(await value('vol-title')).toBe('北港路追尾事故');
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('volume-form').waitFor({ state: 'detached' });
  });

  it('asks before leaving the screen, and guards closing the window while text is typed', async () => {
    const beforeUnloadBlocked = () =>
      page.evaluate(() => {
        const e = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      });
    await newItem();
    expect(await beforeUnloadBlocked()).toBe(false);
    await desk.typeInto('item-title', '迁入证明');
    expect(await beforeUnloadBlocked()).toBe(true);
    await page.keyboard.press('Alt+2'); // 检索
    await page.getByTestId('discard-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('section-catalogue').count()).toBe(1);
    expect(await value('item-title')).toBe('迁入证明');
    await page.keyboard.press('Alt+2');
    await page.getByTestId('discard-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('search-page').waitFor();
    expect(await beforeUnloadBlocked()).toBe(false);
  });

  it('shows stored dates as YYYY-MM-DD in the edit form and the search detail', async () => {
    const search = new SearchScreen(page);
    await search.search(SEEDED);
    await expect.poll(() => search.total()).toBe(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await search.detail().waitFor();
    await expect.poll(() => search.detail().textContent()).toContain('受理日期2019-03-02');
    expect(await search.detail().textContent()).not.toContain('20190302');
    await shot(page, 'entry-07-search-detail');
    await page.keyboard.press('Escape');

    await desk.go('catalogue');
    await desk.rowWith(SEEDED).waitFor();
    expect(await desk.rowWith(SEEDED).textContent()).toContain('2019-03-02');
    await page.getByTestId('grid-body').focus(); // the one row is selected; Enter opens it
    await page.keyboard.press('Enter');
    await page.getByTestId('item-form').waitFor();
    await expect.poll(() => value('extra-acceptDate')).toBe('2019-03-02');
    expect(await value('item-date')).toBe('2019-03-02');
    await shot(page, 'entry-08-edit-dates');
    await closeForm();
    expect(consoleErrors).toEqual([]);
  });
});
