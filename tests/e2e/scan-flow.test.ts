/**
 * The clerk's digitization day in Chromium against `dangan serve`: point the app at the
 * scanner's folder, a form lands in it, OCR reads it, the clerk checks the fields by
 * keyboard and accepts, and the record is then found by the text on the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemView } from '../../electron/contract';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { tempDir } from '../helpers/test-core';
import { SearchScreen } from './pages/search';
import { adminRpc } from './support/admin-rpc';
import { shot } from './support/browser';
import { openAdminDesk } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let form: OcrPage;
let fixtures: string;
let hotDir: string;
let item: ItemView;
const consoleErrors: string[] = [];

beforeAll(async () => {
  fixtures = tempDir('dangan-e2e-ocr-');
  hotDir = tempDir('dangan-e2e-hot-');
  const set = await ocrSet(fixtures, { seed: 5, count: 1 });
  form = set.pages[0]!;
  serve = await serveNewArchive(PASSWORD);
  const call = await adminRpc(serve, PASSWORD);
  const qr = (await call('scheme.list', {})).find((c) => c.fullCode === 'ZY·HJ·QR')!;
  item = await call('catalogue.create', { categoryId: qr.id, year: 2024, orgCode: '', title: '待著录' });
  ({ browser, page } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  for (const d of [fixtures, hotDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe('hot folder → OCR → verify → search', () => {
  it('takes a scanned form from the watched folder into the chosen item and reads it', async () => {
    await page.getByTestId('nav-intake').click();
    const target = page.getByTestId('intake-target-search');
    await target.fill(item.archiveCode);
    await page.getByRole('option').filter({ hasText: item.archiveCode }).waitFor();
    await target.press('Enter');
    await page.getByTestId('intake-target').waitFor();

    await page.getByTestId('hotfolder-dir').fill(hotDir);
    await page.getByTestId('hotfolder-enable').check();
    await page.getByTestId('hotfolder-save').click();
    await expect.poll(() => page.getByTestId('hotfolder-status').textContent()).toContain('监视中');

    // The scanner software writes the file; the app picks it up once it stops growing.
    fs.copyFileSync(path.join(fixtures, form.file), path.join(hotDir, form.file));
    await page.getByTestId('batch-row').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => fs.existsSync(path.join(hotDir, form.file)), { timeout: 60_000 }).toBe(false); // moved to 已处理
    await expect.poll(() => page.getByTestId('ocr-done').textContent(), { timeout: 120_000 }).toBe('完成 1');
    await shot(page, 'scan-intake');
  });

  it('lets the clerk check the fields by keyboard and accept them into the record', async () => {
    await page.getByTestId('nav-verify').click();
    await page.getByTestId('verify-item').first().click();
    const truth = form.fields!;
    const idField = page.getByTestId('verify-field-idNumber');
    await expect.poll(() => idField.inputValue()).toBe(truth.idNumber);
    // Whatever OCR got wrong, the clerk types the right value.
    for (const [key, value] of Object.entries(truth)) {
      const input = page.getByTestId(`verify-field-${key}`);
      if ((await input.inputValue()) !== value) await input.fill(value);
    }
    await shot(page, 'scan-verify');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('verify-status').first().getAttribute('data-status')).toBe('verified');
  });

  it('finds the record by a name and an address read from the page', async () => {
    await page.getByTestId('nav-search').click();
    const search = new SearchScreen(page);
    await search.search(form.fields!.name!);
    await expect.poll(() => search.hitWith(`常住人口登记表（${form.fields!.name}）`).count()).toBe(1);
    await search.search(form.fields!.address!.slice(0, 8));
    await expect.poll(() => search.total()).toBeGreaterThanOrEqual(1);
    await shot(page, 'scan-search');
  });

  it('replaces a page by a rescan from its thumbnail, and reads it again', async () => {
    await page.getByTestId('nav-intake').click();
    const toggle = page.getByTestId('batch-toggle').first();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const thumb = page.getByTestId('page-thumb').first();
    await thumb.waitFor();
    await page.getByTestId('page-replace-input').first().setInputFiles(path.join(fixtures, form.file));
    await expect.poll(() => page.getByTestId('ocr-done').textContent(), { timeout: 120_000 }).toBe('完成 2');
    await expect.poll(() => thumb.getAttribute('data-ocr')).toBe('done');
    await shot(page, 'scan-replaced');
    expect(consoleErrors).toEqual([]);
  });
});
