import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dangan, setupViaCli } from '../helpers/cli';
import { tempDir } from '../helpers/test-core';
import { Desk } from './pages/desk';
import { launchBrowser, newPage, shot } from './support/browser';
import { startServe, type ServeHandle } from './support/server';
import { sized } from '../helpers/long';

// Enough rows that the grid must virtualize and page (100,000 under `npm run test:long`);
// the 1,000,000-item figures come from `npm run bench:catalogue`, not from a test.
const ITEMS = sized(30_000, 100_000);
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;

beforeAll(async () => {
  const dir = tempDir('dangan-e2e-grid-');
  setupViaCli(dir);
  const demo = dangan(['demo', '--data', dir, '--items', String(ITEMS), '--no-workflows', '--json']);
  if (demo.code !== 0) throw new Error(demo.stderr);
  serve = await startServe(dir);
  browser = await launchBrowser();
  page = await newPage(browser);
  desk = new Desk(page);
  await desk.open(serve.url);
  await desk.login('admin', 'Adm1n-Passw0rd');
  await page.getByTestId('grid-row').first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const rowAt = (i: number) => page.locator(`[data-testid=grid-row][data-index="${i}"]`);
const codeOf = async (i: number) => (await rowAt(i).locator('div').first().textContent())?.trim() ?? '';

describe('the catalogue grid with a large demo catalogue', () => {
  it('shows the total and only renders the rows on screen', async () => {
    await expect.poll(() => desk.gridTotal()).toBe(ITEMS);
    expect(await page.getByTestId('grid-row').count()).toBeLessThan(200);
    await shot(page, '20-grid-large');
  });

  it('jumps to the last row with End and moves by keyboard', async () => {
    await desk.grid().locator('[data-testid=grid-body]').first().focus();
    await page.keyboard.press('End');
    await rowAt(ITEMS - 1).waitFor();
    await expect.poll(() => codeOf(ITEMS - 1)).toMatch(/^J001-/);
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => rowAt(ITEMS - 1).isVisible()).toBe(true);
    await shot(page, '21-grid-end');
    await page.keyboard.press('Home');
    await expect.poll(() => codeOf(0)).toMatch(/^J001-/);
  });

  it('scrolls to the middle and fills the rows there', async () => {
    await page
      .getByTestId('grid-body')
      .first()
      .evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    const mid = Math.floor(ITEMS / 2);
    await expect
      .poll(async () => {
        const indexes = await page
          .getByTestId('grid-row')
          .evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.index)));
        return indexes.some((i) => Math.abs(i - mid) < 100);
      })
      .toBe(true);
    const first = Number(await page.getByTestId('grid-row').first().getAttribute('data-index'));
    await expect.poll(() => codeOf(first + 5)).toMatch(/^J001-/);
  });

  it('sorts by 日期 and filters by 题名', async () => {
    await page.getByTestId('sort-date').click();
    await page.getByTestId('sort-date').click(); // second click: descending
    await expect.poll(async () => (await rowAt(0).textContent()) ?? '').toMatch(/202[56]-\d\d-\d\d/);
    await page.getByTestId('filter-title').fill('迁入');
    await expect.poll(() => desk.gridTotal()).toBeLessThan(ITEMS);
    const total = await desk.gridTotal();
    expect(total).toBeGreaterThan(0);
    const titles = await page
      .getByTestId('grid-row')
      .evaluateAll((rows) => rows.slice(0, 10).map((r) => r.textContent ?? ''));
    for (const t of titles) expect(t).toContain('迁入');
    await shot(page, '22-grid-filtered');
    await page.getByTestId('filter-title').fill('');
    await expect.poll(() => desk.gridTotal()).toBe(ITEMS);
  });

  it('narrows the grid to a tree node with the same count', async () => {
    const node = page.getByTestId('tree-node').filter({ hasText: '文书' }).first();
    await node.click();
    const year = page.locator('[data-testid=tree-node][data-level=year]').first();
    await year.click();
    const count = Number(((await year.textContent()) ?? '').match(/(\d[\d,]*)\s*$/)?.[1]?.replace(/,/g, ''));
    expect(count).toBeGreaterThan(0);
    await expect.poll(() => desk.gridTotal()).toBe(count);
    await shot(page, '23-grid-tree');
  });
});
