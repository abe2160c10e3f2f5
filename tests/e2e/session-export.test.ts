import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dangan, setupViaCli } from '../helpers/cli';
import { tempDir } from '../helpers/test-core';
import { Desk } from './pages/desk';
import { launchBrowser, newPage, shot } from './support/browser';
import { startServe, type ServeHandle } from './support/server';

let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;

beforeAll(async () => {
  const dir = tempDir('dangan-e2e-session-');
  setupViaCli(dir);
  const demo = dangan(['demo', '--data', dir, '--items', '300', '--json']);
  if (demo.code !== 0) throw new Error(demo.stderr);
  // A 3-second idle timeout instead of 15 minutes, so the test can watch it happen.
  const db = new Database(path.join(dir, 'dangan.sqlite'));
  db.prepare("INSERT INTO meta (key, value) VALUES ('idle_timeout_minutes', '0.05')").run();
  db.close();
  serve = await startServe(dir);
  browser = await launchBrowser();
  page = await newPage(browser);
  desk = new Desk(page);
  await desk.open(serve.url);
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('export and idle logout', () => {
  it('exports the current view as an .xlsx 归档文件目录 with the same rows', async () => {
    await desk.login('admin', 'Adm1n-Passw0rd');
    await expect.poll(() => desk.gridTotal()).toBeGreaterThan(0);
    const whole = await desk.gridTotal();
    await page.getByTestId('tree-node').filter({ hasText: '文书' }).first().click();
    // The grid narrows to 文书 (a part of the archive) once its query answers; reading the
    // total before that took the whole archive's count.
    await expect.poll(() => desk.gridTotal()).toBeLessThan(whole);
    const total = await desk.gridTotal();
    expect(total).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-excel').click()]);
    expect(download.suggestedFilename()).toMatch(/^归档文件目录-J001-\d{12}\.xlsx$/);
    const file = path.join(tempDir(), download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    expect(header).toEqual(
      expect.arrayContaining(['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注']),
    );
    expect(ws.actualRowCount - 1).toBe(total);
    const codes: string[] = [];
    ws.eachRow((row, n) => n > 1 && codes.push(String(row.getCell(2).value)));
    expect(codes.every((c) => c.startsWith('J001-WS·'))).toBe(true);
  });

  it('signs an idle clerk out and says why', async () => {
    await page.waitForTimeout(5000);
    await page.getByTestId('login-form').waitFor();
    await expect.poll(() => page.getByTestId('login-message').textContent()).toContain('由于长时间未操作，已自动退出');
    await shot(page, '30-idle-logout');
  });
});
