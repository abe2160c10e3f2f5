/**
 * 工作台 (issue 20) through dispatch on a real SQLite file: an archive built through the contract
 * over two months (items, a volume, a deletion, a room with an out-of-range reading and a day with
 * one reading, a 九防 check with findings, two loans of which one — a 秘密 item — goes overdue on
 * the injected clock), with scanned pages, OCR jobs, accepted fields and a bundle written as those
 * domains leave them. Every number of `dashboard.station` equals a count computed here from the raw
 * rows (SQL and boundaries written in this test, not the app's); the overdue list is filtered by
 * the caller's 密级 while the count is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrJobs } from '../../db/schema';
import type { StationDashboard } from '../../electron/contract/dashboard';
import { inTransaction } from '../../electron/core/kernel';
import { insertAcceptedField, insertPage } from '../helpers/page-rows';
import { ADMIN, categoryId, makeTestCore, type TestCore, USER_PASSWORD, userToken } from '../helpers/test-core';

let t: TestCore;
let clerk: string; // clearance 内部 (1)
let head: string; // clearance 秘密 (2)
const DAY = 86_400_000;

async function relogin() {
  t.adminToken = await t.login(ADMIN.username, ADMIN.password);
  clerk = await t.login('clerk1', USER_PASSWORD);
  head = await t.login('head1', USER_PASSWORD);
}
const create = async (title: string, o: Record<string, unknown> = {}) =>
  (await t.ok(
    'catalogue.create',
    { categoryId: await categoryId(t, 'WS'), year: 2025, title, ...o },
    t.adminToken,
  )) as {
    id: string;
  };

/** A scanned page as intake and OCR leave it: optionally OCR'd now, pending verification, or with an accepted field. */
function page(itemId: string, seq: number, o: { ocr?: boolean; pending?: boolean; verified?: boolean } = {}) {
  const ctx = t.core.ctx;
  const now = ctx.nowIso();
  inTransaction(ctx, () => {
    const id = insertPage(ctx, { itemId }, seq, {
      ocrStatus: o.ocr ? 'done' : 'pending',
      verifyStatus: o.pending ? 'pending' : o.verified ? 'verified' : 'none',
    });
    if (o.ocr)
      ctx.orm
        .insert(ocrJobs)
        .values({ id: ctx.ids(), pageId: id, status: 'done', attempts: 1, enqueuedAt: now, finishedAt: now })
        .run();
    if (o.verified) insertAcceptedField(ctx, id);
  });
}

async function lend(who: string, ref: { itemIds?: string[]; volumeIds?: string[] }, dueDate: string) {
  const l = await t.ok(
    'lending.create',
    {
      borrowerKind: 'officer',
      borrowerName: '王警官',
      borrowerUnit: '刑侦中队',
      purpose: '工作查考',
      way: '借出',
      fromDate: '2026-01-05',
      dueDate,
      ...ref,
    },
    who,
  );
  await t.ok('lending.decide', { id: l.id, decision: 'approved', comment: '同意', password: USER_PASSWORD }, head);
  for (const r of l.records)
    await t.ok('lending.handOut', r.entity === 'item' ? { itemId: r.entityId } : { volumeId: r.entityId }, who);
}

let clerkView: StationDashboard;
let headView: StationDashboard;

beforeAll(async () => {
  t = await makeTestCore();
  await userToken(t, 'clerk1', 'clerk', 1);
  await userToken(t, 'head1', 'head', 2);
  await relogin();
  // 2026-01-05: two items (one 秘密), a volume, pages; a room log; a 九防 check; two loans.
  const a = await create('户籍迁移登记');
  const sec = await create('治安秘密档案', { securityLevel: 2 });
  const vol = await t.ok(
    'volumes.create',
    { categoryId: await categoryId(t, 'ZY·JT'), year: 2025, title: '2025年治安案卷', retention: 'Y' },
    t.adminToken,
  );
  page(a.id, 1, { ocr: true, verified: true });
  page(a.id, 2, { ocr: true, pending: true });
  page(sec.id, 1, { pending: true });
  const room = await t.ok('env.rooms.save', { code: 'KF01', name: '一号库房' }, t.adminToken);
  for (const [takenAt, temperature] of [
    ['2026-01-02 08:00', 20],
    ['2026-01-02 16:00', 21],
    ['2026-01-03 08:00', 20],
    ['2026-01-03 16:00', 30], // 超标
    ['2026-01-04 08:00', 20], // the day's only reading: 缺测
  ] as const)
    await t.ok('env.readings.add', { roomId: room.id, takenAt, temperature, humidity: 50 }, t.adminToken);
  await t.ok(
    'env.checks.create',
    {
      roomId: room.id,
      checkDate: '2026-01-04',
      findings: [
        { guard: 'fire', finding: '灭火器过期' },
        { guard: 'damp', finding: '墙角返潮' },
      ],
    },
    t.adminToken,
  );
  await lend(t.adminToken, { itemIds: [sec.id] }, '2026-01-10');
  await lend(clerk, { volumeIds: [vol.id] }, '2026-03-31');
  // 40 days later (2026-02-14): another item with pages, one item deleted, a bundle written.
  t.clock.advance(40 * DAY);
  await relogin();
  const c = await create('治安调解记录');
  const gone = await create('著录错误件');
  page(c.id, 1, { ocr: true, verified: true });
  await t.ok('catalogue.delete', { id: gone.id, reason: '著录错误' }, t.adminToken);
  t.core.ctx.sqlite
    .prepare(
      `INSERT INTO sync_out_bundles (seq, epoch, bundle_id, prev_bundle_id, acked_through, change_to, records, files, status, dir_name, created_at)
       VALUES (1, 1, 'b1', '', 0, 10, 12, 3, 'written', 'bundle-1', ?)`,
    )
    .run(t.core.ctx.nowIso());
  clerkView = await t.ok('dashboard.station', {}, clerk);
  headView = await t.ok('dashboard.station', {}, head);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const n = (sql: string, ...p: unknown[]) => (t.core.ctx.sqlite.prepare(sql).get(...p) as { n: number }).n;
const pad = (x: number) => String(x).padStart(2, '0');
const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

describe('dashboard.station', () => {
  it('counts holdings and digitisation at each month end as the raw rows say', () => {
    const v = clerkView;
    expect(v.asOf).toBe(local(t.clock.now()));
    expect(v.progress).toHaveLength(24);
    expect(v.progress.at(-1)!.month).toBe(v.asOf.slice(0, 7));
    const now = t.clock.now();
    for (let k = 0; k < 24; k++) {
      const back = 23 - k;
      const end =
        back === 0
          ? new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1)
          : new Date(now.getFullYear(), now.getMonth() - back + 1, 1);
      const b = end.toISOString();
      const held = (table: string) =>
        n(`SELECT count(*) n FROM ${table} WHERE created_at < ? AND (deleted_at IS NULL OR deleted_at >= ?)`, b, b);
      expect(v.progress[k], `month ${v.progress[k]!.month}`).toEqual({
        month: v.progress[k]!.month,
        items: held('items'),
        volumes: held('volumes'),
        pages: held('pages'),
        verifiedItems: n(
          `SELECT count(*) n FROM items i WHERE i.created_at < ? AND (i.deleted_at IS NULL OR i.deleted_at >= ?)
             AND i.id IN (SELECT p.item_id FROM pages p JOIN page_fields f ON f.page_id = p.id
                          WHERE f.status = 'accepted' AND f.accepted_at < ?)`,
          b,
          b,
          b,
        ),
      });
    }
    // The known archive: 4 items created, 1 deleted; 1 volume; 4 pages; 2 items with an accepted field.
    expect(v.holdings).toEqual({ items: 3, volumes: 1, pages: 4, verifiedItems: 2 });
    expect(v.progress.at(-2)).toMatchObject({ items: 2, volumes: 1, pages: 3, verifiedItems: 1 });
    expect(v.progress.at(-3)).toMatchObject({ items: 0, volumes: 0, pages: 0, verifiedItems: 0 });
  });

  it('counts OCR per day over the last 30 days and the verification queue over every 密级', () => {
    const v = clerkView;
    expect(v.ocr.days).toHaveLength(30);
    expect(v.ocr.days.at(-1)!.day).toBe(v.asOf);
    for (const d of v.ocr.days)
      expect(d.pages, d.day).toBe(
        n(
          `SELECT count(DISTINCT page_id) n FROM ocr_jobs WHERE status = 'done' AND date(finished_at, 'localtime') = ?`,
          d.day,
        ),
      );
    // The two pages OCR'd on 2026-01-05 fall outside the 30 days ending 2026-02-14.
    expect(v.ocr.pagesLast30).toBe(1);
    expect(v.ocr.queued).toBe(n(`SELECT count(*) n FROM ocr_jobs WHERE status IN ('queued', 'running')`));
    expect(v.verifyQueue).toBe(
      n(`SELECT count(*) n FROM pages WHERE verify_status = 'pending' AND deleted_at IS NULL`),
    );
    expect(v.verifyQueue).toBe(2);
  });

  it('counts loans out and overdue, and lists the overdue ones only within the caller’s 密级', () => {
    const today = local(t.clock.now());
    for (const v of [clerkView, headView]) {
      expect(v.loans.out).toBe(n(`SELECT count(*) n FROM loan_records WHERE status = 'out'`));
      expect(v.loans.overdue).toBe(
        n(`SELECT count(*) n FROM loan_records WHERE status = 'out' AND due_date < ?`, today),
      );
    }
    expect(clerkView.loans).toMatchObject({ out: 2, overdue: 1, mostOverdue: [] });
    expect(headView.loans.mostOverdue).toEqual([
      expect.objectContaining({
        title: '治安秘密档案',
        dueDate: '2026-01-10',
        daysOverdue: 35,
        borrowerName: '王警官',
      }),
    ]);
  });

  it('counts the room log’s alarms and gap days of the last 30 days, open 九防 findings and the sync state', () => {
    const v = clerkView;
    const from = v.room.from;
    expect(from).toBe(local(new Date(t.clock.now().getTime() - 29 * DAY)));
    const alarms = n(
      `SELECT count(*) n FROM room_readings r JOIN rooms m ON m.id = r.room_id
       WHERE substr(r.taken_at, 1, 10) BETWEEN ? AND ?
         AND (r.temperature < m.temp_min OR r.temperature > m.temp_max OR r.humidity < m.humidity_min OR r.humidity > m.humidity_max)`,
      from,
      v.asOf,
    );
    expect(v.room.alarms).toBe(alarms);
    // Every day of the window up to today with fewer than two readings, per room.
    const perDay = new Map(
      (
        t.core.ctx.sqlite
          .prepare(`SELECT substr(taken_at, 1, 10) d, count(*) c FROM room_readings GROUP BY d`)
          .all() as { d: string; c: number }[]
      ).map((r) => [r.d, r.c]),
    );
    let gaps = 0;
    for (let d = Date.parse(from); d <= Date.parse(v.asOf); d += DAY)
      if ((perDay.get(new Date(d).toISOString().slice(0, 10)) ?? 0) < 2) gaps++;
    expect(v.room.gapDays).toBe(gaps);
    expect(v.room.rooms).toBe(n(`SELECT count(*) n FROM rooms`));
    expect(v.findings.open).toBe(n(`SELECT count(*) n FROM room_findings WHERE closed_at IS NULL`));
    expect(v.findings.open).toBe(2);
    expect(v.sync.receiptsOutstanding).toBe(n(`SELECT count(*) n FROM sync_out_bundles WHERE status = 'written'`));
    expect(v.sync.lastBundle).toMatchObject({ seq: 1, status: 'written', records: 12 });
  });

  it('counts as of an earlier day when asked, and refuses a malformed day in Chinese', async () => {
    const earlier = await t.ok('dashboard.station', { asOf: '2026-01-31' }, clerk);
    expect(earlier.holdings).toEqual({ items: 2, volumes: 1, pages: 3, verifiedItems: 1 });
    expect(earlier.ocr.pagesLast30).toBe(2);
    const bad = await t.call('dashboard.station', { asOf: '2026/01/31' }, clerk);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION_FAILED');
      expect(bad.error.message).toContain('YYYY-MM-DD');
    }
  });
});
