import type { Page } from 'playwright-core';

/** Page objects for the station desk: what a clerk sees and does, screen by screen. */
export class Desk {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  /** Presses Enter (the form's "next field" key) until the field with `id` has focus. */
  async enterTo(id: string, max = 20): Promise<void> {
    for (let i = 0; i < max; i++) {
      const active = await this.page.evaluate(() => ({
        id: document.activeElement?.id,
        tag: document.activeElement?.tagName,
      }));
      if (active.id === id) return;
      // Enter moves on from every field, a textarea included (Shift+Enter is its new line).
      await this.page.keyboard.press('Enter');
    }
    throw new Error(`Enter never reached #${id}`);
  }

  /** Shift+Enter (the form's "previous field" key) until the field with `id` has focus. */
  async shiftEnterTo(id: string, max = 20): Promise<void> {
    for (let i = 0; i < max; i++) {
      const active = await this.page.evaluate(() => ({
        id: document.activeElement?.id,
        tag: document.activeElement?.tagName,
      }));
      if (active.id === id) return;
      // In a textarea Shift+Enter is a new line; Shift+Tab goes back.
      await this.page.keyboard.press(active.tag === 'TEXTAREA' ? 'Shift+Tab' : 'Shift+Enter');
    }
    throw new Error(`Shift+Enter never reached #${id}`);
  }

  /**
   * The 门类 picker by keyboard: go to it, type `query` (code, name or pinyin initials) and
   * take the first match with Enter, which also moves on to the next field.
   */
  async pickCategory(id: string, query: string): Promise<void> {
    const options = this.page.getByTestId(`${id}-options`).getByRole('option').first();
    // On a loaded machine a form may still be settling (its first focus, the scheme arriving) when
    // the keys come: type again if they did not land in the picker, and say where they went if
    // they never do, rather than waiting blind for a list that was never opened.
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.moveTo(id);
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.type(query);
      const landed = await options
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (landed) return void (await this.page.keyboard.press('Enter'));
    }
    const where = await this.page.evaluate(
      (target) => ({
        active: document.activeElement?.id,
        value: (document.getElementById(target) as HTMLInputElement | null)?.value,
        list: document.querySelector(`[data-testid="${target}-options"]`)?.textContent,
      }),
      id,
    );
    throw new Error(`the 门类 picker #${id} never offered “${query}”: ${JSON.stringify(where)}`);
  }

  /** The 门类 a picker shows (its code and name). */
  async categoryShown(id: string): Promise<string> {
    return this.page.locator(`#${id}`).inputValue();
  }

  /** Moves a focused <select> with the arrow keys until its selected option contains `text`. */

  async arrowSelect(id: string, text: string, max = 40): Promise<void> {
    await this.shiftEnterTo(id);
    await this.page.keyboard.press('Home');
    for (let i = 0; i < max; i++) {
      const label = await this.page.$eval(
        `#${id}`,
        (el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '',
      );
      if (label.includes(text)) return;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`#${id} has no option containing ${text}`);
  }

  /** Enter forward or Shift+Enter back, whichever way the field with `id` lies from the focused one. */
  async moveTo(id: string): Promise<void> {
    const before = await this.page.evaluate((target) => {
      const el = document.getElementById(target);
      const active = document.activeElement;
      return !!el && !!active && !!(el.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
    }, id);
    await (before ? this.shiftEnterTo(id) : this.enterTo(id));
  }

  async typeInto(id: string, text: string): Promise<void> {
    await this.moveTo(id);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
  }

  // Setup and login
  async completeSetup(unit: string, fonds: string, admin: string, password: string): Promise<void> {
    await this.page.getByTestId('setup-form').waitFor();
    await this.page.locator('#setup-unit').fill(unit);
    await this.page.locator('#setup-fonds').fill(fonds);
    await this.page.locator('#setup-admin').fill(admin);
    await this.page.locator('#setup-display').fill('李管理');
    await this.page.locator('#setup-password').fill(password);
    await this.page.locator('#setup-confirm').fill(password);
    await this.page.getByRole('button', { name: '完成设置' }).click();
  }

  /** Logs out whoever is in, logs `username` in and opens the screen `section` (its nav entry). */
  async loginTo(username: string, password: string, section: string): Promise<void> {
    if (await this.page.getByTestId('logout').isVisible()) await this.logout();
    await this.login(username, password);
    await this.page.getByTestId(`nav-${section}`).click();
    await this.page.getByTestId(`${section}-page`).waitFor();
  }

  async login(username: string, password: string): Promise<void> {
    await this.page.getByTestId('login-form').waitFor();
    await this.page.locator('#login-username').fill(username);
    await this.page.locator('#login-password').fill(password);
    await this.page.keyboard.press('Enter');
  }

  /** The forced first-login change after an administrator set the password: new one twice, Enter. */
  async changeFirstPassword(newPassword: string): Promise<void> {
    await this.page.getByTestId('first-password').waitFor();
    await this.page.locator('#firstpwd-new').fill(newPassword);
    await this.page.locator('#firstpwd-confirm').fill(newPassword);
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('first-password').waitFor({ state: 'detached' });
  }

  async logout(): Promise<void> {
    await this.page.getByTestId('logout').click();
    await this.page.getByTestId('login-form').waitFor();
  }

  async go(section: 'catalogue' | 'persons' | 'import' | 'scheme' | 'users' | 'audit'): Promise<void> {
    await this.page.getByTestId(`nav-${section}`).click();
  }

  // Catalogue
  grid() {
    return this.page.getByTestId('catalogue-grid');
  }

  rowWith(text: string) {
    return this.page.getByTestId('grid-row').filter({ hasText: text });
  }

  async gridTotal(): Promise<number> {
    const text = (await this.page.getByTestId('grid-total').textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }

  /** Waits for a row containing `text` in the table with the given test id. */
  async rowWithin(testId: string, text: string): Promise<void> {
    await this.page.getByTestId(testId).getByText(text).first().waitFor();
  }
}
