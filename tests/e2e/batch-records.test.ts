/**
 * A batch of scanned forms becomes records in one step, in Chromium against `dangan serve`:
 * two copies of a 常住人口登记表 (one mandatory entry left blank) are read by OCR; the
 * verification screen shows the blank field's real confidence; once verified, the clerk
 * opens 生成档案 on the batch, reviews the list by keyboard, unticks one row and confirms.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PageView } from '../../electron/contract';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { tempDir } from '../helpers/test-core';
import { adminRpc, type AdminCall } from './support/admin-rpc';
import { shot } from './support/browser';
import { openAdminDesk } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let call: AdminCall;
let form: OcrPage;
let fixtures: string;
let batchId: string;
let pages: PageView[];
const consoleErrors: string[] = [];
const blankKey = () =>
  BUILTIN_TEMPLATES.find((t) => t.id === 'resident-registration')!.fields.find(
    (f) => f.required && form.fields![f.key] === '',
  )!.key;

beforeAll(async () => {
  fixtures = tempDir('dangan-e2e-batch-');
  const set = await ocrSet(fixtures, { seed: 5, count: 1 });
  form = set.pages[0]!;
  serve = await serveNewArchive(PASSWORD);
  call = await adminRpc(serve, PASSWORD);
  // The person is already on file from an earlier record.
  const qr = (await call('scheme.list', {})).find((c) => c.fullCode === 'ZY·HJ·QR')!;
  await call('catalogue.create', {
    categoryId: qr.id,
    year: 2018,
    orgCode: '',
    title: '迁入登记',
    persons: [{ name: form.fields!.name, idNumber: form.fields!.idNumber }],
  });
  const dataBase64 = fs.readFileSync(path.join(fixtures, form.file)).toString('base64');
  const r = await call('intake.importFiles', {
    files: [
      { name: 'a.jpg', dataBase64 },
      { name: 'b.jpg', dataBase64 },
    ],
    template: 'auto',
  });
  batchId = r.batchId;
  pages = await vi.waitFor(
    async () => {
      const list = await call('pages.list', { batchId });
      if (!list.every((p) => p.ocrStatus === 'done')) throw new Error('OCR still running');
      return list;
    },
    { timeout: 240_000, interval: 500 },
  );
  ({ browser, page } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
});

describe('honest confidence on the verification screen', () => {
  it('shows an empty mandatory field with confidence 0, flagged, and the queue counts it', async () => {
    await page.getByTestId('nav-verify').click();
    const first = page.getByTestId('verify-item').first();
    await expect.poll(() => first.getByTestId('verify-item-confidence').textContent()).toMatch(/项待核对/);
    await first.click();
    const key = blankKey();
    await expect.poll(() => page.getByTestId(`verify-confidence-${key}`).textContent()).toBe('0空');
    await expect.poll(() => page.getByTestId(`verify-empty-${key}`).count()).toBe(1);
    const row = page.locator(`tr[data-field="${key}"]`);
    expect(await row.getAttribute('class')).toContain('missing');
    expect(await row.textContent()).toContain('必填项为空');
    await page.getByTestId('verify-image').locator('img').waitFor();
    await shot(page, 'verify-empty-field');
  });
});

describe('生成档案 from a batch', () => {
  it('reviews the records by keyboard, unticks one, and writes only the ticked one', async () => {
    for (const p of pages) {
      const v = await call('verify.get', { id: p.id });
      const read = Object.fromEntries(v.fields.map((f) => [f.key, f.value]));
      await call('verify.accept', {
        pageId: p.id,
        values: { ...read, ...form.fields, handler: '王建国', registerDate: '2019-05-20' },
      });
    }
    await page.getByTestId('nav-intake').click();
    const open = page.locator(`[data-batch-id="${batchId}"]`).getByTestId('batch-records-open');
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('batch-records-dialog');
    const rows = dialog.getByTestId('batch-record-row');
    await expect.poll(() => rows.count()).toBe(2);
    // Both rows: the form's category and 年度 from its date; the person found, not created.
    for (const i of [0, 1]) {
      expect(await rows.nth(i).getByTestId('batch-record-year').textContent()).toBe('2019');
      expect(await rows.nth(i).getByTestId('batch-record-person').getAttribute('data-existing')).toBe('true');
    }
    expect(await rows.nth(0).textContent()).toContain('户籍（ZY·HJ）');
    expect(await rows.nth(0).textContent()).toContain('2019-05-20');
    await expect.poll(() => dialog.getByTestId('batch-records-confirm').textContent()).toContain('生成 2 条档案');

    // The first row has the focus; ↓ goes to the second, Space unticks it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('batch-record-pick');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect.poll(() => dialog.getByTestId('batch-records-confirm').textContent()).toContain('生成 1 条档案');
    expect(await rows.nth(1).getByTestId('batch-record-pick').isChecked()).toBe(false);
    expect(await rows.nth(0).getByTestId('batch-record-pick').isChecked()).toBe(true);
    await shot(page, 'batch-records-review');

    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await shot(page, 'batch-records-done');

    const after = await call('pages.list', { batchId });
    const [made, left] = [after.find((p) => p.id === pages[0]!.id)!, after.find((p) => p.id === pages[1]!.id)!];
    expect(made.itemId).not.toBeNull();
    expect(left.itemId).toBeNull();
    const item = await call('catalogue.get', { id: made.itemId! });
    expect(item).toMatchObject({ year: 2019, date: '20190520', categoryCode: 'ZY·HJ' });
    expect(item.title).toBe(`常住人口登记表（${form.fields!.name}）`);
    const persons = await call('persons.search', { q: form.fields!.idNumber });
    expect(persons).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });
});
