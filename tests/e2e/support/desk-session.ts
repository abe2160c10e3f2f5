/** The browser side of an e2e test's setup: one page at the desk, its console errors collected. */
import type { Browser, Page } from 'playwright-core';
import { Desk } from '../pages/desk';
import { launchBrowser, newPage } from './browser';

export interface DeskSession {
  browser: Browser;
  page: Page;
  desk: Desk;
}

/** A browser with one fresh page; its console errors go to `consoleErrors`, which tests expect to stay empty. */
export async function openDeskPage(consoleErrors: string[]): Promise<DeskSession> {
  const browser = await launchBrowser();
  const page = await newPage(browser);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  return { browser, page, desk: new Desk(page) };
}

/** The same page at the served app, logged in as the administrator. */
export async function openAdminDesk(url: string, password: string, consoleErrors: string[]): Promise<DeskSession> {
  const session = await openDeskPage(consoleErrors);
  try {
    await session.desk.open(url);
    await session.desk.login('admin', password);
  } catch (err) {
    // The caller never receives the browser, so its afterAll could not close it.
    await session.browser.close();
    throw err;
  }
  return session;
}
