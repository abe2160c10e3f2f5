/**
 * The administrator chooses the OCR engines in Chromium against `dangan serve`: forms by
 * tesseract.js, plain text by PP-OCR; two pages go through the queue and each thumbnail
 * and the verification screen name the engine that read it. A second server whose model
 * files are missing shows the fallback notice, naming the file, in the settings screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrPage } from '../../scripts/fixtures/ocr/generate';
import { ocrSet } from '../helpers/ocr-set';
import { setupViaCli } from '../helpers/cli';
import { tempDir } from '../helpers/test-core';
import { Desk } from './pages/desk';
import { launchBrowser, newPage, shot } from './support/browser';
import { startServe, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const servers: ServeHandle[] = [];
let browser: Browser;
let page: Page;
let form: OcrPage;
let prose: OcrPage;
let fixtures: string;
const consoleErrors: string[] = [];

async function signIn(env: NodeJS.ProcessEnv = {}): Promise<void> {
  const dir = tempDir('dangan-e2e-');
  setupViaCli(dir, PASSWORD);
  const serve = await startServe(dir, { env });
  servers.push(serve);
  const desk = new Desk(page);
  await desk.open(serve.url);
  await desk.login('admin', PASSWORD);
}

beforeAll(async () => {
  fixtures = tempDir('dangan-e2e-engines-');
  const set = await ocrSet(fixtures, { seed: 23, count: 3 });
  form = set.pages.find((p) => p.templateId === 'resident-registration')!;
  prose = set.pages.find((p) => p.kind === 'text')!;
  // Only which engine read the plain-text page is checked, not how well: at a quarter of its
  // width (same name, folder of its own) PP-OCR reads it in a fraction of the time.
  fs.mkdirSync(path.join(fixtures, 'small'));
  await sharp(path.join(fixtures, prose.file))
    .resize({ width: 640 })
    .toFile(path.join(fixtures, 'small', prose.file));
  browser = await launchBrowser();
  page = await newPage(browser);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await signIn();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.stop();
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
});

describe('OCR engine settings', () => {
  it('lets the administrator give forms and plain text each an engine, by keyboard', async () => {
    await page.getByTestId('nav-settings').click();
    const pp = page.locator('[data-testid="ocr-engine-row"][data-engine="ppocr"]');
    await expect.poll(() => pp.getAttribute('data-state')).toBe('unchecked');
    await expect.poll(() => page.getByTestId('ocr-effective-forms').textContent()).toContain('PP-OCR');
    expect(await page.getByTestId('ocr-fallback-notice').count()).toBe(0);

    await page.locator('#ocr-forms-engine').focus();
    await page.locator('#ocr-forms-engine').selectOption('tesseract');
    await page.locator('#ocr-text-engine').selectOption('ppocr');
    await page.locator('#ocr-text-engine').press('Control+Enter');
    await expect.poll(() => page.getByTestId('ocr-effective-forms').textContent()).toContain('tesseract.js');
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toContain('已保存识别引擎设置');

    await page.getByTestId('ocr-settings-check').click();
    await expect.poll(() => pp.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    await shot(page, 'ocr-settings');
  });

  it('reads each page with its engine and shows which one on the thumbnail and in verification', async () => {
    await page.getByTestId('nav-intake').click();
    await page
      .getByTestId('intake-file-input')
      .setInputFiles([path.join(fixtures, form.file), path.join(fixtures, 'small', prose.file)]);
    await expect.poll(() => page.getByTestId('ocr-done').textContent(), { timeout: 180_000 }).toBe('完成 2');
    const toggle = page.getByTestId('batch-toggle').first();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const thumbs = page.getByTestId('page-thumb');
    await expect.poll(() => page.getByTestId('page-engine').count()).toBe(2);
    const engineOf = async (name: string) => thumbs.filter({ hasText: name }).getByTestId('page-engine').textContent();
    expect(await engineOf(form.file)).toBe('tesseract.js');
    expect(await engineOf(prose.file)).toBe('PP-OCR');
    await expect.poll(() => page.getByTestId('batch-ocr').first().textContent()).toContain('识别 2');
    await shot(page, 'ocr-engine-thumbs');

    await page.getByTestId('nav-verify').click();
    await page.getByTestId('verify-item').first().click();
    await expect.poll(() => page.getByTestId('verify-engine').textContent()).toContain('tesseract.js');
    expect(consoleErrors).toEqual([]);
  });

  it('says in the settings screen when PP-OCR cannot run, and why', async () => {
    await signIn({ DANGAN_PPOCR_MODEL_DIR: path.join(fixtures, 'no-models-here') });
    await page.getByTestId('nav-settings').click();
    const notice = page.getByTestId('ocr-fallback-notice');
    await expect.poll(() => notice.textContent()).toContain('改用 tesseract.js');
    expect(await notice.textContent()).toContain('ch_PP-OCRv4_det_infer.onnx');
    await expect.poll(() => page.getByTestId('ocr-effective-text').textContent()).toContain('tesseract.js');
    await shot(page, 'ocr-settings-fallback');
  });
});
