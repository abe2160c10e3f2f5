/**
 * 工作台 at the county bureau in Chromium at 1366×768 (issue 20): two stations' bundles built in the
 * seed through the contract (tests/helpers/bureau-two-stations.ts: 北港派出所 with four items, a 案卷,
 * two pages and two loans out, one overdue; 南湖派出所 with one item left), applied at the bureau,
 * whose served copy is then opened. The administrator lands on the county's figures with both
 * stations in the table; picking a station from the keyboard shows its own; the 考核与年报 tab of
 * 派出所同步 ranks both. Bounded: one seed, one served node, one page.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoStationsSent, type TwoStations } from '../helpers/bureau-two-stations';
import { shot } from './support/browser';
import { openDeskPage } from './support/desk-session';
import { startServe, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
let seeded: TwoStations;
let serve: ServeHandle;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const started = Date.now();
  seeded = await twoStationsSent();
  // The stations are done with; the bureau's database is served as it stands (closed first).
  await seeded.nodes.bureau.core.close();
  [serve, { browser, page }] = await Promise.all([startServe(seeded.nodes.bureau.dir), openDeskPage(consoleErrors)]);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(serve.url);
  await page.getByTestId('login-form').waitFor();
  await page.locator('#login-username').fill('admin');
  await page.locator('#login-password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  // Bureau users land on the 工作台 (no navigation).
  await page.getByTestId('bdash-figures').waitFor();
  console.log(`bureau-dashboard e2e: seeded and served in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 40_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (seeded) {
    // The bureau's core is closed already (served since): its folder and the sticks go by hand.
    await seeded.b.close();
    await seeded.nodes.station.close();
    for (const dir of [seeded.nodes.bureau.dir, seeded.nodes.stick, seeded.stickB]) {
      if (!fs.existsSync(dir)) continue; // serve.stop() removes the folder it served
      execFileSync('chmod', ['-R', 'u+w', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});

const text = (id: string) => page.getByTestId(id).innerText();

describe('the bureau’s 工作台', () => {
  it('shows the county: both stations summed, and a row for each', async () => {
    expect(await page.getByTestId('bdash-figures').getAttribute('data-station')).toBe('');
    expect(await text('bdash-holdings')).toBe('5 件');
    expect(await text('bdash-tile-holdings')).toContain('案卷 1 卷 · 已扫描 2 页');
    expect(await text('bdash-loans')).toBe('2 件');
    expect(await text('bdash-tile-loans')).toContain('其中逾期 1 件');
    expect(await text('bdash-receipts')).toBe('2 份');
    expect(await text('bdash-tile-last')).toContain('南湖派出所');
    const rows = page.getByTestId('bdash-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-station')).toBe('BG01');
    expect(await rows.nth(0).getByTestId('bdash-row-items').innerText()).toBe('4');
    expect(await rows.nth(1).getAttribute('data-station')).toBe('BG02');
    expect(await rows.nth(1).getByTestId('bdash-row-items').innerText()).toBe('1');
    const canvas = page.locator('[data-testid="dash-chart-progress"] canvas').first();
    await canvas.waitFor();
    const overflow = await page.evaluate(() =>
      [document.documentElement, document.querySelector('.content')!, document.querySelector('.dash-page')!].map(
        (e) => e.scrollWidth - e.clientWidth,
      ),
    );
    expect(overflow).toEqual([0, 0, 0]);
    await shot(page, 'bureau-dashboard-1366x768');
  });

  it('picks a station from the keyboard and shows its own figures', async () => {
    await page.getByTestId('bdash-station').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('bdash-figures').getAttribute('data-station')).toBe('BG01');
    expect(await text('bdash-holdings')).toBe('4 件');
    expect(await text('bdash-tile-holdings')).toContain('案卷 1 卷 · 已扫描 2 页');
    expect(await text('bdash-tile-loans')).toContain('其中逾期 1 件');
    expect(await page.getByTestId('bdash-row').count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('bdash-figures').getAttribute('data-station')).toBe('BG02');
    expect(await text('bdash-holdings')).toBe('1 件');
    expect(await text('bdash-loans')).toBe('0 件');
    await shot(page, 'bureau-dashboard-station-1366x768');
    expect(consoleErrors).toEqual([]);
  });

  it('the 考核与年报 tab ranks both stations', async () => {
    await page.getByTestId('nav-bureauSync').click();
    await page.getByTestId('sync-tab-assessment').click();
    const ranking = page.getByTestId('assessment-ranking');
    await ranking.waitFor();
    const rows = await ranking.getByTestId('assessment-row').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toContain('BG01 北港派出所');
    expect(rows.join('\n')).toContain('BG02 南湖派出所');
  });
});
