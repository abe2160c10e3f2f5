import type { Page } from 'playwright-core';

/** Page object for 表单模板: the template list and the zone editor. */
export class FormsScreen {
  constructor(readonly page: Page) {}

  rows() {
    return this.page.getByTestId('forms-row');
  }
  row(id: string) {
    return this.page.locator(`[data-testid="forms-row"][data-id="${id}"]`);
  }
  zones() {
    return this.page.getByTestId('tpl-zone');
  }
  zoneItems() {
    return this.page.getByTestId('tpl-zone-item');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-forms').click();
    await this.page.getByTestId('forms-list').waitFor();
  }

  /** 新建（从样张）: picks the first page of the newest batch and waits for the editor. */
  async newFromFirstSample(): Promise<void> {
    await this.page.getByTestId('forms-new').click();
    await this.page.getByTestId('sample-picker').waitFor();
    await this.page.getByTestId('sample-page').first().click();
    await this.page.getByTestId('tpl-editor').waitFor();
    await this.page.locator('[data-testid="tpl-paper"] img').waitFor();
  }

  /** Drags a rectangle on the page; corners are fractions of the page's width and height. */
  async drawZone(x0: number, y0: number, x1: number, y1: number): Promise<void> {
    const paper = this.page.getByTestId('tpl-paper');
    await paper.scrollIntoViewIfNeeded();
    const box = (await paper.boundingBox())!;
    const at = (fx: number, fy: number) => [box.x + fx * box.width, box.y + fy * box.height] as const;
    await this.page.mouse.move(...at(x0, y0));
    await this.page.mouse.down();
    await this.page.mouse.move(...at((x0 + x1) / 2, (y0 + y1) / 2), { steps: 4 });
    await this.page.mouse.move(...at(x1, y1), { steps: 4 });
    await this.page.mouse.up();
  }

  /** A newly drawn zone hands the focus to its name field (one frame after it appears). */
  async labelFocused(): Promise<void> {
    await this.page.waitForFunction(() => document.activeElement?.id === 'tpl-zone-label');
  }

  async boxOfSelected(): Promise<{ x: number; y: number; w: number; h: number }> {
    const v = async (side: string) => Number(await this.page.getByTestId(`tpl-zone-${side}`).inputValue());
    return { x: await v('x'), y: await v('y'), w: await v('w'), h: await v('h') };
  }
}
