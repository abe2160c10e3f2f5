/**
 * 借阅利用 in Chromium against `dangan serve` (issue 19): a clerk files a request by keyboard
 * (Enter saves), the station head — another login — approves it from the queue with Alt+A and
 * signs with the password, the clerk hands the volume out by scanning its label (a wedge burst
 * ended with Enter) and sees where it stands, then takes it back with the pages checked and the
 * outcome. A clerk, who lacks lending.approve, sees no queue and no approve action, Alt+A does
 * nothing, and a decide sent straight to the bridge from the page is refused (FORBIDDEN).
 * Users, the record and its shelf are written into the archive before it is served.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelPayload } from '../../electron/core/shelving';
import { addBox, addPlace } from '../helpers/shelf-fixture';
import type { Desk } from './pages/desk';
import { adminRpc } from './support/admin-rpc';
import { shot } from './support/browser';
import { openDeskPage } from './support/desk-session';
import { seedArchive } from './support/seed-archive';
import { startServe, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const USER_PW = 'Us3r-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let desk: Desk;
const consoleErrors: string[] = [];
let label = '';
let archiveCode = '';

beforeAll(async () => {
  const dir = await seedArchive('dangan-e2e-lending-', PASSWORD, USER_PW, async (s) => {
    await s.user({ username: 'clerk1', displayName: '刘档案员', role: 'clerk', clearance: 1 });
    await s.user({ username: 'head1', displayName: '周所长', role: 'head', clearance: 1 });
    const jt = await s.category('ZY·JT');
    const v = await s.ok<{ id: string; archiveCode: string }>(
      'volumes.create',
      { categoryId: jt, year: 2016, title: '交通事故案卷' },
      s.admin,
    );
    archiveCode = v.archiveCode;
    label = labelPayload('volume', v.archiveCode, v.id);
    const room = addPlace(s.ctx, 'KF1', 'A库房');
    const layer = addPlace(s.ctx, 'KF1-3', '3层', room);
    addBox(s.ctx, 5, layer, [v.id]);
  });
  serve = await startServe(dir);
  ({ browser, page, desk } = await openDeskPage(consoleErrors));
  await desk.open(serve.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const status = () => page.getByTestId('lending-status').first().innerText();
const as = (username: string) => desk.loginTo(username, USER_PW, 'lending');

describe('借阅利用', () => {
  it('takes a loan from request to signed approval to hand-out by label to return with outcome', async () => {
    // The clerk files the request by keyboard; Enter saves.
    await as('clerk1');
    await page.getByTestId('lending-borrower').fill('王警官');
    await page.getByTestId('lending-unit').fill('交警中队');
    await page.getByTestId('lending-way').selectOption('借出');
    await page.getByTestId('lending-codes').fill(archiveCode);
    await page.keyboard.press('Enter');
    await expect.poll(status).toBe('待审批');

    // The station head, another login: the queue, Alt+A, the comment and the password, Enter.
    await as('head1');
    await page.getByTestId('lending-queue-row').first().waitFor();
    expect(await page.getByTestId('lending-queue-row').first().innerText()).toContain('须所长审批');
    await page.keyboard.press('Alt+a');
    await page.getByTestId('lending-sign-password').waitFor();
    await page.getByTestId('lending-sign-password').fill(USER_PW);
    await page.keyboard.press('Enter');
    await expect.poll(status).toBe('已批准');

    // The clerk hands it out: the scanner types the label into the always-focused field.
    await as('clerk1');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('lending-scan');
    await page.keyboard.type(label);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('lending-place').innerText()).toContain('A库房 / 3层');
    expect(await page.getByTestId('lending-desk-result').innerText()).toContain('王警官');
    await shot(page, 'lending-hand-out');

    // The return: pages checked and the outcome, then the same label.
    await page.getByTestId('lending-mode-return').check();
    await page.getByTestId('lending-pages').fill('12');
    await page.getByTestId('lending-served').fill('事故责任认定');
    await page.getByTestId('lending-scan').focus();
    await page.keyboard.type(label);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('lending-desk-result').innerText()).toContain('已归还');
    await expect.poll(status).toBe('已归还');
    await shot(page, 'lending-returned');
    expect(consoleErrors).toEqual([]);
  }, 20_000);

  it('asks where a returned volume goes when it was never shelved, and shelves it there', async () => {
    // Filed, approved and handed out through the contract; the return is the clerk's, at the desk.
    const admin = await adminRpc(serve, PASSWORD);
    const head = await adminRpc(serve, USER_PW, 'head1');
    const jt = (await admin('scheme.list', {})).find((c) => c.fullCode === 'ZY·JT')!.id;
    const v = await admin('volumes.create', { categoryId: jt, year: 2017, title: '未上架的案卷' });
    const loan = await admin('lending.create', {
      borrowerKind: 'officer',
      borrowerName: '李警官',
      purpose: '工作查考',
      way: '借出',
      fromDate: '2026-01-05',
      dueDate: '2026-01-19',
      volumeIds: [v.id],
    });
    await head('lending.decide', { id: loan.id, decision: 'approved', password: USER_PW });
    await admin('lending.handOut', { volumeId: v.id });

    await page.getByTestId('lending-mode-return').check();
    await page.getByTestId('lending-pages').fill('3');
    await page.getByTestId('lending-scan').focus();
    await page.keyboard.type(labelPayload('volume', v.archiveCode, v.id));
    await page.keyboard.press('Enter');
    await page.getByTestId('lending-shelve').waitFor();
    expect(await page.getByTestId('lending-desk-result').innerText()).toContain('未登记库位');
    // The clerk scans the shelf's label into the question.
    await page.getByTestId('lending-shelve').click();
    await page.keyboard.type('P/KF1-3');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('lending-place').innerText()).toBe('A库房 / 3层');
    const where = await admin('places.whereabouts', { volumeId: v.id });
    expect(JSON.stringify(where)).toContain('A库房 / 3层');
    expect(consoleErrors).toEqual([]);
  }, 20_000);

  it('shows a clerk without lending.approve no approve action, and refuses a direct decide', async () => {
    await as('clerk1');
    await page.getByTestId('lending-borrower').fill('李警官');
    await page.getByTestId('lending-way').selectOption('阅览');
    await page.getByTestId('lending-codes').fill(archiveCode);
    await page.keyboard.press('Enter');
    await expect.poll(status).toBe('待审批');
    expect(await page.getByTestId('lending-approve').count()).toBe(0);
    expect(await page.getByTestId('lending-queue-row').count()).toBe(0);
    await page.keyboard.press('Alt+a');
    expect(await page.getByTestId('lending-sign-password').count()).toBe(0);

    // The same call the approve button would make, sent from the clerk's page to the bridge.
    const rpc = (method: string, input: unknown) =>
      page.evaluate(
        async ([m, i]) => {
          const res = await fetch('./rpc', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-dangan-token': sessionStorage.getItem('dangan.bridgeToken') ?? '',
              'x-dangan-session': sessionStorage.getItem('dangan.session') ?? '',
            },
            body: JSON.stringify({ method: m, input: i }),
          });
          return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
        },
        [method, input] as const,
      );
    const list = await rpc('lending.list', { status: 'pending' });
    const pending = (list.value as { id: string; borrowerName: string }[]).find((l) => l.borrowerName === '李警官')!;
    const refused = await rpc('lending.decide', {
      id: pending.id,
      decision: 'approved',
      comment: '',
      password: USER_PW,
    });
    expect(refused.ok).toBe(false);
    expect(refused.error!.code).toBe('FORBIDDEN');
    expect(refused.error!.message).toContain('当前账号无权执行此操作');
    const after = await rpc('lending.list', { status: 'pending' });
    expect((after.value as { id: string }[]).some((l) => l.id === pending.id)).toBe(true);
    await shot(page, 'lending-clerk-no-approve');
    expect(consoleErrors).toEqual([]);
  }, 20_000);
});
