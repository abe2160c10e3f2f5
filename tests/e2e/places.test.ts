/**
 * 库位 in Chromium against `dangan serve`: a 密集架 generated under a 区 (1 列 × 1 节 × 2 层),
 * a box moved to its second 层 by a keyboard-wedge scan of the shelf label (`P/<code>` and
 * Enter), the grid filtered by that place, and the record's detail showing 存放位置 and its
 * move history. The box is a fixture row (boxing is another screen's work).
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from './support/browser';
import { adminRpc } from './support/admin-rpc';
import { openAdminDesk } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  serve = await serveNewArchive(PASSWORD, 'dangan-e2e-places-');
  const admin = await adminRpc(serve, PASSWORD);
  const room = await admin('places.save', { code: 'A', name: 'A库房' });
  await admin('places.save', { parentId: room.id, code: 'A1', name: '一区' });
  const ws = (await admin('scheme.list', {})).find((c) => c.fullCode === 'WS')!.id;
  const item = await admin('catalogue.create', { categoryId: ws, year: 2024, orgCode: 'BGS', title: '装盒的通知' });
  await admin('catalogue.create', { categoryId: ws, year: 2024, orgCode: 'BGS', title: '未装盒的通知' });
  // The fixture box, written beside the running server (WAL lets both at the file).
  const db = new Database(path.join(serve.dataDir, 'dangan.sqlite'));
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO boxes (id, node_id, code, fonds_code, category_id, category_code, year, retention, org_code, box_no, created_at, updated_at)
     VALUES ('0190aaaa-0000-7000-8000-0000000000b1', 'e2e', 'J001-WS-2024-Y-BGS-H0001', 'J001', ?, 'WS', 2024, 'Y', 'BGS', 1, ?, ?)`,
  ).run(ws, now, now);
  db.prepare(
    `INSERT INTO box_contents (entity, entity_id, box_id, position) VALUES ('item', ?, '0190aaaa-0000-7000-8000-0000000000b1', 0)`,
  ).run(item.id);
  db.close();
  await admin('places.move', { placeId: room.id, boxIds: ['0190aaaa-0000-7000-8000-0000000000b1'] });
  ({ browser, page } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('库位', () => {
  it('generates a 密集架, moves a box by a scanned shelf label, and shows it on the record', async () => {
    await page.getByTestId('nav-places').click();
    await page.getByTestId('place-A1').click();
    // Keyboard: ↑ goes to the 库房, ↓ back to the 区.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByTestId('place-A').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('place-A1').getAttribute('aria-selected')).toBe('true');

    await page.getByTestId('place-generate').click();
    await page.getByTestId('gen-columns').fill('1');
    await page.getByTestId('gen-sections').fill('1');
    await page.getByTestId('gen-shelves').fill('2');
    await page.getByTestId('place-submit').click();
    await expect.poll(() => page.getByTestId('places-notice').innerText()).toBe('已生成 4 个库位');
    await page.getByTestId('place-A1-01-01-02').waitFor();

    await page.getByTestId('place-A').click();
    await page.getByTestId('hold-J001-WS-2024-Y-BGS-H0001').check();
    const target = page.getByTestId('move-target');
    await target.click();
    // A keyboard-wedge scanner types the label's text and Enter.
    await page.keyboard.type('P/A1-01-01-02');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('places-notice').innerText()).toBe('已移动 1 项');
    await page.getByTestId('place-A1-01-01-02').click();
    await expect.poll(() => page.getByTestId('place-holdings').innerText()).toContain('J001-WS-2024-Y-BGS-H0001');
    await shot(page, 'places-tree');
    // The box's labels and spine print from where it stands.
    await page.getByTestId('hold-J001-WS-2024-Y-BGS-H0001').check();
    await page.getByTestId('holdings-labels').click();
    await page.getByTestId('labels-frame').waitFor();
    await page.getByTestId('labels-what').selectOption('ticked-box-spine');
    await page.getByTestId('labels-frame').waitFor();
    const [spine] = await Promise.all([page.waitForEvent('download'), page.getByTestId('labels-save').click()]);
    const spineText = execFileSync('pdftotext', [await spine.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(spineText).toContain('J001-WS-2024-Y-BGS-H0001');
    expect(spineText).toContain('盒号');
    await page.keyboard.press('Escape');
    await page.getByTestId('labels-dialog').waitFor({ state: 'detached' });

    await page.getByTestId('nav-catalogue').click();
    await page.getByTestId('place-filter').selectOption({ label: '\u3000\u3000\u3000\u3000第2层（A1-01-01-02）' });
    const rows = page.getByTestId('grid-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('装盒的通知');
    await rows.first().dblclick();
    await page.getByTestId('item-form').waitFor();
    await expect.poll(() => page.getByTestId('where-place').innerText()).toBe('A库房 / 一区 / 第1列 / 第1节 / 第2层');
    expect(await page.getByTestId('where-box').innerText()).toContain('J001-WS-2024-Y-BGS-H0001');
    await page.getByTestId('whereabouts').locator('summary').click();
    const history = page.getByTestId('where-history').locator('li');
    expect(await history.count()).toBe(2);
    expect(await history.first().innerText()).toContain('移库');
    expect(await history.first().innerText()).toContain('A库房 → A库房 / 一区 / 第1列 / 第1节 / 第2层');
    await shot(page, 'places-record');

    // Search filters by place too: of the two 通知, only the boxed one stands on that 层.
    await page.keyboard.press('Escape');
    await page.getByTestId('item-form').waitFor({ state: 'detached' });
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-input').fill('通知');
    await page.getByTestId('search-go').click();
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(2);
    await page.getByTestId('search-place').selectOption({ label: '\u3000\u3000\u3000\u3000第2层（A1-01-01-02）' });
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(1);
    expect(await page.getByTestId('hit-title').innerText()).toContain('装盒的通知');
    expect(consoleErrors).toEqual([]);
  }, 15_000);
});
