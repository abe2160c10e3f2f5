/**
 * Scans belong to their records, in Chromium against `dangan serve`: opening a record
 * shows its pages (thumbnails, a viewer paged, zoomed and turned by keyboard, the OCR
 * text beside the image, the searchable PDF opened and saved); 待挂接 pages are attached
 * from the record and from the intake list, several at a time; a volume shows its items'
 * pages in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemView } from '../../electron/contract';
import { ocrSet } from '../helpers/ocr-set';
import { tempDir } from '../helpers/test-core';
import { Desk } from './pages/desk';
import { adminRpc, type AdminCall } from './support/admin-rpc';
import { shot } from './support/browser';
import { openAdminDesk } from './support/desk-session';
import { serveNewArchive, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
let call: AdminCall;
let fixtures: string;
let withScans: ItemView;
let empty: ItemView;
let volumeTitle: string;
let volumeOrder: string[];
let tray: string[];
const consoleErrors: string[] = [];

const inked = async (n: number) =>
  (
    await sharp(
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="620" height="877"><rect width="100%" height="100%" fill="#fff"/>` +
          `<rect x="60" y="${60 + 30 * n}" width="${200 + 40 * n}" height="40" fill="#000"/><rect x="60" y="400" width="480" height="6" fill="#000"/></svg>`,
      ),
    )
      .png()
      .toBuffer()
  ).toString('base64');

/** Files into an item (or the tray), not read ('skip'); returns the new pages' ids. */
async function importInked(count: number, itemId: string | null = null, from = 0): Promise<string[]> {
  const files = await Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `scan-${from + i + 1}.png`,
      dataBase64: await inked(from + i),
    })),
  );
  const { batchId } = await call('intake.importFiles', { files, itemId, template: 'skip' });
  return (await call('pages.list', { batchId })).map((p) => p.id);
}

const recordIds = async (ref: { itemId: string } | { volumeId: string }) =>
  (await call('pages.ofRecord', ref)).pages.map((p) => p.id);

beforeAll(async () => {
  fixtures = tempDir('dangan-e2e-recpages-');
  const set = await ocrSet(fixtures, { seed: 5, count: 2 });
  const prose = set.pages.find((p) => p.kind === 'text')!;
  serve = await serveNewArchive(PASSWORD);
  call = await adminRpc(serve, PASSWORD);
  const cats = await call('scheme.list', {});
  const qr = cats.find((c) => c.fullCode === 'ZY·HJ·QR')!;
  const jt = cats.find((c) => c.fullCode === 'ZY·JT')!;
  withScans = await call('catalogue.create', { categoryId: qr.id, year: 2024, orgCode: '', title: '户口迁入材料' });
  empty = await call('catalogue.create', { categoryId: qr.id, year: 2024, orgCode: '', title: '暂住登记材料' });
  // Page 1 is read by OCR; page 2 is not read.
  const bytes = fs.readFileSync(path.join(fixtures, prose.file));
  await call('intake.importFiles', {
    files: [{ name: 'prose.png', dataBase64: bytes.toString('base64') }],
    itemId: withScans.id,
    template: 'none',
  });
  await importInked(1, withScans.id, 7);
  tray = await importInked(4);

  volumeTitle = '北港路两车相撞事故';
  const v = await call('volumes.create', { categoryId: jt.id, year: 2020, title: volumeTitle });
  const mk = (title: string) =>
    call('catalogue.create', { categoryId: jt.id, year: 2020, volumeId: v.id, title, extra: { accidentNo: 'SG1' } });
  const first = await mk('现场勘查笔录');
  const second = await mk('责任认定书');
  // The second item scanned first: the volume still shows 件号 order.
  const late = await importInked(1, second.id, 5);
  const early = await importInked(1, first.id, 6);
  volumeOrder = [...early, ...late];
  expect(await recordIds({ volumeId: v.id })).toEqual(volumeOrder);

  ({ browser, page, desk } = await openAdminDesk(serve.url, PASSWORD, consoleErrors));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
});

const viewer = () => page.getByTestId('page-viewer');
const image = () => page.getByTestId('viewer-image');

async function openItem(title: string): Promise<void> {
  await desk.go('catalogue');
  await desk.rowWith(title).first().dblclick();
  await page.getByTestId('item-form').waitFor();
}

describe("a record's pages in its detail view", () => {
  it('shows the thumbnails, and the viewer with the OCR text beside the page', async () => {
    await expect
      .poll(async () => (await call('pages.ofRecord', { itemId: withScans.id })).pages[0]!.ocrStatus, {
        timeout: 180_000,
        interval: 500,
      })
      .toBe('done');
    await openItem('户口迁入材料');
    const section = page.getByTestId('record-pages');
    await expect.poll(() => section.getByTestId('record-pages-count').textContent()).toBe('共 2 页');
    const thumbs = section.getByTestId('record-thumb');
    expect(await thumbs.count()).toBe(2);
    await expect.poll(() => thumbs.locator('img').count()).toBe(2);
    await expect
      .poll(() =>
        thumbs
          .first()
          .locator('img')
          .evaluate((i) => (i as HTMLImageElement).naturalWidth),
      )
      .toBeGreaterThan(0);
    await shot(page, 'record-pages-form');

    // By keyboard: the first thumbnail, Enter.
    await thumbs.first().focus();
    await page.keyboard.press('Enter');
    await viewer().waitFor();
    const ids = await recordIds({ itemId: withScans.id });
    expect(await image().getAttribute('data-page-id')).toBe(ids[0]);
    const ocr = (await call('pages.text', { id: ids[0] })).text!;
    const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');
    expect(squash(ocr).length).toBeGreaterThan(20);
    await expect.poll(async () => squash(await page.getByTestId('viewer-text').textContent())).toBe(squash(ocr));
    await expect
      .poll(() =>
        image()
          .locator('img')
          .evaluate((i) => (i as HTMLImageElement).naturalWidth),
      )
      .toBeGreaterThan(0);
    await shot(page, 'record-viewer');
  }, 240_000);

  it('pages through, zooms, fits the width and turns the view by keyboard; the stored page stays as it was', async () => {
    const ids = await recordIds({ itemId: withScans.id });
    await page.keyboard.press('PageDown');
    await expect.poll(() => image().getAttribute('data-page-id')).toBe(ids[1]);
    expect(await page.getByTestId('viewer-pos').textContent()).toBe('2 / 2');
    await expect.poll(() => page.getByTestId('viewer-text').textContent()).toBe('本页尚未识别文字');
    await page.keyboard.press('PageUp');
    await expect.poll(() => image().getAttribute('data-page-id')).toBe(ids[0]);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => image().getAttribute('data-page-id')).toBe(ids[1]);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => image().getAttribute('data-page-id')).toBe(ids[0]);

    // Fit width: the page fills the image pane's width.
    expect(await image().getAttribute('data-fit')).toBe('true');
    const width = () =>
      image()
        .locator('img')
        .evaluate((i) => i.getBoundingClientRect().width);
    const pane = await image().evaluate((el) => el.clientWidth - 16);
    await expect.poll(async () => Math.abs((await width()) - pane)).toBeLessThan(2);
    const fit = Number(await image().getAttribute('data-zoom'));
    await page.keyboard.press('+');
    await expect.poll(async () => Number(await image().getAttribute('data-zoom'))).toBeGreaterThan(fit);
    expect(await width()).toBeGreaterThan(pane + 2);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect.poll(async () => Number(await image().getAttribute('data-zoom'))).toBeLessThan(fit);
    expect(await width()).toBeLessThan(pane - 2);
    await page.keyboard.press('w');
    await expect.poll(() => image().getAttribute('data-fit')).toBe('true');
    await expect.poll(async () => Math.abs((await width()) - pane)).toBeLessThan(2);

    // Turned a quarter: the page's height now runs across, fitted to the width.
    await page.keyboard.press('r');
    await expect.poll(() => image().getAttribute('data-turn')).toBe('90');
    await expect
      .poll(() =>
        image()
          .locator('img')
          .evaluate((i) => (i as HTMLElement).style.transform),
      )
      .toBe('rotate(90deg)');
    await expect.poll(async () => Math.abs((await width()) - pane)).toBeLessThan(2);
    await shot(page, 'record-viewer-turned');
    await page.keyboard.press('l');
    await page.keyboard.press('l');
    await expect.poll(() => image().getAttribute('data-turn')).toBe('270');
    // Only the view turned: the stored pages keep their rotation and nothing was re-read.
    const stored = await call('pages.ofRecord', { itemId: withScans.id });
    expect(stored.pages.map((p) => [p.rotation, p.ocrStatus])).toEqual([
      [0, 'done'],
      [0, 'skipped'],
    ]);
    const audit = await call('audit.list', { action: 'page.rotate' });
    expect(audit.total).toBe(0);

    // Esc closes the viewer only; the record stays open.
    await page.keyboard.press('Escape');
    await viewer().waitFor({ state: 'detached' });
    expect(await page.getByTestId('item-form').isVisible()).toBe(true);
  });

  it('opens the searchable PDF in a new tab and saves it under the 档号', async () => {
    const section = page.getByTestId('record-pages');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), section.getByTestId('pdf-open').click()]);
    // A document of the bridge's own: the app's CSP does not follow it into the tab.
    await expect.poll(() => tab.url(), { timeout: 30_000 }).toContain(`${serve.origin}/pdf/`);
    const got = await page.evaluate(async (url) => {
      const r = await fetch(url);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return {
        type: r.headers.get('content-type'),
        head: String.fromCharCode(...bytes.slice(0, 5)),
        size: bytes.length,
      };
    }, tab.url());
    expect(got.type).toBe('application/pdf');
    expect(got.head).toBe('%PDF-');
    expect(got.size).toBeGreaterThan(1000);
    await tab.close();

    const [download] = await Promise.all([page.waitForEvent('download'), section.getByTestId('pdf-save').click()]);
    expect(download.suggestedFilename()).toBe(`${withScans.archiveCode}.pdf`);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByTestId('item-form').locator('.modal-foot button', { hasText: '关闭' }).click();
    await page.getByTestId('item-form').waitFor({ state: 'detached' });
  });
});

describe('attaching 待挂接 pages', () => {
  it('attaches two tray pages to a record from its detail view, picked by keyboard', async () => {
    await openItem('暂住登记材料');
    const section = page.getByTestId('record-pages');
    await expect.poll(() => section.getByTestId('record-pages-count').textContent()).toBe('共 0 页');
    await section.getByTestId('record-pages-attach').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('attach-pages');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('pick-thumb').count()).toBe(4);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('pick-thumb');
    // The second and third of the tray: move, Space, Shift+→.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => dialog.getByTestId('attach-confirm').textContent()).toBe('挂接 2 页');
    await shot(page, 'record-attach-dialog');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => section.getByTestId('record-pages-count').textContent()).toBe('共 2 页');
    expect(await recordIds({ itemId: empty.id })).toEqual([tray[1], tray[2]]);
    await shot(page, 'record-attached');
    expect(await page.getByTestId('item-form').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('item-form').waitFor({ state: 'detached' });
  });

  it('attaches several pages from the intake list to a record found by its 档号', async () => {
    await page.getByTestId('nav-intake').click();
    const panel = page.getByTestId('tray-panel');
    await expect.poll(() => panel.getByTestId('tray-count').textContent()).toBe('2 页待挂接');
    const thumbs = panel.getByTestId('pick-thumb');
    await thumbs.nth(0).click();
    await thumbs.nth(1).click();
    await expect.poll(() => panel.getByTestId('tray-selected').textContent()).toBe('已选 2 页');
    const search = panel.getByTestId('tray-record-search');
    await search.fill(withScans.archiveCode);
    await page.getByRole('option').filter({ hasText: withScans.archiveCode }).waitFor();
    await search.press('Enter');
    await panel.getByTestId('tray-record').waitFor();
    await shot(page, 'intake-tray-attach');
    await panel.getByTestId('tray-attach').click();
    await expect.poll(() => panel.getByTestId('tray-count').textContent()).toBe('0 页待挂接');
    const ids = await recordIds({ itemId: withScans.id });
    expect(ids.slice(2)).toEqual([tray[0], tray[3]]);
    const attached = await call('audit.list', { action: 'page.attach' });
    expect(attached.rows.some((r) => r.summary.includes(`2 页到 ${withScans.archiveCode}`))).toBe(true);
  });
});

describe("a volume's pages", () => {
  it("shows its items' pages by 件号 in the volume's detail view", async () => {
    await desk.go('catalogue');
    for (const label of ['ZY 业务', 'ZY·JT 交通事故', '2020年', 'D30', volumeTitle])
      await page.getByTestId('tree-node').filter({ hasText: label }).first().click();
    await page.getByTestId('edit-volume').click();
    const form = page.getByTestId('volume-form');
    await form.waitFor();
    const thumbs = form.getByTestId('record-thumb');
    await expect.poll(() => thumbs.count()).toBe(2);
    expect(await thumbs.evaluateAll((els) => els.map((e) => e.getAttribute('data-page-id')))).toEqual(volumeOrder);
    expect(await thumbs.first().textContent()).toContain('第 1 件');
    await expect.poll(() => thumbs.locator('img').count()).toBe(2);
    await shot(page, 'volume-pages');
    expect(consoleErrors).toEqual([]);
  });
});
