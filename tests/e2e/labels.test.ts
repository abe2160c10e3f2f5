/**
 * 条码标签 from the 打印 dialog in Chromium against `dangan serve`: on a new archive (no boxes
 * yet) the labels of every box are refused in Chinese, the alignment test page is shown, the
 * clerk's offset is saved and the next test page carries it.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from './support/browser';
import { openAdminDesk } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  serve = await serveNewArchive(PASSWORD, 'dangan-e2e-labels-');
  ({ browser, page } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('条码标签', () => {
  it('refuses labels of no boxes, shows the test page and keeps the saved offset', async () => {
    await page.getByTestId('print-open').click();
    await page.getByTestId('print-dialog').waitFor();
    await page.getByTestId('print-labels').click();
    await page.getByTestId('labels-dialog').waitFor();
    // A new archive has no boxes: nothing to print, said in Chinese, nothing offered to save.
    await expect.poll(() => page.getByTestId('labels-dialog').innerText()).toContain('没有可打印的标签');
    expect(await page.getByTestId('labels-save').isDisabled()).toBe(true);

    await page.getByTestId('labels-test').click();
    await page.getByTestId('labels-frame').waitFor();
    await page.getByTestId('labels-offset-x').fill('1');
    await page.getByTestId('labels-offset-y').fill('-0.5');
    await page.getByTestId('labels-save-offsets').click();
    await expect.poll(() => page.getByText('已保存标签偏移').count()).toBeGreaterThan(0);
    await page.getByTestId('labels-frame').waitFor();
    await shot(page, 'labels-test-page');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('labels-save').click()]);
    expect(download.suggestedFilename()).toBe('标签对齐测试页-3x8.pdf');
    const text = execFileSync('pdftotext', [await download.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('第24格');
    expect(text).toContain('偏移左右+1.0毫米上下-0.5毫米');

    await page.getByTestId('labels-what').selectOption('spines');
    await expect.poll(() => page.getByTestId('labels-dialog').innerText()).toContain('还没有装盒');
  });

  it('left no errors in the console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
