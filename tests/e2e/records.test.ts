/**
 * A record's life after filing, in Chromium against `dangan serve`: a record filed under the
 * wrong 年度 is moved with 更正归档位置 (F2, keyboard only), its old 档号 stays in its history
 * and in search; a deleted record opens read-only with who deleted it, when and why, and the
 * administrator brings it back with 撤销删除. Then the volume's 打印 dialog, by keyboard: its PDF
 * shown in the app, read back with pdftotext, and saved; the 归档文件目录 of a row marked in the
 * grid saved as .xlsx; and 打印 from a record.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ItemView } from '../../electron/contract';
import { Desk } from './pages/desk';
import { SearchScreen } from './pages/search';
import { adminRpc, type AdminCall } from './support/admin-rpc';
import { shot } from './support/browser';
import { openAdminDesk } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
let call: AdminCall;
let misfiled: ItemView;
let deleted: ItemView;
const consoleErrors: string[] = [];

beforeAll(async () => {
  serve = await serveNewArchive(PASSWORD);
  call = await adminRpc(serve, PASSWORD);
  const ws = (await call('scheme.list', {})).find((c) => c.fullCode === 'WS')!.id;
  const item = (title: string) => ({ categoryId: ws, year: 2011, orgCode: 'BGS', title });
  misfiled = await call('catalogue.create', item('误归年度的通知'));
  deleted = await call('catalogue.create', { ...item('重复登记的通知'), author: '北港派出所', date: '20110305' });
  await call('catalogue.delete', { id: deleted.id, reason: '与 0001 重复登记' });
  const jt = (await call('scheme.list', {})).find((c) => c.fullCode === 'ZY·JT')!.id;
  const volume = await call('volumes.create', { categoryId: jt, year: 2016, title: '人民路两车相撞事故' });
  await call('catalogue.create', {
    categoryId: jt,
    year: 2016,
    orgCode: '',
    volumeId: volume.id,
    title: '现场勘查笔录',
    extra: { accidentNo: 'SG2016-0007' },
  });
  ({ browser, page, desk } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
  await desk.grid().waitFor();
}, 240_000);

afterEach(async () => {
  for (let i = 0; i < 3 && (await page.locator('[role=dialog]').count()) > 0; i++) await page.keyboard.press('Escape');
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

/** Selects the grid row holding `text` with the arrow keys and opens it with Enter. */
async function openRow(text: string): Promise<void> {
  await desk.rowWith(text).waitFor();
  await page.getByTestId('grid-body').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 20; i++) {
    if ((await page.locator('[data-testid=grid-row][aria-selected=true]').textContent())?.includes(text)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

describe('更正归档位置', () => {
  it('moves a record to the right 年度 by keyboard, shows the new 档号 first, and keeps the old one', async () => {
    const kb = page.keyboard;
    await openRow('误归年度的通知');
    await page.getByTestId('item-form').waitFor();
    await expect
      .poll(() => page.getByTestId('archive-code-preview').textContent())
      .toContain('J001-WS·2011-Y-BGS-0001');
    await kb.press('F2');
    const dialog = page.getByTestId('correct-placement-dialog');
    await dialog.waitFor();
    // 年度 has the focus: the usual mistake.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('place-year');
    await kb.press('Control+A');
    await kb.type('2012');
    await expect.poll(() => page.getByTestId('place-next').textContent()).toBe('J001-WS·2012-Y-BGS-0001');
    await shot(page, 'records-01-correct-placement');

    // Enter on to the reason; confirming without one is refused and names the field.
    await desk.enterTo('place-reason');
    await kb.press('Enter');
    await expect.poll(() => page.getByTestId('error-place-reason').textContent()).toContain('必填');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('place-reason');
    await kb.type('成文日期为2012年，误录为2011年');
    await kb.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // The record stays open with its new 档号 and the history of the old one.
    await expect
      .poll(() => page.getByTestId('archive-code-preview').textContent())
      .toContain('J001-WS·2012-Y-BGS-0001');
    const history = page.getByTestId('code-history');
    await history.waitFor();
    expect(await history.textContent()).toContain('J001-WS·2011-Y-BGS-0001');
    expect(await history.textContent()).toContain('成文日期为2012年，误录为2011年');
    await shot(page, 'records-02-code-history');
    expect((await call('catalogue.get', { id: misfiled.id })).year).toBe(2012);

    // An edit after the correction saves (the form took the new version).
    await desk.typeInto('item-title', '误归年度的通知（已更正）');
    await kb.press('Control+S');
    await page.getByTestId('item-form').waitFor({ state: 'detached' });
    await desk.rowWith('误归年度的通知（已更正）').waitFor();

    // The old 档号 still finds the record in 全文检索.
    const search = new SearchScreen(page);
    await search.open();
    await search.search('J001-WS·2011-Y-BGS-0001');
    await expect.poll(() => search.hitWith('误归年度的通知').count()).toBe(1);
    expect(await search.hitWith('误归年度的通知').textContent()).toContain('J001-WS·2012-Y-BGS-0001');
    await desk.go('catalogue');
    await desk.grid().waitFor();
  });
});

describe('a deleted record', () => {
  it('opens read-only with who deleted it, when and why, and the administrator restores it', async () => {
    await page.getByTestId('show-deleted').check();
    await openRow('重复登记的通知');
    const view = page.getByTestId('deleted-record');
    await view.waitFor();
    const banner = page.getByTestId('deleted-banner');
    await expect.poll(() => banner.textContent()).toContain('已删除');
    await expect.poll(() => page.getByTestId('deleted-by').textContent()).toBe('admin(admin)');
    expect(await page.getByTestId('deleted-at').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await page.getByTestId('deleted-reason').textContent()).toBe('与 0001 重复登记');
    // Read-only: no field to type in, no item form, no "does not exist".
    expect(await view.locator('input, textarea, select').count()).toBe(0);
    expect(await page.getByTestId('item-form').count()).toBe(0);
    expect(await view.textContent()).not.toContain('记录不存在或无权查看');
    expect(await page.getByTestId('deleted-fields').textContent()).toContain('2011-03-05');
    await shot(page, 'records-03-deleted-view');

    await page.getByTestId('restore-record').click();
    const confirm = page.getByTestId('restore-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('J001-WS·2011-Y-BGS-0002');
    await shot(page, 'records-04-restore-confirm');
    await page.keyboard.press('Enter');
    // Restored: the record is an ordinary, editable one again, its 档号 kept.
    await page.getByTestId('item-form').waitFor();
    await expect
      .poll(() => page.getByTestId('archive-code-preview').textContent())
      .toContain('J001-WS·2011-Y-BGS-0002');
    expect(await page.getByTestId('deleted-record').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('item-title');
    await shot(page, 'records-05-restored');
    await page.keyboard.press('Escape');
    await expect.poll(() => desk.rowWith('重复登记的通知').locator('.tag-deleted').count()).toBe(0);
    const restored = await call('catalogue.get', { id: deleted.id });
    expect(restored).toMatchObject({ deletedAt: null, archiveCode: 'J001-WS·2011-Y-BGS-0002' });
    const audit = await call('audit.list', { action: 'item.restore' });
    expect(audit.rows.map((r) => r.summary)).toEqual(['撤销删除件 J001-WS·2011-Y-BGS-0002《重复登记的通知》']);
  });
});

describe('更正案卷归档位置', () => {
  it('moves a volume to the right 年度 by keyboard and re-codes its items', async () => {
    const kb = page.keyboard;
    const node = (text: string) => page.getByTestId('tree-node').filter({ hasText: text }).first();
    await node('业务').click();
    await node('交通事故').click();
    await node('2016').click();
    await page.locator('[data-testid=tree-node][data-level=retention]').first().click();
    await node('人民路两车相撞事故').click();
    await desk.rowWith('现场勘查笔录').waitFor();
    await page.getByTestId('edit-volume').click();
    await page.getByTestId('volume-form').waitFor();
    await kb.press('F2');
    const dialog = page.getByTestId('correct-volume-placement-dialog');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('vplace-year');
    await kb.press('Control+A');
    await kb.type('2017');
    await expect.poll(() => page.getByTestId('vplace-next').textContent()).toBe('J001-ZY·JT·2017-D30-001');
    await desk.enterTo('vplace-reason');
    await kb.type('事故发生于2017年1月');
    await shot(page, 'records-06-volume-placement');
    await kb.press('Enter');
    await page.getByTestId('volume-form').waitFor({ state: 'detached' });
    // The grid follows the volume: its item carries the new 档号.
    await expect.poll(() => desk.rowWith('现场勘查笔录').textContent()).toContain('J001-ZY·JT·2017-D30-001-001');
    await shot(page, 'records-07-volume-moved');
  });
});

describe('打印', () => {
  it("opens by keyboard on a volume, shows the cover's PDF in the app, and saves it", async () => {
    const kb = page.keyboard;
    await page.getByTestId('grid-body').focus();
    await kb.press('Control+P');
    await page.getByTestId('print-dialog').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('print-kind');
    expect(await page.getByTestId('print-kind').inputValue()).toBe('cover');
    expect(await page.getByTestId('print-scope').textContent()).toBe('范围：案卷 J001-ZY·JT·2017-D30-001');
    const frame = page.getByTestId('print-frame');
    await frame.waitFor();
    expect(await page.getByTestId('print-info').textContent()).toBe('共 1 页，1 条');
    // 预览 on screen.
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await shot(page, 'records-08-print');

    // Tab to 保存 PDF, Enter: the blob downloads under a Chinese name; it is the PDF print.document returned.
    await kb.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('print-save');
    const [download] = await Promise.all([page.waitForEvent('download'), kb.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^案卷封面-J001-ZY·JT·2017-D30-001-\d{12}\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('人民路两车相撞事故');
    expect(text).toContain('J001-ZY·JT·2017-D30-001');
    await kb.press('Escape');
    await page.getByTestId('print-dialog').waitFor({ state: 'detached' });
  });

  it('prints the rows marked in the grid: their 归档文件目录 saved as .xlsx, by keyboard', async () => {
    const kb = page.keyboard;
    const active = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await page.getByTestId('grid-body').focus();
    await kb.press('Home');
    await kb.press(' ');
    await expect.poll(() => page.getByTestId('grid-marked').textContent()).toContain('已选 1 件');
    await kb.press('Control+P');
    await page.getByTestId('print-dialog').waitFor();
    expect(await page.getByTestId('print-kind').inputValue()).toBe('item-catalogue-sel');
    expect(await page.getByTestId('print-scope').textContent()).toBe('范围：所选 1 件文件');
    await page.getByTestId('print-frame').waitFor();
    await kb.press('Tab');
    await kb.press('Tab');
    await expect.poll(active).toBe('print-save-xlsx');
    const [download] = await Promise.all([page.waitForEvent('download'), kb.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^归档文件目录-所选1件-\d{12}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(5).value).toBe('题名');
    expect(ws.getRow(2).getCell(5).value).toBe('现场勘查笔录');
    expect(ws.rowCount).toBe(2);
    await kb.press('Escape');
    await page.getByTestId('print-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('grid-body').focus();
    await kb.press('Escape');
    await page.getByTestId('grid-marked').waitFor({ state: 'detached' });
  });

  it('prints from a record: its 归档章 and its volume’s documents', async () => {
    const kb = page.keyboard;
    await page.getByTestId('grid-body').focus();
    await kb.press('Enter');
    await page.getByTestId('item-form').waitFor();
    await page.getByTestId('item-print').focus();
    await kb.press('Enter');
    await page.getByTestId('print-dialog').waitFor();
    const labels = await page.getByTestId('print-kind').locator('option').allTextContents();
    expect(labels).toEqual(['案卷封面', '卷内文件目录', '卷内备考表', '归档文件目录', '归档章', '归档章（所选文件）']);
    await kb.press('Escape');
    await page.getByTestId('print-dialog').waitFor({ state: 'detached' });
  });

  it('left no errors in the console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
