import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { Desk } from './desk';

/** Opens the app at `url` and logs in as admin; resolves on the landing screen (a station's catalogue, the bureau's 工作台). */
export async function login(page: Page, url: string, password: string): Promise<void> {
  const desk = new Desk(page);
  await desk.open(url);
  await desk.login('admin', password);
  await page.locator('[data-testid="catalogue-grid"], [data-testid="bureau-dashboard"]').first().waitFor();
}

/** Eight fingerprint words as shown (numbered chips) → "w1 w2 … w8". */
export async function fpWords(page: Page, testId: string): Promise<string> {
  const text = await page.getByTestId(`${testId}-words`).innerText();
  return text.replace(/\d/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The 64 hex digits of a fingerprint as shown in groups. */
export async function fpHex(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(`${testId}-hex`).innerText()).replace(/\s/g, '');
}

/** Unlocks the sync keys; the first time the passphrase is typed twice and becomes theirs. */
export async function unlockKeys(page: Page, passphrase: string, first: boolean): Promise<void> {
  await page.getByTestId('sync-passphrase').fill(passphrase);
  if (first) await page.getByTestId('sync-passphrase2').fill(passphrase);
  await page.getByTestId(first ? 'sync-passphrase2' : 'sync-passphrase').press('Enter');
  await page.getByTestId('sync-keys').waitFor({ state: 'detached' });
}

/** The station's 上报同步 screen. */
export class StationSync {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-sync').click();
    await this.page.getByTestId('sync-page-station').waitFor();
  }

  /** Opens an item from the catalogue by keyboard (Enter on the selected row), sets its 题名 and saves. */
  async retitle(from: string, to: string): Promise<void> {
    const desk = new Desk(this.page);
    await desk.go('catalogue');
    await desk.rowWith(from).first().click();
    await this.page.keyboard.press('Enter');
    // The form takes keys only once the item has arrived.
    await expect.poll(() => this.page.locator('#item-title').inputValue()).toBe(from);
    await desk.typeInto('item-title', to);
    await this.page.keyboard.press('Control+S');
    await this.page.getByTestId('item-form').waitFor({ state: 'detached' });
    await desk.rowWith(to).waitFor();
  }

  /** Exports everything pending; resolves with the 可以安全拔出 text once bundle `seq` was read back. */
  async exportBundle(stick: string, seq: number): Promise<string> {
    const p = this.page;
    await p.getByTestId('sync-refresh').click();
    await p.getByTestId('sync-export-dir').fill(stick);
    await p.getByTestId('sync-export-submit').click();
    const safe = p.getByTestId('sync-export-safe');
    await expect.poll(() => safe.textContent(), { timeout: 60_000 }).toContain(`第 ${seq} 号`);
    const text = (await safe.textContent()) ?? '';
    expect(text).toContain('可以安全拔出');
    return text;
  }

  /** Imports the receipt the bureau wrote next to bundle `seq` (the path the screen guesses from the stick). */
  async importReceipt(seq: number): Promise<string> {
    const p = this.page;
    await p.getByTestId('sync-receipt-file').fill('');
    await p.getByTestId('sync-receipt-submit').click();
    const result = p.getByTestId('sync-receipt-result');
    await expect.poll(() => result.textContent()).toContain(`第 ${seq} 号数据包`);
    return (await result.textContent()) ?? '';
  }

  outbox(which: 'reported' | 'conflict' | 'rejected') {
    return this.page.getByTestId(`sync-outbox-${which}`);
  }
}

/** The bureau's 派出所同步 screen. */
export class BureauSync {
  constructor(readonly page: Page) {}

  /** Registers a station and writes its enrollment bundle to the stick; returns what the dialog says. */
  async addStation(id: string, name: string, stick: string): Promise<string> {
    const p = this.page;
    await p.getByTestId('sync-station-add').click();
    await p.getByTestId('sync-add-id').fill(id);
    await p.getByTestId('sync-add-name').fill(name);
    await p.getByTestId('sync-add-dir').fill(stick);
    await p.getByTestId('sync-add-dir').press('Enter');
    await p.getByTestId('sync-add-done').waitFor();
    return (await p.getByTestId('sync-add-done').textContent()) ?? '';
  }

  /** Looks at a bundle folder first (station, sequence, signer). */
  async check(dir: string): Promise<void> {
    const p = this.page;
    await p.getByTestId('sync-tab-import').click();
    await p.getByTestId('sync-import-dir').fill(dir);
    await p.getByTestId('sync-import-dir').press('Enter');
    await p.getByTestId('sync-import-inspect').waitFor();
  }

  signer(): Promise<string> {
    return this.page
      .getByTestId('sync-import-signer')
      .textContent()
      .then((s) => s ?? '');
  }

  /** Imports the checked bundle signed by a trusted key; returns the counts line. */
  async importChecked(): Promise<string> {
    const p = this.page;
    expect(await this.signer()).toContain('在信任列表中');
    await p.getByTestId('sync-import-submit').click();
    await expect
      .poll(() => p.getByTestId('sync-import-result').getAttribute('data-outcome'), { timeout: 60_000 })
      .toBe('applied');
    expect(await p.getByTestId('sync-import-receipt').textContent()).toContain('receipts');
    return (await p.getByTestId('sync-import-counts').textContent()) ?? '';
  }

  /** The stations tab with the first station's records shown. */
  async showRecords(): Promise<void> {
    const p = this.page;
    await p.getByTestId('sync-tab-stations').click();
    const row = this.station();
    await row.waitFor();
    if ((await row.getByTestId('sync-station-records').getAttribute('aria-pressed')) !== 'true') {
      await row.getByTestId('sync-station-records').click();
    }
    await p.getByTestId('sync-records').waitFor();
  }

  station() {
    return this.page.getByTestId('sync-station-row').first();
  }

  record(title: string) {
    return this.page.getByTestId('sync-record-row').filter({ hasText: title });
  }
}
