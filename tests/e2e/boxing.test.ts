/**
 * 装盒 in Chromium against `dangan serve`: six rows of the grid selected with Shift+↓, Ctrl+B
 * opens the proposal, a thinner spine splits it in two boxes, Shift+↑ moves the boundary one
 * item up, Enter confirms; the boxes then exist through the contract with those ranges.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRpc, type AdminCall } from './support/admin-rpc';
import { shot } from './support/browser';
import { openAdminDesk } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let call: AdminCall;
const consoleErrors: string[] = [];

const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const boxRows = () =>
  page
    .getByTestId('boxing-box')
    .evaluateAll((rows) => rows.map((r) => [...r.children].slice(0, 4).map((c) => (c as HTMLElement).innerText)));

beforeAll(async () => {
  serve = await serveNewArchive(PASSWORD, 'dangan-e2e-boxing-');
  call = await adminRpc(serve, PASSWORD);
  const ws = (await call('scheme.list', {})).find((c) => c.fullCode === 'WS')!.id;
  for (let i = 1; i <= 8; i++)
    await call('catalogue.create', { categoryId: ws, year: 2024, title: `装盒测试文件${i}`, pageCount: 40 });
  ({ browser, page } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('装盒', () => {
  it('boxes a grid selection by keyboard: proposal, thinner spine, boundary moved, confirmed', async () => {
    const kb = page.keyboard;
    const node = (text: string) => page.getByTestId('tree-node').filter({ hasText: text }).first();
    await node('文书').click();
    await node('2024').click();
    await expect.poll(() => page.getByTestId('grid-row').count()).toBe(8);
    await page.getByTestId('grid-row').first().click();
    for (let i = 0; i < 5; i++) await kb.press('Shift+ArrowDown');
    await expect.poll(() => page.locator('.grid-row.in-range').count()).toBe(6);

    await kb.press('Control+B');
    await page.getByTestId('boxing-dialog').waitFor();
    // 30 mm at 8 pages a millimetre holds 240 pages: the six 40-page items fit one box.
    await expect.poll(boxRows).toEqual([['1', 'J001-WS-2024-Y-H0001', '1–6', '6']]);
    await expect.poll(focused).toBe('boxing-list');

    await page.getByTestId('boxing-thickness').selectOption('20');
    await expect.poll(boxRows).toEqual([
      ['1', 'J001-WS-2024-Y-H0001', '1–4', '4'],
      ['2', 'J001-WS-2024-Y-H0002', '5–6', '2'],
    ]);
    await expect.poll(focused).toBe('boxing-list');
    await kb.press('Shift+ArrowUp');
    await expect.poll(boxRows).toEqual([
      ['1', 'J001-WS-2024-Y-H0001', '1–3', '3'],
      ['2', 'J001-WS-2024-Y-H0002', '4–6', '3'],
    ]);
    expect(await page.getByTestId('boxing-summary').innerText()).toBe('共 2 盒，6 件');
    await shot(page, 'boxing-proposal');

    await kb.press('Enter');
    await page.getByTestId('boxing-dialog').waitFor({ state: 'detached' });
    // The grid shows each row's 盒号 (column 9), blank for the two rows not boxed.
    const boxNos = () =>
      page.getByTestId('grid-row').evaluateAll((rows) => rows.map((r) => (r.children[8] as HTMLElement).innerText));
    await expect.poll(boxNos).toEqual(['1', '1', '1', '2', '2', '2', '', '']);
    await shot(page, 'boxing-grid');
    const boxes = await call('boxes.list', {});
    expect(boxes.rows.map((b) => [b.code, b.firstNo, b.lastNo, b.count, b.thicknessMm])).toEqual([
      ['J001-WS-2024-Y-H0001', 1, 3, 3, 20],
      ['J001-WS-2024-Y-H0002', 4, 6, 3, 20],
    ]);
    const audit = await call('audit.list', { action: 'box.confirm' });
    expect(audit.rows[0]!.summary).toContain('装盒 2 盒 6 件');
  }, 15_000);

  it('left no errors in the console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
