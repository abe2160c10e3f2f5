/**
 * 工作台 in Chromium against `dangan serve` at 1366×768, on an archive filled through the contract
 * on the e2e calendar day (2026-01-05): three items (one deleted), a volume, pages OCR'd and waiting
 * for verification, a room whose log has an out-of-range reading, a 九防 check with two findings,
 * and two loans of which one was due on 2026-01-03. The tiles show those numbers, both charts have
 * drawn (non-blank canvas pixels), nothing scrolls sideways, a tile opens its screen from the
 * keyboard, and 打印 turns the charts into images the print stylesheet shows.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrJobs } from '../../db/schema';
import { createCore } from '../../electron/core/app';
import { ManualClock } from '../../electron/core/kernel/clock';
import { inTransaction } from '../../electron/core/kernel';
import { setupViaCli } from '../helpers/cli';
import { insertPage } from '../helpers/page-rows';
import { tempDir } from '../helpers/test-core';
import { shot } from './support/browser';
import { openDeskPage } from './support/desk-session';
import { startServe, type ServeHandle } from './support/server';

const PASSWORD = 'Adm1n-Passw0rd';
const USER_PW = 'Us3r-Passw0rd';
let serve: ServeHandle;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

/** The archive, filled on the e2e day (the seeder's clock is pinned to it, as the served one starts there). */
async function seed(): Promise<string> {
  const dir = tempDir('dangan-e2e-dashboard-');
  setupViaCli(dir, PASSWORD);
  // A low scrypt cost for the accounts made here keeps the setup fast (the hash carries its cost).
  const core = createCore({
    dataDir: dir,
    clock: new ManualClock(),
    passwordCost: 2 ** 10,
    log: { info() {}, error() {} },
  });
  const ctx = core.ctx;
  const ok = async <T>(method: string, input: unknown, token?: string): Promise<T> => {
    const r = await core.dispatch(method as never, input, { sessionToken: token });
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const login = async (username: string, password: string) =>
    (await ok<{ token: string }>('auth.login', { username, password })).token;
  try {
    const admin = await login('admin', PASSWORD);
    const user = async (username: string, role: string) => {
      await ok(
        'users.create',
        { username, displayName: username, role, clearance: 1, password: 'Initial-Passw0rd' },
        admin,
      );
      const first = await login(username, 'Initial-Passw0rd');
      await ok('auth.changePassword', { oldPassword: 'Initial-Passw0rd', newPassword: USER_PW }, first);
      return login(username, USER_PW);
    };
    const clerk = await user('clerk1', 'clerk');
    const head = await user('head1', 'head');
    const cats = await ok<{ id: string; fullCode: string }[]>('scheme.list', {}, admin);
    const cat = (code: string) => cats.find((c) => c.fullCode === code)!.id;
    const item = (title: string) =>
      ok<{ id: string }>('catalogue.create', { categoryId: cat('WS'), year: 2025, title }, admin);
    const a = await item('户籍迁移登记');
    const b = await item('治安调解记录');
    const gone = await item('著录错误件');
    await ok('catalogue.delete', { id: gone.id, reason: '著录错误' }, admin);
    const vol = await ok<{ id: string }>(
      'volumes.create',
      { categoryId: cat('ZY·JT'), year: 2025, title: '交通事故案卷' },
      admin,
    );
    // Pages as intake and OCR leave them: three OCR'd today, two of them waiting for verification.
    const now = ctx.nowIso();
    inTransaction(ctx, () => {
      for (const [itemId, seq, pending] of [
        [a.id, 1, true],
        [a.id, 2, true],
        [b.id, 1, false],
      ] as const) {
        const id = insertPage(ctx, { itemId }, seq, { ocrStatus: 'done', verifyStatus: pending ? 'pending' : 'none' });
        ctx.orm
          .insert(ocrJobs)
          .values({ id: ctx.ids(), pageId: id, status: 'done', enqueuedAt: now, finishedAt: now })
          .run();
      }
    });
    const room = await ok<{ id: string }>('env.rooms.save', { code: 'KF01', name: '一号库房' }, admin);
    for (const [takenAt, temperature] of [
      ['2026-01-04 08:00', 20],
      ['2026-01-04 16:00', 29],
    ] as const)
      await ok('env.readings.add', { roomId: room.id, takenAt, temperature, humidity: 50 }, admin);
    await ok(
      'env.checks.create',
      {
        roomId: room.id,
        checkDate: '2026-01-04',
        findings: [
          { guard: 'fire', finding: '灭火器过期' },
          { guard: 'damp', finding: '墙角返潮' },
        ],
      },
      admin,
    );
    for (const [ref, fromDate, dueDate] of [
      [{ itemIds: [b.id] }, '2026-01-01', '2026-01-03'],
      [{ volumeIds: [vol.id] }, '2026-01-05', '2026-01-20'],
    ] as const) {
      const l = await ok<{ id: string; records: { entity: string; entityId: string }[] }>(
        'lending.create',
        {
          borrowerKind: 'officer',
          borrowerName: '王警官',
          borrowerUnit: '刑侦中队',
          purpose: '工作查考',
          way: '借出',
          fromDate,
          dueDate,
          ...ref,
        },
        clerk,
      );
      await ok('lending.decide', { id: l.id, decision: 'approved', comment: '同意', password: USER_PW }, head);
      for (const r of l.records)
        await ok('lending.handOut', r.entity === 'item' ? { itemId: r.entityId } : { volumeId: r.entityId }, clerk);
    }
  } finally {
    await core.close();
  }
  return dir;
}

beforeAll(async () => {
  serve = await startServe(await seed());
  ({ browser, page } = await openDeskPage(consoleErrors));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(serve.url);
  await page.getByTestId('login-form').waitFor();
  // The station head lands on the 工作台 (no navigation needed).
  await page.locator('#login-username').fill('head1');
  await page.locator('#login-password').fill(USER_PW);
  await page.keyboard.press('Enter');
  await page.getByTestId('dash-tile-holdings').waitFor();
  // Measured ≈ 22 s on this 2-core machine under load (seeding ≈ 8 s, serve start ≈ 9 s); the tests ≈ 2 s.
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const text = (id: string) => page.getByTestId(id).innerText();

describe('工作台', () => {
  it('shows the archive’s numbers in its tiles', async () => {
    expect(await text('dash-holdings')).toBe('2 件');
    expect(await text('dash-tile-holdings')).toContain('案卷 1 卷 · 已扫描 3 页');
    expect(await text('dash-ocr')).toBe('3 页');
    expect(await text('dash-verify')).toBe('2 页');
    expect(await text('dash-loans')).toBe('2 件');
    expect(await text('dash-tile-loans')).toContain('其中逾期 1 件');
    expect(await text('dash-room')).toBe('1 次');
    expect(await text('dash-findings')).toBe('2 件');
    expect(await text('dash-sync')).toBe('尚未上报');
    expect(await text('dash-overdue')).toContain('治安调解记录');
    expect(await text('dash-overdue')).toContain('逾期 2 天');
  });

  it('draws both charts on canvas, fits 1366×768 without sideways scrolling', async () => {
    for (const id of ['progress', 'ocr']) {
      const canvas = page.locator(`[data-testid="dash-chart-${id}"] canvas`).first();
      await canvas.waitFor();
      // Drawn: some pixel is neither transparent nor white (axes, lines, bars).
      await expect
        .poll(() =>
          canvas.evaluate((c: HTMLCanvasElement) => {
            const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
            let ink = 0;
            for (let i = 0; i < d.length; i += 4)
              if (d[i + 3]! > 0 && (d[i]! < 240 || d[i + 1]! < 240 || d[i + 2]! < 240)) ink++;
            return ink;
          }),
        )
        .toBeGreaterThan(200);
    }
    const overflow = await page.evaluate(() =>
      [document.documentElement, document.querySelector('.content')!, document.querySelector('.dash-page')!].map(
        (e) => e.scrollWidth - e.clientWidth,
      ),
    );
    expect(overflow).toEqual([0, 0, 0]);
    await shot(page, 'dashboard-1366x768');
    expect(consoleErrors).toEqual([]);
  });

  it('prints with the charts as images', async () => {
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByTestId('dash-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    for (const id of ['progress', 'ocr'])
      expect(await page.getByTestId(`dash-chart-${id}-image`).getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('dash-chart-progress-image').isVisible()).toBe(true);
    expect(await page.getByTestId('dash-chart-progress').isVisible()).toBe(false);
    expect(await page.locator('.sidenav').isVisible()).toBe(false);
    await shot(page, 'dashboard-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('opens a tile’s screen from the keyboard', async () => {
    await page.getByTestId('dash-tile-holdings').focus();
    // Tab goes from tile to tile (a tile whose screen this user cannot open is not a stop).
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    const stops: (string | null | undefined)[] = [];
    while (stops.length < 8 && (await focused()) !== 'dash-tile-loans') {
      await page.keyboard.press('Tab');
      stops.push(await focused());
    }
    expect(stops.at(-1)).toBe('dash-tile-loans');
    expect(stops.every((id) => id?.startsWith('dash-tile-'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('section-lending').waitFor();
  });
});
