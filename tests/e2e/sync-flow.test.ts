/**
 * USB sync through the UI, with two `dangan serve` instances (a county bureau and a station)
 * and a temp folder as the stick: the bureau registers the station, the station enrolls and
 * shows its key fingerprint, exports a record, the bureau compares the fingerprint, imports
 * and sees the station's record, and the receipt brings 已上报 back to the station.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryView, LoginResult, Result } from '../../electron/contract';
import { dangan, setupViaCli } from '../helpers/cli';
import { httpCaller } from '../helpers/http-client';
import { tempDir } from '../helpers/test-core';
import { Desk } from './pages/desk';
import { launchBrowser, newPage, shot } from './support/browser';
import { startServe, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const PASSPHRASE = 'correct horse battery staple';
const TITLE = '关于张三户口迁入的登记材料';
const RESTORED = '关于张三户口迁入的登记材料（恢复后补正）';
let bureau: ServeHandle;
let station: ServeHandle;
let browser: Browser;
let bp: Page;
let sp: Page;
let stick: string;
let stationWords = '';
let bundleDir = '';
const consoleErrors: string[] = [];

function setupBureau(dir: string): void {
  const r = dangan(
    [
      'setup',
      '--data',
      dir,
      '--role',
      'bureau',
      '--unit',
      '城关县公安局',
      '--fonds',
      'J100',
      '--admin',
      'admin',
    ].concat('--password-stdin'),
    PASSWORD + '\n',
  );
  if (r.code !== 0) throw new Error(`bureau setup failed: ${r.stderr}`);
}

async function openAs(serve: ServeHandle): Promise<Page> {
  const page = await newPage(browser);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  const desk = new Desk(page);
  await desk.open(serve.url);
  await desk.login('admin', PASSWORD);
  return page;
}

/** First visit: the keys get their passphrase (typed twice), which also unlocks them. */
async function setPassphrase(page: Page): Promise<void> {
  await page.getByTestId('sync-passphrase').fill(PASSPHRASE);
  await page.getByTestId('sync-passphrase2').fill(PASSPHRASE);
  await page.getByTestId('sync-passphrase2').press('Enter');
  await page.getByTestId('sync-keys').waitFor({ state: 'detached' });
}

beforeAll(async () => {
  stick = tempDir('dangan-e2e-stick-');
  const bureauDir = tempDir('dangan-e2e-bureau-');
  const stationDir = tempDir('dangan-e2e-station-');
  setupBureau(bureauDir);
  setupViaCli(stationDir, PASSWORD);
  bureau = await startServe(bureauDir);
  station = await startServe(stationDir);
  browser = await launchBrowser();
  bp = await openAs(bureau);
  sp = await openAs(station);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await bureau?.stop();
  await station?.stop();
  if (stick) fs.rmSync(stick, { recursive: true, force: true });
});

describe('station ⇄ bureau by USB stick, in the browser', () => {
  it('shows each role only its own sync section', async () => {
    await expect.poll(() => bp.getByTestId('nav-bureauSync').count()).toBe(1);
    expect(await bp.getByTestId('nav-sync').count()).toBe(0);
    await expect.poll(() => sp.getByTestId('nav-sync').count()).toBe(1);
    expect(await sp.getByTestId('nav-bureauSync').count()).toBe(0);
  });

  it('bureau registers the station and writes its enrollment bundle to the stick', async () => {
    await bp.getByTestId('nav-bureauSync').click();
    await setPassphrase(bp);
    await bp.getByTestId('sync-station-add').click();
    await bp.getByTestId('sync-add-id').fill('BG01');
    await bp.getByTestId('sync-add-name').fill('北港派出所');
    await bp.getByTestId('sync-add-dir').fill(stick);
    await bp.getByTestId('sync-add-dir').press('Enter');
    await expect.poll(() => bp.getByTestId('sync-add-done').textContent()).toContain('DGE-BG01');
    await shot(bp, 'sync-bureau-add-station');
    await bp.getByTestId('sync-add-close').click();
    await expect.poll(() => bp.getByTestId('sync-station-row').count()).toBe(1);
    expect(fs.existsSync(path.join(stick, 'DGE-BG01', 'tagmanifest-sha256.txt.sig'))).toBe(true);
  });

  it('station enrolls from the stick and shows its own fingerprint as words and a QR code', async () => {
    await sp.getByTestId('nav-sync').click();
    await setPassphrase(sp);
    await sp.getByTestId('sync-enroll-dir').fill(path.join(stick, 'DGE-BG01'));
    await sp.getByTestId('sync-enroll-submit').click();
    await sp.getByTestId('sync-own-fp').waitFor();
    stationWords = (await sp.getByTestId('sync-own-fp-words').innerText()).replace(/\d/g, '').replace(/\s+/g, ' ');
    expect(stationWords.trim().split(' ')).toHaveLength(8);
    expect(await sp.getByTestId('sync-own-fp').getByTestId('fingerprint-qr').count()).toBe(1);
    expect(await sp.getByTestId('sync-enrolled-as').textContent()).toContain('BG01');
    await shot(sp, 'sync-station-enrolled');
  });

  it('station exports a new record to the stick: progress, read-back, 可以安全拔出', async () => {
    const rpc = httpCaller(station.origin, decodeURIComponent(new URL(station.url).hash.replace(/^#token=/, '')));
    const value = <T>(r: Result<unknown>): T => {
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    };
    const login = value<LoginResult>(await rpc('auth.login', { username: 'admin', password: PASSWORD }));
    const ws = value<CategoryView[]>(await rpc('scheme.list', {}, login.token)).find((c) => c.fullCode === 'WS')!;
    value(await rpc('catalogue.create', { categoryId: ws.id, year: 2024, title: TITLE, persons: [] }, login.token));

    await sp.getByTestId('sync-refresh').click();
    await expect.poll(() => sp.getByTestId('sync-export-pending').textContent()).not.toContain('0 条记录');
    await sp.getByTestId('sync-export-dir').fill(stick);
    await sp.getByTestId('sync-export-submit').click();
    const safe = sp.getByTestId('sync-export-safe');
    await expect.poll(() => safe.textContent(), { timeout: 60_000 }).toContain('可以安全拔出');
    bundleDir = path.join(stick, 'DGB-BG01-000001');
    expect(fs.existsSync(path.join(bundleDir, 'tagmanifest-sha256.txt.sig'))).toBe(true);
    await shot(sp, 'sync-station-exported');
  });

  it('bureau checks the bundle, compares the fingerprint, imports it and sees the record', async () => {
    await bp.getByTestId('sync-tab-import').click();
    await bp.getByTestId('sync-import-dir').fill(bundleDir);
    await bp.getByTestId('sync-import-dir').press('Enter');
    await bp.getByTestId('sync-import-accept-box').waitFor();
    const words = (await bp.getByTestId('sync-import-fp-words').innerText()).replace(/\d/g, '').replace(/\s+/g, ' ');
    expect(words.trim()).toBe(stationWords.trim());
    await shot(bp, 'sync-bureau-compare');
    await bp.getByTestId('sync-import-accept').click();
    const result = bp.getByTestId('sync-import-result');
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 60_000 }).toBe('applied');
    expect(await bp.getByTestId('sync-import-counts').textContent()).toMatch(/应用 \d+/);
    expect(await bp.getByTestId('sync-import-receipt').textContent()).toContain('receipts');
    await shot(bp, 'sync-bureau-imported');

    await bp.getByTestId('sync-tab-stations').click();
    const row = bp.getByTestId('sync-station-row').first();
    await expect.poll(() => row.getByTestId('sync-station-last-bundle').textContent()).toBe('第 1 号');
    await row.getByTestId('sync-station-records').click();
    await expect.poll(() => bp.getByTestId('sync-records-table').textContent()).toContain(TITLE);
    await shot(bp, 'sync-bureau-stations');
  });

  it('the receipt goes back to the station, whose status then shows 已上报', async () => {
    await sp.getByTestId('sync-receipt-submit').click();
    await expect.poll(() => sp.getByTestId('sync-receipt-result').textContent()).toContain('回执已导入');
    await expect.poll(() => sp.getByTestId('sync-outbox-reported').textContent()).toMatch(/已上报 [1-9]/);
    expect(await sp.getByTestId('sync-status-last-export').textContent()).toContain('县局已确认');
    expect(await sp.getByTestId('sync-export-pending').textContent()).toContain('0 条记录');
    await shot(sp, 'sync-station-receipt');
  });

  it('a reused version arrives as a conflict; the bureau takes the station copy by keyboard', async () => {
    // What a station database restored from a backup and edited again sends: the same
    // version with another state. Written straight into the station's database file.
    const db = new Database(path.join(station.dataDir, 'dangan.sqlite'));
    try {
      db.pragma('busy_timeout = 5000');
      const id = db.prepare('SELECT id FROM items WHERE title = ?').pluck().get(TITLE) as string;
      const node = db.prepare("SELECT value FROM meta WHERE key = 'node_id'").pluck().get() as string;
      db.transaction(() => {
        db.prepare('UPDATE items SET title = ? WHERE id = ?').run(RESTORED, id);
        db.prepare(
          "INSERT INTO change_log (entity, entity_id, version, op, node_id, ts) VALUES ('item', ?, 1, 'update', ?, ?)",
        ).run(id, node, new Date().toISOString());
      })();
    } finally {
      db.close();
    }
    await sp.getByTestId('sync-refresh').click();
    await sp.getByTestId('sync-export-submit').click();
    await expect.poll(() => sp.getByTestId('sync-export-safe').textContent(), { timeout: 60_000 }).toContain('第 2 号');

    await bp.getByTestId('sync-tab-import').click();
    await bp.getByTestId('sync-import-dir').fill(path.join(stick, 'DGB-BG01-000002'));
    await bp.getByTestId('sync-import-check').click();
    await expect.poll(() => bp.getByTestId('sync-import-signer').textContent()).toContain('在信任列表中');
    await bp.getByTestId('sync-import-submit').click();
    await expect
      .poll(() => bp.getByTestId('sync-import-counts').textContent(), { timeout: 60_000 })
      .toContain('冲突 1');

    await bp.getByTestId('sync-tab-conflicts').click();
    await bp.getByTestId('sync-conflict-item').first().waitFor();
    await expect.poll(() => bp.getByTestId('sync-compare').textContent()).toContain(RESTORED);
    await shot(bp, 'sync-bureau-conflict');
    await bp.getByTestId('sync-conflict-list').focus();
    await bp.keyboard.press('2');
    await expect.poll(() => bp.getByText('没有待处理的冲突').count()).toBe(1);
    await bp.getByTestId('sync-tab-stations').click();
    const row = bp.getByTestId('sync-station-row').first();
    await row.getByTestId('sync-station-records').click();
    await expect.poll(() => bp.getByTestId('sync-records-table').textContent()).toContain(RESTORED);
    expect(await row.getByTestId('sync-station-conflicts').textContent()).toBe('0');

    await sp.getByTestId('sync-receipt-file').fill('');
    await sp.getByTestId('sync-refresh').click();
    await sp.getByTestId('sync-receipt-submit').click();
    await expect.poll(() => sp.getByTestId('sync-outbox-conflict').textContent()).toBe('冲突 1');
    expect(await sp.getByTestId('sync-problems').textContent()).toContain('同一版本');
    await shot(sp, 'sync-station-conflict');
    expect(consoleErrors).toEqual([]);
  });
});
