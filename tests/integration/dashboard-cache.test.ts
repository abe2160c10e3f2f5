/**
 * The 工作台's held series is cached (a million items' created_at is a full scan): the cache must
 * never show a stale figure. Every step below changes the holdings in another way — a new item, a
 * deletion (soft, through the contract), a row written with raw SQL — and the dashboard's figures
 * must equal a count made here from the rows each time; warmDashboard fills the cache at start and
 * is harmless on a closed core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmDashboard } from '../../electron/core/dashboard';
import { categoryId, makeTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
let ws: string;

const heldNow = () =>
  t.core.ctx.sqlite.prepare('SELECT count(*) FROM items WHERE deleted_at IS NULL').pluck().get() as number;
const dashboardItems = async () => (await t.ok('dashboard.station', {}, t.adminToken)).holdings.items;
const create = async (title: string) =>
  (await t.ok('catalogue.create', { categoryId: ws, year: 2025, title }, t.adminToken)).id;

beforeAll(async () => {
  t = await makeTestCore();
  ws = await categoryId(t, 'WS');
}, 30_000);
afterAll(async () => t?.close());

describe('工作台 held series cache', () => {
  it('follows every change of the items, whichever way it is made', async () => {
    const a = await create('文件一');
    warmDashboard(t.core.ctx); // as serve does at start
    expect(await dashboardItems()).toBe(1);
    expect(await dashboardItems()).toBe(1); // from the cache
    await create('文件二');
    expect(await dashboardItems()).toBe(2);
    await t.ok('catalogue.delete', { id: a, reason: '重复登记' }, t.adminToken);
    expect(await dashboardItems()).toBe(heldNow());
    expect(heldNow()).toBe(1);
    // A row copied in with raw SQL (no change-log row): the table's max rowid moves.
    t.core.ctx.sqlite.exec(
      `CREATE TEMP TABLE copy AS SELECT * FROM items WHERE deleted_at IS NULL LIMIT 1;
       UPDATE copy SET id = id || '-copy', archive_code = archive_code || '-copy';
       INSERT INTO items SELECT * FROM copy; DROP TABLE copy;`,
    );
    expect(heldNow()).toBe(2);
    expect(await dashboardItems()).toBe(heldNow());
  });

  it('warms nothing on a closed core', async () => {
    const other = await makeTestCore();
    await other.close();
    expect(() => warmDashboard(other.core.ctx)).not.toThrow();
  });
});
