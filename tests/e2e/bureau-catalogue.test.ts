/**
 * Issue 14, "the bureau sees what it received", in Chromium: a station (its own `dangan
 * serve`) files records in several 门类 and 年度, one of them 秘密, and sends a real bundle
 * over a temp-folder stick; the bureau imports it. Its 档案目录 then shows 北港派出所 → 门类 →
 * 年度 with counts that equal the grid's totals, read-only (no 新建, no form, Delete does
 * nothing), and its 人员档案 finds a station person with the station named.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/test-core';
import { login } from './pages/sync';
import { adminRpc, type AdminCall } from './support/admin-rpc';
import { launchBrowser, newPage, shot } from './support/browser';
import { serveBureauAndStation, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const PASSPHRASE = 'correct horse battery staple';
const PERSON = { name: '司马公开', idNumber: '110105198001011238' };
let bureau: ServeHandle;
let station: ServeHandle;
let browser: Browser;
let page: Page;
let stick: string;
/** Live station records per 门类 code and year, and the public ones in all. */
const filed: { code: string; year: number; n: number; secret?: boolean }[] = [
  { code: 'WS', year: 2020, n: 3 },
  { code: 'WS', year: 2021, n: 2 },
  { code: 'WS', year: 2021, n: 1, secret: true },
  { code: 'ZP', year: 2019, n: 2 },
];
const total = filed.reduce((a, f) => a + f.n, 0);

beforeAll(async () => {
  stick = tempDir('dangan-e2e-stick-');
  [{ bureau, station }, browser] = await Promise.all([serveBureauAndStation(PASSWORD), launchBrowser()]);
  const [b, s]: [AdminCall, AdminCall] = await Promise.all([adminRpc(bureau, PASSWORD), adminRpc(station, PASSWORD)]);
  await b('sync.keys.unlock', { passphrase: PASSPHRASE });
  await s('sync.keys.unlock', { passphrase: PASSPHRASE });
  await b('sync.stations.add', { stationId: 'BG01', name: '北港派出所', outDir: stick });
  await s('sync.enroll', { dir: path.join(stick, 'DGE-BG01') });
  const scheme = await s('scheme.list', {});
  const cat = (code: string) => scheme.find((c) => c.fullCode === code)!.id;
  let i = 0;
  for (const f of filed)
    for (let k = 0; k < f.n; k++)
      await s('catalogue.create', {
        categoryId: cat(f.code),
        year: f.year,
        title: f.secret ? '秘密线索报告' : `${f.year}年第${++i}号文件`,
        securityLevel: f.secret ? 2 : 0,
        persons: i === 1 ? [PERSON] : [],
      });
  const out = await s('sync.bundle.export', { outDir: stick });
  const fp = (await s('sync.keys.get', {})).sign!.fingerprint;
  const imported = await b('sync.bundle.import', { dir: out.dir, acceptKey: fp });
  if (imported.outcome !== 'applied') throw new Error(imported.message);
  page = await newPage(browser);
  await login(page, bureau.url, PASSWORD);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await bureau?.stop();
  await station?.stop();
  if (stick) fs.rmSync(stick, { recursive: true, force: true });
});

const node = (key: string) => page.locator(`[data-testid="tree-node"][data-key="${key}"]`);
const count = async (key: string) => Number((await node(key).locator('.tree-count').innerText()).replace(/\D/g, ''));
const gridTotal = async () => Number((await page.getByTestId('grid-total').innerText()).replace(/\D/g, ''));

describe('the bureau’s 档案目录 and 人员档案 show what a station sent', () => {
  it('派出所 → 门类 → 年度 with counts the grid agrees with, by keyboard', async () => {
    await page.getByTestId('nav-catalogue').click();
    await page.getByTestId('bureau-catalogue').waitFor();
    const bg = node('s:BG01');
    await bg.waitFor();
    expect(await bg.getAttribute('data-level')).toBe('station');
    expect(await bg.locator('.tree-label').innerText()).toBe('北港派出所');
    // The administrator holds 秘密 clearance: every record counts.
    expect(await count('s:BG01')).toBe(total);
    await expect.poll(gridTotal).toBe(total); // 全部档案
    await bg.focus();
    await page.keyboard.press('Enter');
    await expect.poll(gridTotal).toBe(total);
    await page.keyboard.press('ArrowRight');
    const cats = page.locator('[data-testid="tree-node"][data-level="category"]');
    await expect.poll(() => cats.count()).toBe(2);
    expect(await cats.allInnerTexts()).toEqual([expect.stringContaining('文书'), expect.stringContaining('照片')]);
    const ws = (await cats.first().getAttribute('data-key'))!;
    expect(await count(ws)).toBe(6);
    await cats.first().click();
    await expect.poll(gridTotal).toBe(6);
    const years = page.locator('[data-testid="tree-node"][data-level="year"]');
    await expect
      .poll(() => years.allInnerTexts())
      .toEqual([expect.stringMatching(/^2021年\s*3$/), expect.stringMatching(/^2020年\s*3$/)]);
    await years.first().click();
    await expect.poll(gridTotal).toBe(3);
    expect(await page.getByTestId('grid-row').count()).toBe(3);
    await shot(page, 'bureau-catalogue-01-station-tree');
  });

  it('is read-only: no 新建, Delete does nothing, Enter shows the record without a form', async () => {
    expect(await page.getByTestId('new-item').count()).toBe(0);
    expect(await page.getByTestId('bureau-read-only').innerText()).toContain('只读');
    await page.getByTestId('grid-body').focus();
    await page.keyboard.press('Delete');
    expect(await page.getByTestId('delete-dialog').count()).toBe(0);
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('station-item-detail');
    await detail.waitFor();
    expect(await detail.innerText()).toContain('北港派出所');
    expect(await page.getByTestId('item-form').count()).toBe(0);
    await shot(page, 'bureau-catalogue-02-read-only-detail');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
  });

  it('人员档案 finds a station person by name and by ID number, with the station', async () => {
    await page.getByTestId('nav-persons').click();
    const box = page.getByTestId('person-search');
    await box.fill(PERSON.name);
    const result = page.getByTestId('person-result');
    await expect.poll(() => result.allInnerTexts()).toEqual([expect.stringContaining('北港派出所')]);
    expect(await result.innerText()).toContain(PERSON.idNumber);
    await box.fill(PERSON.idNumber.slice(-6));
    await expect.poll(() => result.allInnerTexts()).toEqual([expect.stringContaining(PERSON.name)]);
    await result.click();
    await page.getByTestId('person-detail').waitFor();
    expect(await page.getByTestId('person-station').innerText()).toBe('北港派出所');
    expect(await page.getByTestId('person-records').innerText()).toContain('2020年第1号文件');
    await shot(page, 'bureau-catalogue-03-persons');
    await page.getByTestId('open-record').click();
    await page.getByTestId('station-item-detail').waitFor();
    expect(await page.getByTestId('item-form').count()).toBe(0);
  });
});
