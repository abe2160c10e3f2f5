import type { Page } from 'playwright-core';

/** Page object for the search screen (检索): the box, chips, filters, results, detail and side lists. */
export class SearchScreen {
  constructor(readonly page: Page) {}

  box() {
    return this.page.getByTestId('search-input');
  }
  hits() {
    return this.page.getByTestId('search-hit');
  }
  hitWith(text: string) {
    return this.hits().filter({ hasText: text });
  }
  chips() {
    return this.page.getByTestId('search-chip');
  }
  filterChips() {
    return this.page.getByTestId('filter-chip');
  }
  detail() {
    return this.page.getByTestId('search-detail');
  }
  savedItems() {
    return this.page.getByTestId('saved-search');
  }
  recentItems() {
    return this.page.getByTestId('recent-search');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-search').click();
    await this.page.getByTestId('search-page').waitFor();
  }

  /** Types a query into the box and presses Enter (a recorded search), then waits for the total. */
  async search(q: string): Promise<void> {
    await this.box().fill(q);
    await this.box().press('Enter');
    await this.waitForQuery(q);
  }

  /** Waits until the list shows the answer to `q` (the live search may have answered an older text). */
  async waitForQuery(q: string): Promise<void> {
    await this.page.waitForFunction(
      (text) => {
        const box = document.querySelector<HTMLInputElement>('[data-testid=search-input]');
        const page = document.querySelector('.search-main');
        return box?.value === text && page?.getAttribute('aria-busy') === 'false';
      },
      q,
      { polling: 50 },
    );
  }

  async total(): Promise<number> {
    const text = (await this.page.getByTestId('search-total').textContent()) ?? '';
    const m = /共\s*([\d,]+)\s*条/.exec(text);
    return m ? Number(m[1]!.replace(/,/g, '')) : -1;
  }

  /** The highlighted parts of each hit's snippet. */
  async marks(): Promise<string[]> {
    return this.page.locator('[data-testid=hit-snippet] mark').allTextContents();
  }

  async selectedIndex(): Promise<number> {
    const sel = this.page.locator('[data-testid=search-hit][aria-selected=true]');
    if ((await sel.count()) === 0) return -1;
    return Number(await sel.first().getAttribute('data-index'));
  }

  async activeTestId(): Promise<string | null> {
    return this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);
  }

  async saveAs(name: string): Promise<void> {
    await this.page.getByTestId('search-save').click();
    const dialog = this.page.getByTestId('save-search-dialog');
    await dialog.waitFor();
    await this.page.locator('#save-search-name').fill(name);
    await this.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
  }
}
