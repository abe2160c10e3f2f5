/**
 * The archive-room log in Chromium against `dangan serve`: two readings typed on one line
 * each (Enter saves, the cursor returns to the temperature), the second out of range: the
 * alarm, the highlighted row, its action written, the chart drawn and the days without two
 * readings flagged, in a room made on the screen. Then a 九防 check with a finding, closed later with its follow-up.
 */
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

const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const text = (id: string) => page.getByTestId(id).innerText();

beforeAll(async () => {
  serve = await serveNewArchive(PASSWORD, 'dangan-e2e-room-');
  ({ browser, page } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('库房环境', () => {
  it('takes two readings by keyboard, raises the alarm for the one out of range, charts them', async () => {
    await page.getByTestId('nav-room').click();
    await page.getByTestId('room-none').waitFor();
    // The first room, with the reference's default ranges.
    await page.getByTestId('room-add').click();
    await expect.poll(focused).toBe('room-form-code');
    await page.keyboard.type('KF01');
    await page.keyboard.press('Tab');
    await page.keyboard.type('一号库房');
    await page.keyboard.press('Enter');
    await page.getByTestId('room-select').waitFor();
    expect(await text('room-range')).toContain('14–24 °C，45–60 %RH');
    await expect.poll(focused).toBe('reading-temp');

    await page.keyboard.type('20.5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('52');
    await page.keyboard.press('Enter');
    await page.getByTestId('reading-ok').waitFor();
    await expect.poll(focused).toBe('reading-temp');

    await page.keyboard.type('27.5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('66');
    await page.keyboard.press('Enter');
    const alarm = page.getByTestId('reading-alarm');
    await alarm.waitFor();
    expect(await alarm.innerText()).toContain('温度 27.5 °C 高于上限 24 °C，湿度 66 % 高于上限 60 %');
    await expect.poll(focused).toBe('reading-temp');

    const rows = page.getByTestId('reading-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-out')))).toEqual(['1', '0']);
    await expect.poll(() => text('reading-summary')).toContain('共 2 条，超出范围 1 条（未写处置 1 条）');
    // Only today has its two readings: the 29 days before it in the period are flagged.
    expect(await text('reading-thin-days')).toContain('缺测 29 天');
    await page.locator('[data-testid="room-chart"] canvas').first().waitFor();

    const action = page.getByTestId('reading-action-field');
    await action.fill('开启空调和除湿机');
    await action.press('Enter');
    await expect.poll(() => text('reading-summary')).toContain('未写处置 0 条');
    await shot(page, 'room-readings');
  });

  it('records a 九防 check with a finding and closes the finding later', async () => {
    await page.getByTestId('room-tab-checks').click();
    await page.getByTestId('check-form').waitFor();
    await page.getByTestId('guard-insects-finding').focus();
    await page.keyboard.press('Space');
    await expect.poll(focused).toBe('guard-insects-text');
    await page.keyboard.type('第三排档案柜发现蠹虫');
    await page.keyboard.press('Enter');
    const open = page.getByTestId('open-finding');
    await expect.poll(() => open.count()).toBe(1);
    expect(await open.innerText()).toContain('2026-01-05 防虫：第三排档案柜发现蠹虫');
    expect(await text('check-history')).toContain('防虫：第三排档案柜发现蠹虫');

    await page.getByTestId('finding-follow-up').fill('已熏蒸并放置樟脑');
    await page.getByTestId('finding-follow-up').press('Enter');
    await expect.poll(() => open.count()).toBe(0);
    expect(await text('open-findings')).toContain('没有未整改的问题');
    expect(await text('check-history')).toContain('销号：已熏蒸并放置樟脑');
    await shot(page, 'room-checks');
    expect(consoleErrors).toEqual([]);
  });
});
