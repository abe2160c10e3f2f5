/**
 * Reads every renderer store from the page: the app exposes a JSON copy only in a tab whose
 * sessionStorage carries the flag set here before the app loads (see renderer/src/stores/define.ts).
 */
import type { Page } from 'playwright-core';
import { STORE_SNAPSHOT_FLAG } from '../../../renderer/src/stores/define';

export async function enableStoreSnapshot(page: Page): Promise<void> {
  await page.addInitScript((flag) => sessionStorage.setItem(flag, '1'), STORE_SNAPSHOT_FLAG);
}

/** Store name → its state (functions left out). */
export async function storeSnapshot(page: Page): Promise<Record<string, Record<string, unknown>>> {
  const json = await page.evaluate(() =>
    (window as unknown as { __danganStoreSnapshot: () => string }).__danganStoreSnapshot(),
  );
  return JSON.parse(json) as Record<string, Record<string, unknown>>;
}
