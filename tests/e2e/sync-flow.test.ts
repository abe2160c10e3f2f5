/**
 * USB sync through the UI, with two `dangan serve` instances (a county bureau and a station,
 * each on its own data directory) and a temp folder as the stick, the way issue 5 asks:
 * enrollment with the fingerprints compared, three export → import → receipt round trips
 * with new records, a scan dropped onto an item, an edit and a deletion, a key rotation
 * (announced in round 3, used from round 4), then a conflict resolved at the bureau and
 * carried back to the station by a downlink bundle.
 *
 * The conflict is the real-life one: the station's database is restored from a backup
 * taken before its last acknowledged edit, and the same record is edited again, so the
 * same version arrives with another state. The app has no backup/restore screen (an
 * operator copies the database file back with the program stopped), so the test does just
 * that between two runs of `dangan serve`; everything else is done in Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/test-core';
import { Desk } from './pages/desk';
import { BureauSync, StationSync, fpHex, fpWords, login, unlockKeys } from './pages/sync';
import { launchBrowser, newPage, shot } from './support/browser';
import { dropFile, writeScan } from './support/drop';
import { restartServe, serveBureauAndStation, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const PASSPHRASE = 'correct horse battery staple';
const A = '关于张三户口迁入的登记材料';
const A2 = `${A}（补充户籍证明）`;
const B = '关于李四居民身份证遗失的说明';
const C = '北港社区治安巡逻情况报告';
const C3 = `${C}（第三季度）`;
const C4 = `${C}（第三季度定稿）`;
const C5 = `${C}（恢复后修订）`;
let bureau: ServeHandle;
let station: ServeHandle;
let browser: Browser;
let bp: Page;
let sp: Page;
let stick: string;
let work: string;
let stationWords = '';
let nextHex = '';
const consoleErrors: string[] = [];
const bundle = (seq: number) => path.join(stick, `DGB-BG01-${String(seq).padStart(6, '0')}`);

beforeAll(async () => {
  stick = tempDir('dangan-e2e-stick-');
  work = tempDir('dangan-e2e-work-');
  [{ bureau, station }, browser] = await Promise.all([serveBureauAndStation(PASSWORD), launchBrowser()]);
  [bp, sp] = await Promise.all([newPage(browser), newPage(browser)]);
  for (const p of [bp, sp]) p.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await Promise.all([login(bp, bureau.url, PASSWORD), login(sp, station.url, PASSWORD)]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await bureau?.stop();
  await station?.stop();
  for (const d of [stick, work]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe('station ⇄ bureau by USB stick, three rounds, a key rotation and a conflict, in the browser', () => {
  const s = () => new StationSync(sp);
  const b = () => new BureauSync(bp);

  it('enrolls: the bureau registers the station, the station imports the enrollment bundle', async () => {
    expect(await bp.getByTestId('nav-sync').count()).toBe(0);
    expect(await sp.getByTestId('nav-bureauSync').count()).toBe(0);
    await bp.getByTestId('nav-bureauSync').click();
    await unlockKeys(bp, PASSPHRASE, true);
    expect(await b().addStation('BG01', '北港派出所', stick)).toContain('DGE-BG01');
    const bureauWords = await fpWords(bp, 'sync-add-bureau-fp');
    await shot(bp, 'sync-01-bureau-add-station');
    await bp.getByTestId('sync-add-close').click();

    await s().open();
    await unlockKeys(sp, PASSPHRASE, true);
    await sp.getByTestId('sync-enroll-dir').fill(path.join(stick, 'DGE-BG01'));
    await sp.getByTestId('sync-enroll-submit').click();
    await sp.getByTestId('sync-own-fp').waitFor();
    stationWords = await fpWords(sp, 'sync-own-fp');
    expect(stationWords.split(' ')).toHaveLength(8);
    expect(await fpWords(sp, 'sync-bureau-fp')).toBe(bureauWords);
    expect(await sp.getByTestId('sync-own-fp').getByTestId('fingerprint-qr').count()).toBe(1);
    expect(await sp.getByTestId('sync-enrolled-as').textContent()).toContain('BG01');
    await shot(sp, 'sync-02-station-enrolled');
  });

  it('round 1: three new records and a dropped scan go up; the bureau accepts the key after comparing it', async () => {
    const desk = new Desk(sp);
    await desk.go('catalogue');
    await desk.grid().focus();
    await sp.keyboard.press('Control+N');
    await sp.getByTestId('item-form').waitFor();
    await desk.pickCategory('item-categoryId', '文书');
    for (const title of [A, B, C]) {
      await desk.typeInto('item-title', title);
      await sp.keyboard.press('Control+S');
      // The server's first write after boot takes over a second (cold caches): do not race it.
      await expect
        .poll(() => sp.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value), { timeout: 10_000 })
        .toBe('');
    }
    await sp.keyboard.press('Escape');
    await desk.rowWith(C).waitFor();
    const code = (await desk.rowWith(A).locator('[role=gridcell]').first().textContent())!.trim();

    // A scan of the registration form, dropped onto the drop zone with the item as the target.
    const png = path.join(work, '户口迁入登记表.png');
    await writeScan(png, ['户口迁入登记表', '姓名 张三']);
    await sp.getByTestId('nav-intake').click();
    await sp.getByTestId('intake-target-search').fill(code);
    await sp.getByRole('option').filter({ hasText: code }).waitFor();
    await sp.getByTestId('intake-target-search').press('Enter');
    await expect.poll(() => sp.getByTestId('intake-target').textContent()).toContain(A);
    await dropFile(sp, sp.getByTestId('drop-zone'), png, 'image/png');
    await expect.poll(() => sp.getByTestId('intake-result').textContent(), { timeout: 30_000 }).toMatch(/1/);
    // OCR reads it before the export, so its text travels too and nothing is pending afterwards.
    await expect.poll(() => sp.getByTestId('ocr-done').textContent(), { timeout: 120_000 }).toBe('完成 1');
    await shot(sp, 'sync-03-station-scan-dropped');

    await s().open();
    await expect.poll(() => sp.getByTestId('sync-export-pending').textContent()).not.toContain('0 个扫描文件');
    const safe = await s().exportBundle(stick, 1);
    expect(safe).not.toContain(' 0 个扫描文件');
    await shot(sp, 'sync-04-station-exported-1');

    await bp.getByTestId('sync-tab-import').click();
    await b().check(bundle(1));
    await bp.getByTestId('sync-import-accept-box').waitFor();
    expect(await fpWords(bp, 'sync-import-fp')).toBe(stationWords);
    await shot(bp, 'sync-05-bureau-compare');
    await bp.getByTestId('sync-import-accept').click();
    await expect
      .poll(() => bp.getByTestId('sync-import-result').getAttribute('data-outcome'), { timeout: 60_000 })
      .toBe('applied');
    expect(await bp.getByTestId('sync-import-counts').textContent()).toMatch(/应用 \d+ · 重复 0 · 冲突 0 · 拒收 0/);

    await b().showRecords();
    await expect.poll(() => bp.getByTestId('sync-records-table').textContent()).toContain(C);
    expect(await b().record(B).textContent()).not.toContain('已删除');
    expect(await b().record(A).getByTestId('sync-record-scans').textContent()).toBe('1 页');
    expect(await b().station().getByTestId('sync-station-last-bundle').textContent()).toBe('第 1 号');
    await shot(bp, 'sync-06-bureau-records-1');

    await s().importReceipt(1);
    await expect.poll(() => s().outbox('reported').textContent()).toMatch(/已上报 [1-9]/);
    expect(await sp.getByTestId('sync-status-last-export').textContent()).toContain('县局已确认');
    expect(await sp.getByTestId('sync-export-pending').textContent()).toContain('0 条记录，0 个扫描文件');
    await shot(sp, 'sync-07-station-receipt-1');
  });

  it('round 2: an edit and a deletion with its reason; the bureau holds the new title and the tombstone', async () => {
    await s().retitle(A, A2);
    const desk = new Desk(sp);
    await desk.rowWith(B).click();
    await sp.keyboard.press('Delete');
    await sp.getByTestId('delete-dialog').waitFor();
    await sp.keyboard.type('重复登记，以北港〔2024〕12号为准');
    await sp.keyboard.press('Enter');
    await sp.getByTestId('delete-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => desk.rowWith(B).count()).toBe(0);

    await s().open();
    await s().exportBundle(stick, 2);
    await b().check(bundle(2));
    expect(await b().importChecked()).toMatch(/应用 [1-9]\d* · 重复 0 · 冲突 0 · 拒收 0/);
    await b().showRecords();
    await expect.poll(() => b().record(A2).count()).toBe(1);
    expect(await b().record(B).getByText('已删除').count()).toBe(1);
    expect(await b().record(A2).getByTestId('sync-record-scans').textContent()).toBe('1 页');
    await shot(bp, 'sync-08-bureau-records-2');

    await s().importReceipt(2);
    expect(await s().outbox('conflict').textContent()).toBe('冲突 0');
    expect(await s().outbox('rejected').textContent()).toBe('被拒 0');
  });

  it('rotates the station key: announced in round 3 under the old key, used after the receipt', async () => {
    await sp.getByTestId('sync-rotate').click();
    const dialog = sp.getByTestId('sync-rotate-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('下一个数据包仍由当前密钥签名');
    await shot(sp, 'sync-09-station-rotate-confirm');
    await sp.keyboard.press('Enter'); // the confirm button has the focus
    await sp.getByTestId('sync-next-fp').waitFor();
    nextHex = await fpHex(sp, 'sync-next-fp');
    expect(await sp.getByTestId('sync-signing-state').textContent()).toContain('待县局确认');
    expect(await sp.getByTestId('sync-rotate').isDisabled()).toBe(true);

    await s().retitle(C, C3);
    await s().open();
    await s().exportBundle(stick, 3);
    await b().check(bundle(3));
    expect(await b().signer()).toContain(stationWords);
    await b().importChecked();
    await b().showRecords();
    await expect.poll(() => b().record(C3).count()).toBe(1);
    const key = b().station().locator(`[title="${nextHex}"]`);
    await expect.poll(() => key.count()).toBe(1);
    expect(await b().station().getByTestId('sync-station-keys').textContent()).toContain('第 4 号起');
    await shot(bp, 'sync-10-bureau-new-key');

    expect(await s().importReceipt(3)).toContain('本所已改用新密钥');
    await expect.poll(() => fpHex(sp, 'sync-own-fp')).toBe(nextHex);
    expect(await sp.getByTestId('sync-next-fp').count()).toBe(0);
    expect(await fpWords(sp, 'sync-own-fp')).not.toBe(stationWords);
    await shot(sp, 'sync-11-station-new-key');
  });

  it('round 4 is signed by the new key; the bureau retires the old one', async () => {
    // The night's backup, taken here: the station will be restored from it below.
    const db = new Database(path.join(station.dataDir, 'dangan.sqlite'), { readonly: true });
    await db.backup(path.join(work, 'backup.sqlite'));
    db.close();

    await s().retitle(C3, C4);
    await s().open();
    await s().exportBundle(stick, 4);
    await b().check(bundle(4));
    const newWords = await fpWords(sp, 'sync-own-fp');
    expect(await b().signer()).toContain(newWords);
    await b().importChecked();
    await b().showRecords();
    await expect.poll(() => b().record(C4).count()).toBe(1);
    await expect.poll(() => b().station().getByTestId('sync-station-keys').textContent()).toContain('已停用');
    await s().importReceipt(4);
  });

  it('a database restored from the backup and edited again: the bureau resolves the conflict by keyboard', async () => {
    // The program is stopped and the backup copied over the database, as an operator would.
    await sp.goto('about:blank');
    station = await restartServe(station, (dir) => {
      const file = path.join(dir, 'dangan.sqlite');
      for (const x of ['-wal', '-shm']) fs.rmSync(file + x, { force: true });
      fs.copyFileSync(path.join(work, 'backup.sqlite'), file);
    });
    await login(sp, station.url, PASSWORD);
    await s().open();
    await unlockKeys(sp, PASSPHRASE, false);

    await s().retitle(C3, C5);
    await s().open();
    const safe = await s().exportBundle(stick, 5);
    expect(safe).toContain('已开始第 2 轮次');
    await expect.poll(() => sp.getByTestId('sync-status-epoch').textContent()).toBe('2');
    await shot(sp, 'sync-12-station-new-epoch');

    await b().check(bundle(5));
    expect(await b().importChecked()).toContain('冲突 1');
    await bp.getByTestId('sync-tab-conflicts').click();
    await bp.getByTestId('sync-conflict-item').first().waitFor();
    expect(await bp.getByTestId('sync-conflict-label').textContent()).toContain(C4);
    await expect.poll(() => bp.getByTestId('sync-compare').textContent()).toContain(C5);
    expect(await bp.getByTestId('sync-compare').textContent()).toContain(C4);
    await shot(bp, 'sync-13-bureau-conflict');
    await bp.getByTestId('sync-conflict-list').focus();
    await bp.keyboard.press('2'); // take the station's copy
    await expect.poll(() => bp.getByText('没有待处理的冲突').count()).toBe(1);
    await b().showRecords();
    await expect.poll(() => b().record(C5).count()).toBe(1);
    await expect.poll(() => b().station().getByTestId('sync-station-conflicts').textContent()).toBe('0');

    await s().importReceipt(5);
    await expect.poll(() => s().outbox('conflict').textContent()).toBe('冲突 1');
    expect(await sp.getByTestId('sync-problems').textContent()).toContain('同一版本');
    expect(await sp.getByTestId('sync-problems').textContent()).toContain(C5);
    await shot(sp, 'sync-14-station-conflict');
  });

  it('the bureau sends the resolution back in a downlink bundle; the station ends with everything 已上报', async () => {
    await bp.getByTestId('sync-tab-stations').click();
    await b().station().getByTestId('sync-station-downlink').click();
    await bp.getByTestId('sync-downlink-stick').fill(stick);
    await bp.getByTestId('sync-downlink-stick').press('Enter');
    const dir = bp.getByTestId('sync-downlink-dir');
    await expect.poll(() => dir.textContent(), { timeout: 30_000 }).toContain('DGD-BG01-000001');
    await shot(bp, 'sync-15-bureau-downlink');
    await bp.getByTestId('sync-downlink-close').click();

    await sp.getByTestId('sync-downlink-dir').fill(path.join(stick, 'DGD-BG01-000001'));
    await sp.getByTestId('sync-downlink-dir').press('Enter');
    await expect.poll(() => sp.getByTestId('sync-downlink-result').textContent()).toContain('县局已处理的冲突 1 条');
    await expect.poll(() => s().outbox('conflict').textContent()).toBe('冲突 0');
    expect(await s().outbox('rejected').textContent()).toBe('被拒 0');
    expect(await s().outbox('reported').textContent()).toMatch(/已上报 [1-9]/);
    expect(await sp.getByText('没有冲突或被拒的记录').count()).toBe(1);
    expect(await sp.getByTestId('sync-status-pending').textContent()).toBe('0 条记录，0 个扫描文件');
    expect(await sp.getByTestId('sync-status-last-export').textContent()).toContain('第 5 号（县局已确认）');
    await shot(sp, 'sync-16-station-final');
    expect(consoleErrors).toEqual([]);
  });
});
