/**
 * 盘点 in Chromium against `dangan serve` (issue 18): a stock-take of a room by keyboard-wedge
 * input (each label typed in a burst and ended with Enter, without waiting for the answers),
 * with found, misplaced, unknown and missing labels; a photographed label decoded in core;
 * then the result confirmed. The shelves are written into the archive before it is served.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { clockStartingAt } from '../../electron/core/kernel';
import { labelPayload } from '../../electron/core/shelving';
import { setupViaCli } from '../helpers/cli';
import { labelPhoto } from '../helpers/label-photo';
import { addBox, addPlace } from '../helpers/shelf-fixture';
import { tempDir } from '../helpers/test-core';
import { shot } from './support/browser';
import { openAdminDesk } from './support/desk-session';
import { E2E_NOW, startServe, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const labels: Record<string, string> = {};

beforeAll(async () => {
  const dir = tempDir('dangan-e2e-stocktake-');
  setupViaCli(dir, PASSWORD);
  const core = createCore({
    dataDir: dir,
    log: { info() {}, error() {} },
    clock: clockStartingAt(Date.parse(E2E_NOW)),
  });
  try {
    const ctx = core.ctx;
    const room = addPlace(ctx, 'KF1', 'A库房');
    const l1 = addPlace(ctx, 'KF1-1', '1层', room);
    const l2 = addPlace(ctx, 'KF1-2', '2层', room);
    const boxes = { b1: addBox(ctx, 1, l1), b2: addBox(ctx, 2, l1), b3: addBox(ctx, 3, l2), b4: addBox(ctx, 4, l1) };
    for (const [k, b] of Object.entries(boxes)) labels[k] = labelPayload('box', b.code, b.id);
    labels.l1 = labelPayload('place', l1.code, l1.id);
  } finally {
    await core.close();
  }
  serve = await startServe(dir);
  ({ browser, page } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const count = (k: string) => page.getByTestId(`stocktake-count-${k}`).locator('b').innerText();

describe('盘点', () => {
  it('counts a room by wedge bursts and a photo, shows each outcome, and confirms', async () => {
    await page.getByTestId('nav-stocktake').click();
    await page.getByTestId('stocktake-place').fill('KF1');
    await page.getByTestId('stocktake-title').fill('一季度盘点');
    await page.keyboard.press('Enter');
    const scan = page.getByTestId('stocktake-scan');
    await scan.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('stocktake-scan');

    // The scanner: four labels typed fast, each ended with Enter, no pause for the answers.
    for (const code of [labels.l1!, labels.b1!, labels.b3!, 'ABC-999']) {
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
    }
    const lines = page.getByTestId('stocktake-log').locator('li');
    await expect
      .poll(() => lines.evaluateAll((li) => li.map((x) => x.getAttribute('data-outcome'))))
      .toEqual(['unknown', 'misplaced', 'found', 'place']);
    expect(await lines.nth(1).innerText()).toContain('应在 A库房 / 2层，实际在 A库房 / 1层');

    // The photo: b2's label, turned and on noise, decoded by the core.
    const photo = await labelPhoto(labels.b2!);
    await page
      .getByTestId('stocktake-photo-file')
      .setInputFiles({ name: 'label.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => lines.first().getAttribute('data-outcome')).toBe('found');
    expect(await lines.first().innerText()).toContain('（拍照）');

    await expect.poll(() => count('found')).toBe('2');
    expect([await count('missing'), await count('misplaced'), await count('unknown')]).toEqual(['1', '1', '1']);
    await page.getByTestId('stocktake-tab-missing').click();
    expect(await page.getByTestId('stocktake-list-missing').innerText()).toContain('H0004');
    await page.getByTestId('stocktake-tab-misplaced').click();
    await shot(page, 'stocktake-live');

    await page.getByTestId('stocktake-accept').click();
    await page.getByTestId('stocktake-confirm-yes').click();
    await expect.poll(() => page.getByTestId('stocktake-done').innerText()).toContain('1 个错位的档案已登记到实际位置');
    expect(await page.getByTestId('stocktake-list-misplaced').innerText()).toContain('已移至实际位置');
    await shot(page, 'stocktake-accepted');
    expect(consoleErrors).toEqual([]);
  }, 20_000);
});
