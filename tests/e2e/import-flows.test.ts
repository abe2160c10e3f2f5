/**
 * Issue 14, import screen in Chromium: the 选择文件 button (by keyboard), the warning
 * about an unmapped ID column, the template download, and valid-rows-only with its report.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupViaCli } from '../helpers/cli';
import { IDS } from '../helpers/import-fixtures';
import { tempDir } from '../helpers/test-core';
import { Desk } from './pages/desk';
import { ImportScreen, readSheet, writeSheet } from './pages/importer';
import { launchBrowser, newPage, shot } from './support/browser';
import { dropFile } from './support/drop';
import { startServe, type ServeHandle } from './support/server';

const BAD_ID = '110105194912310022';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
let screen: ImportScreen;
let work: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const dir = tempDir('dangan-e2e-import-');
  setupViaCli(dir);
  serve = await startServe(dir);
  browser = await launchBrowser();
  page = await newPage(browser);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  // Playwright turns on file-chooser interception when the first listener is added, without
  // waiting for the browser; a listener from the start means no key press can beat it.
  page.on('filechooser', () => {});
  desk = new Desk(page);
  screen = new ImportScreen(page);
  work = tempDir('dangan-e2e-import-files-');
  await desk.open(serve.url);
  await desk.login('admin', 'Adm1n-Passw0rd');
  await page.getByTestId('catalogue-grid').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const fresh = async () => {
  await desk.go('catalogue');
  await desk.go('import');
  await page.getByTestId('import-page').waitFor();
};

describe('the import screen in Chromium', () => {
  it('opens the file chooser from a 选择文件 button with Enter and Space, and still takes a dropped file', async () => {
    const first = path.join(work, '第一个.xlsx');
    const second = path.join(work, '第二个.csv');
    const third = path.join(work, '拖进来的.csv');
    await writeSheet(first, [
      ['题名', '年度'],
      ['通知', 2015],
    ]);
    fs.writeFileSync(second, '题名,年度\n通知,2015\n');
    fs.writeFileSync(third, '题名,年度\n通知,2015\n');
    await fresh();
    const choose = page.getByTestId('import-choose');
    expect(await choose.textContent()).toBe('选择文件');
    expect(await page.getByTestId('import-file-name').textContent()).toBe('未选择文件');
    // The browser's own input (its "Choose File" text) is not what the clerk sees.
    expect(await page.getByTestId('import-file').isHidden()).toBe(true);

    // From the next field back to the button with the keyboard, then Enter opens the chooser.
    await page.locator('#import-category').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-choose');
    const [byEnter] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    await byEnter.setFiles(first);
    await screen.fileNameIs(first);
    const [bySpace] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await bySpace.setFiles(second);
    await screen.fileNameIs(second);
    await shot(page, 'import-01-choose-file');

    await dropFile(page, page.getByTestId('import-drop'), third, 'text/csv');
    await screen.fileNameIs(third);
    await screen.selectCategory('文书');
    await screen.preview();
    expect(await page.getByTestId('import-summary').textContent()).toContain('有效 1 行');
  });

  it('points out an unmapped column of ID numbers and maps it with one key press', async () => {
    const file = path.join(work, '询问笔录.xlsx');
    await writeSheet(file, [
      ['题名', '年度', '姓名', '当事人证件'],
      ['询问笔录一', 2016, '王芳', IDS.wangFang],
      ['询问笔录二', 2016, '李四', BAD_ID],
    ]);
    await fresh();
    await screen.selectCategory('文书');
    await screen.chooseFile(file);
    await screen.preview();
    const warning = page.getByTestId('import-warning').filter({ hasText: '当事人证件' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('公民身份号码');
    expect(await page.getByTestId('import-summary').textContent()).toContain('另有 1 列未对应');
    await shot(page, 'import-02-unmapped-warning');

    const map = warning.getByTestId('import-warning-map');
    expect(await map.textContent()).toBe('对应为“人员公民身份号码”');
    await map.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid=mapping-select][data-header=当事人证件]').inputValue())
      .toBe('personIdNumber');
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('校验位不正确');
    expect(await page.getByTestId('import-warnings').count()).toBe(0);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await shot(page, 'import-03-warning-mapped');
  });

  it('downloads the category’s template, whose example row imports as it is', async () => {
    await fresh();
    expect(await page.getByTestId('import-template').isDisabled()).toBe(true);
    await screen.selectCategory('迁入');
    const { file } = await screen.download('import-template', work);
    expect(path.basename(file)).toBe('导入模板-ZY·HJ·QR-迁入.xlsx');
    const [header, ...rows] = await readSheet(file);
    expect(header).toEqual([
      ...['题名', '责任者', '文号', '日期', '年度', '保管期限', '密级', '页数', '备注', '人员姓名', '人员公民身份号码'],
      ...['户主姓名', '公民身份号码', '业务类型', '受理日期', '承办人'],
    ]);
    expect(rows).toHaveLength(1);

    await screen.chooseFile(file);
    await screen.preview();
    expect(await page.getByTestId('import-summary').textContent()).toContain('共 1 行，有效 1 行，错误 0 处');
    await shot(page, 'import-04-template-preview');
    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('导入完成：共 1 条');
  });

  it('imports only the valid rows when asked, and saves the others with their reasons', async () => {
    const file = path.join(work, '文书目录2017.xlsx');
    const header = ['题名', '日期', '姓名', '证件号码', '保管期限'];
    await writeSheet(file, [
      header,
      ['通知一', '2017-03-05', '王芳', IDS.wangFang, '永久'],
      ['通知二', '2017-03-06', '李四', BAD_ID, '永久'],
      ['', '2017-03-07', '', '', '永久'],
      ['通知四', '2017-03-08', '', '', '永久'],
    ]);
    await fresh();
    await screen.selectCategory('文书');
    await screen.chooseFile(file);
    await screen.preview();
    const commit = page.getByTestId('import-commit');
    expect(await commit.isDisabled()).toBe(true);
    await page.getByTestId('import-valid-only').check();
    await expect.poll(() => commit.textContent()).toBe('导入有效的 2 行');
    await shot(page, 'import-05-valid-only');
    await commit.click();
    const result = page.getByTestId('import-result');
    await expect.poll(() => result.textContent()).toContain('导入完成：共 2 条');
    expect(await page.getByTestId('import-skipped').textContent()).toContain('已跳过有错误的 2 行');
    await shot(page, 'import-06-valid-only-done');

    const { file: report } = await screen.download('import-report', work);
    expect(path.basename(report)).toBe('文书目录2017-错误行.xlsx');
    const [head, ...bad] = await readSheet(report);
    expect(head).toEqual([...header, '错误原因']);
    expect(bad.map((r) => r[0])).toEqual(['通知二', '']);
    expect(bad[0]![5]).toContain('校验位不正确');
    expect(bad[1]![5]).toContain('题名不能为空');
    expect(consoleErrors).toEqual([]);
  });
});
