import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/test-core';
import { Desk } from './pages/desk';
import { ImportScreen } from './pages/importer';
import { launchBrowser, newPage, shot } from './support/browser';
import { startServe, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
const consoleErrors: string[] = [];

beforeAll(async () => {
  serve = await startServe();
  browser = await launchBrowser();
  page = await newPage(browser);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  desk = new Desk(page);
});
// A failed step must not leave a form open over the next flow.
afterEach(async () => {
  for (let i = 0; i < 3 && (await page.locator('[role=dialog]').count()) > 0; i++) {
    // A form with typed text asks first: Enter answers "discard".
    if (await page.getByTestId('discard-dialog').count()) await page.keyboard.press('Enter');
    else await page.keyboard.press('Escape');
  }
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

// The flows run in order on one fresh archive, as a clerk's first day would.
describe('the station desk in Chromium', () => {
  it('leads a first start through setup, then refuses a wrong password and logs in', async () => {
    await desk.open(serve.url);
    await shot(page, '01-setup');
    await desk.completeSetup('北港派出所', 'J001', 'admin', PASSWORD);
    await desk.login('admin', 'wrong-password');
    await expect.poll(() => page.getByTestId('login-message').textContent()).toContain('用户名或密码错误');
    await shot(page, '02-login-error');
    await desk.login('admin', PASSWORD);
    await page.getByTestId('catalogue-grid').waitFor();
    expect(await page.getByTestId('unit-name').textContent()).toContain('北港派出所');
    await shot(page, '03-catalogue-empty');
  });

  it('creates a volume and two items with the keyboard alone', async () => {
    const kb = page.keyboard;
    await page.getByTestId('catalogue-grid').focus();
    await kb.press('Control+Shift+N');
    await page.getByTestId('volume-form').waitFor();
    await desk.pickCategory('vol-categoryId', '交通事故');
    await desk.typeInto('vol-year', '2015');
    await desk.typeInto('vol-title', '北港路两车相撞事故');
    await shot(page, '04-volume-form');
    await kb.press('Control+S');
    await page.getByTestId('after-volume').waitFor();
    await kb.press('Enter'); // "add items to it now"
    await page.getByTestId('item-form').waitFor();
    await expect
      .poll(() => page.getByTestId('archive-code-preview').textContent())
      .toContain('J001-ZY·JT·2015-D30-001-001');

    await desk.typeInto('item-title', '现场勘查笔录');
    await desk.typeInto('extra-accidentNo', 'SG2015-0031');
    await desk.typeInto('person-name-0', '王芳');
    await desk.typeInto('person-id-0', '11010519491231002X');
    await shot(page, '05-item-form');
    await kb.press('Control+S');
    // The form stays open for the next item, keeping the volume, with focus on 题名. (The first
    // record with a person warms the pinyin dictionary for search: allow for a slow machine.)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('item-title');
    await expect
      .poll(() => page.getByTestId('archive-code-preview').textContent())
      .toContain('J001-ZY·JT·2015-D30-001-002');
    await kb.type('道路交通事故认定书');
    await desk.typeInto('extra-accidentNo', 'SG2015-0031');
    await kb.press('Control+S');
    await expect.poll(() => page.getByTestId('archive-code-preview').textContent()).toContain('-003');
    await kb.press('Escape');
    await desk.rowWith('道路交通事故认定书').waitFor();
    expect(await desk.rowWith('现场勘查笔录').textContent()).toContain('J001-ZY·JT·2015-D30-001-001');
    expect(await desk.rowWith('道路交通事故认定书').textContent()).toContain('J001-ZY·JT·2015-D30-001-002');
    await shot(page, '06-catalogue-with-volume');
  });

  it('refuses an invalid ID number with a clear message and saves nothing', async () => {
    const before = await desk.gridTotal();
    await page.getByTestId('catalogue-grid').focus();
    await page.keyboard.press('Control+N');
    await page.getByTestId('item-form').waitFor();
    await desk.pickCategory('item-categoryId', '文书');
    await desk.typeInto('item-title', '关于加强户籍管理的通知');
    await desk.typeInto('person-name-0', '张伟');
    await desk.typeInto('person-id-0', '110105194912310021');
    await page.keyboard.press('Control+S');
    await expect.poll(() => page.getByTestId('item-form').textContent()).toContain('校验位');
    await shot(page, '07-item-invalid-id');
    await page.keyboard.press('Escape');
    // What was typed is not thrown away without asking.
    await page.getByTestId('discard-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('item-form').waitFor({ state: 'detached' });
    expect(await desk.gridTotal()).toBe(before);
  });

  it('finds a person across records (一人一档)', async () => {
    await desk.go('persons');
    await page.getByTestId('person-search').fill('王芳');
    await page.keyboard.press('Enter');
    await page.getByTestId('person-result').first().click();
    await page.getByTestId('person-detail').waitFor();
    await expect.poll(() => page.getByTestId('person-detail').textContent()).toContain('现场勘查笔录');
    expect(await page.getByTestId('person-detail').textContent()).toContain('11010519491231002X');
    await shot(page, '08-person');
  });

  it('edits the classification scheme: a new field on 交通事故 appears in its item form', async () => {
    await desk.go('scheme');
    const table = page.getByTestId('scheme-table');
    await table.waitFor();
    await table.getByTestId('category-row').filter({ hasText: '交通事故' }).getByRole('button').click();
    const editor = page.getByTestId('fields-editor');
    await editor.waitFor();
    const labels = () =>
      editor
        .locator('[data-testid=field-row] input:not(.mono)')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(await labels()).toEqual(expect.arrayContaining(['事故编号', '当事人', '事故日期', '地点']));
    await page.getByTestId('add-field').click();
    const n = await editor.getByTestId('field-row').count();
    await editor.getByLabel(`键名 ${n}`, { exact: true }).fill('officer');
    await editor.getByLabel(`名称 ${n}`, { exact: true }).fill('承办民警');
    await shot(page, '09-scheme');
    await page.getByTestId('category-save').click();
    await expect.poll(labels).toContain('承办民警');

    await desk.go('catalogue');
    await page.getByTestId('catalogue-grid').focus();
    await page.keyboard.press('Control+N');
    await page.getByTestId('item-form').waitFor();
    await desk.pickCategory('item-categoryId', '交通事故');
    await page.locator('#extra-officer').waitFor();
    expect(await page.getByTestId('item-form').textContent()).toContain('承办民警');
    await page.keyboard.press('Escape');
  });

  it('imports a legacy sheet: a bad row blocks the import, the fixed sheet goes in', async () => {
    const dir = tempDir();
    const bad = path.join(dir, '文书目录.xlsx');
    const good = path.join(dir, '文书目录-改正.xlsx');
    await writeSheet(bad, [
      ['关于春节治安检查的通知', '北港派出所', '2011-02-01', '永久', '', ''],
      ['', '北港派出所', '2011-03-05', '永久', '', ''],
      ['户口整顿工作总结', '北港派出所', '2011-13-40', '长期', '李娜', '110105194912310021'],
    ]);
    await writeSheet(good, [
      ['关于春节治安检查的通知', '北港派出所', '2011-02-01', '永久', '', ''],
      ['社区警务工作方案', '北港派出所', '2011-03-05', '永久', '', ''],
      ['户口整顿工作总结', '北港派出所', '2011-12-30', '长期', '李娜', '11010519491231002X'],
    ]);
    await desk.go('import');
    await page.getByTestId('import-file').setInputFiles(bad);
    await selectCategory(page, '文书');
    await page.getByTestId('import-preview').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const text = (await errors.textContent()) ?? '';
    expect(text).toMatch(/3/); // the Excel row of the empty 题名
    expect(text).toContain('题名');
    expect(text).toContain('公民身份号码');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await shot(page, '10-import-errors');

    await page.getByTestId('import-file').setInputFiles(good);
    await page.getByTestId('import-preview').click();
    await expect.poll(() => page.getByTestId('import-commit').isDisabled()).toBe(false);
    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('3');
    expect(await page.getByTestId('import-result').textContent()).toContain('J001-WS·2011-Y-0001');
    await shot(page, '11-import-done');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the auditor the audit log with filters and a chain check, and no way to change records', async () => {
    await desk.go('users');
    await page.getByTestId('user-create').click();
    await page.locator('#user-username').fill('shenji');
    await page.locator('#user-displayName').fill('赵审计');
    await page.locator('#user-role').selectOption('auditor');
    await page.locator('#user-clearance').selectOption('2');
    await page.locator('#user-password').fill('Aud1t-Passw0rd');
    await page.getByTestId('user-save').click();
    await desk.rowWithin('users-table', 'shenji');
    await desk.logout();
    await desk.login('shenji', 'Aud1t-Passw0rd');
    await desk.changeFirstPassword('Mein-Aud1t-Passw0rd');
    await page.getByTestId('nav-audit').waitFor();
    expect(await page.getByTestId('new-item').count()).toBe(0);
    await desk.go('audit');
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    await expect.poll(() => table.textContent()).toContain('新建件');
    expect(await table.textContent()).toContain('首次设置');
    await page.locator('#audit-action').selectOption('item.import');
    await page.getByTestId('audit-search').click();
    await expect.poll(async () => page.getByTestId('audit-row').count()).toBe(1);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent()).toContain('完整');
    await shot(page, '12-audit');
    expect(consoleErrors).toEqual([]);
  });
});

async function selectCategory(p: Page, name: string) {
  await new ImportScreen(p).selectCategory(name);
}

async function writeSheet(file: string, rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('目录');
  ws.addRow(['题名', '责任者', '日期', '保管期限', '姓名', '公民身份号码']);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}
