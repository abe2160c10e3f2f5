/**
 * A 常住人口登记表 in a layout no built-in template describes (scripts/fixtures/ocr/variants.ts)
 * lands in the hot folder, is read by its printed labels, and reaches the verification screen
 * least sure first, the fields not on the page (未识别) first of all. One key (Alt+Enter)
 * accepts every field at or above the threshold; the clerk fixes the rest by keyboard and the
 * record is written with the values. Chromium against `dangan serve`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemView } from '../../electron/contract';
import { variantPage, type VariantPage } from '../../scripts/fixtures/ocr/variants';
import { tempDir } from '../helpers/test-core';
import { adminRpc, type AdminCall } from './support/admin-rpc';
import { shot } from './support/browser';
import { openAdminDesk } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const FILE = 'unseen-layout.png';
/** What the clerk types into a field the page left blank. */
const FORMER_NAME = '张小伟';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let call: AdminCall;
let variant: VariantPage;
let fixtures: string;
let hotDir: string;
let item: ItemView;
const consoleErrors: string[] = [];

interface Row {
  key: string;
  label: string;
  /** null: 未识别. */
  confidence: number | null;
  invalid: boolean;
  confirmed: boolean;
}

/** The field rows as the clerk sees them, top to bottom. */
const rows = (): Promise<Row[]> =>
  page.locator('[data-testid="verify-fields"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const key = tr.getAttribute('data-field')!;
      const conf = tr.querySelector(`[data-testid="verify-confidence-${key}"]`)!.getAttribute('data-confidence');
      return {
        key,
        label: tr.querySelector('label')!.textContent!.trim(),
        confidence: conf ? Number(conf) : null,
        invalid: tr.classList.contains('invalid'),
        confirmed: tr.classList.contains('confirmed'),
      };
    }),
  );
const focusedField = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

beforeAll(async () => {
  fixtures = tempDir('dangan-e2e-unseen-');
  hotDir = tempDir('dangan-e2e-unseen-hot-');
  // Ruled, other row order and cell widths, label variants; 200 dpi keeps the read short.
  variant = await variantPage('ruled', 11, 200);
  fs.writeFileSync(path.join(fixtures, FILE), variant.png);
  serve = await serveNewArchive(PASSWORD);
  call = await adminRpc(serve, PASSWORD);
  const qr = (await call('scheme.list', {})).find((c) => c.fullCode === 'ZY·HJ·QR')!;
  item = await call('catalogue.create', { categoryId: qr.id, year: 2024, orgCode: '', title: '待著录' });
  await call('hotfolder.set', { dir: hotDir, enabled: true, itemId: item.id, volumeId: null, template: 'auto' });
  // The scanner software writes the file; it is taken and read while the browser starts.
  fs.copyFileSync(path.join(fixtures, FILE), path.join(hotDir, FILE));
  ({ browser, page } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  for (const d of [fixtures, hotDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe('a page of an unseen layout, from the hot folder to a verified record', () => {
  it('shows its fields by label, least sure first, 未识别 first of all', async () => {
    await page.getByTestId('nav-verify').click();
    const entry = page.getByTestId('verify-item').first();
    await entry.waitFor({ timeout: 60_000 });
    // Keyboard only: the queue's entry, Enter goes to the worst field.
    await entry.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('verify-fields').waitFor();
    await expect.poll(focusedField).toMatch(/^verify-field-/);

    const shown = await rows();
    const label = (k: string) => shown.find((r) => r.key === k)?.label;
    expect(label('name')).toBe('姓名');
    expect(label('idNumber')).toMatch(/身份/);
    expect(label('birthDate')).toMatch(/出生/);
    // Left blank on the page: not found, and said so, never a number.
    const blank = Object.keys(variant.truth).filter((k) => variant.truth[k] === '');
    expect(blank.length).toBeGreaterThan(0);
    for (const k of blank) expect(shown.find((r) => r.key === k)?.confidence, k).toBeNull();
    const firstNumber = shown.findIndex((r) => r.confidence !== null);
    expect(firstNumber).toBe(shown.filter((r) => r.confidence === null).length);
    const read = shown.slice(firstNumber).filter((r) => !r.invalid);
    const confidences = read.map((r) => r.confidence!);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    await expect.poll(() => page.getByTestId('verify-threshold').inputValue()).toBe('90');
    await shot(page, 'verify-unseen-order');
  });

  it('accepts the sure fields with one key; the clerk fixes the rest; the record gets the values', async () => {
    const before = await rows();
    const sure = before.filter((r) => r.confidence !== null && r.confidence >= 90 && !r.invalid).map((r) => r.key);
    expect(sure.length).toBeGreaterThan(0);
    await page.keyboard.press('Alt+Enter');
    await expect
      .poll(async () => (await rows()).filter((r) => r.confirmed).map((r) => r.key))
      .toEqual(before.filter((r) => sure.includes(r.key)).map((r) => r.key));
    expect(await page.getByTestId('verify-status').getAttribute('data-status')).toBe('pending');
    const rest = (await rows()).filter((r) => !r.confirmed);
    // The doubtful ones are the top of the list, and the focus is on the first of them.
    expect(rest.map((r) => r.key)).toEqual(before.slice(0, rest.length).map((r) => r.key));
    await expect.poll(focusedField).toBe(`verify-field-${rest[0]!.key}`);

    // By keyboard: type what the page says (or, for 曾用名, what the clerk knows), Enter to go on.
    for (const r of rest) {
      await expect.poll(focusedField).toBe(`verify-field-${r.key}`);
      const want = r.key === 'formerName' ? FORMER_NAME : variant.truth[r.key]!;
      const input = page.getByTestId(`verify-field-${r.key}`);
      if ((await input.inputValue()) !== want) {
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText(want);
      }
      await page.keyboard.press('Enter');
    }
    await shot(page, 'verify-unseen-rest');
    await page.keyboard.press('Alt+Enter');
    await expect.poll(() => page.getByTestId('verify-status').getAttribute('data-status')).toBe('verified');

    const pages = await call('pages.list', { itemId: item.id });
    const v = await call('verify.get', { id: pages[0]!.id });
    const accepted = Object.fromEntries(v.fields.map((f) => [f.key, f.accepted]));
    for (const [k, want] of Object.entries(variant.truth))
      expect(accepted[k], k).toBe(k === 'formerName' ? FORMER_NAME : want);
    const record = await call('catalogue.get', { id: item.id });
    expect(record.title).toBe(`常住人口登记表（${variant.truth.name}）`);
    expect(record.persons[0]).toMatchObject({ name: variant.truth.name, idNumber: variant.truth.idNumber });
    expect(record.extra.handler).toBe(variant.truth.handler);
    // The threshold is the clerk's, set by keyboard and remembered on this PC.
    await page.getByTestId('verify-threshold').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('95');
    await expect.poll(() => page.getByTestId('verify-accept-sure').textContent()).toContain('≥ 95');
    expect(await page.evaluate(() => localStorage.getItem('dangan.verify.threshold'))).toBe('95');
    expect(consoleErrors).toEqual([]);
  });
});
