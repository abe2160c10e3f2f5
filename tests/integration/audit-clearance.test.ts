/**
 * The audit log under 密级: a viewer below a record's level sees that an entry exists (its
 * action, time, operator and entity kind) but nothing that says which record it is, for
 * records since deleted or re-classified too, and no filter finds the hidden text. The
 * rule is the same for every role, the 审计员 included.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../electron/contract/dto';
import { categoryId, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

const MARKER = 'MARKER-秘密-标题';
const HIDDEN = '（涉及密级高于本人的档案，内容不显示）';

let t: TestCore;
afterEach(async () => t?.close());

async function fixture() {
  t = await makeTestCore();
  const ws = await categoryId(t, 'WS');
  const create = (title: string, securityLevel: number) =>
    t.ok('catalogue.create', { categoryId: ws, year: 2021, title, securityLevel }, t.adminToken);
  const update = (v: { id: string; version: number }, title: string, securityLevel: number) =>
    t.ok('catalogue.update', { id: v.id, expectedVersion: v.version, title, securityLevel }, t.adminToken);
  // Secret now.
  const secret = await create(`${MARKER}-现行`, 2);
  await update(secret, `${MARKER}-现行-改`, 2);
  // Secret, then deleted.
  const gone = await create(`${MARKER}-已删`, 2);
  await t.ok('catalogue.delete', { id: gone.id, reason: `${MARKER}-删除原因` }, t.adminToken);
  // Secret when written, public now: the old entries keep the level they were written at.
  const lowered = await create(`${MARKER}-降密前`, 2);
  await update(lowered, '已降密的通知', 0);
  // Public when written, secret now.
  const raised = await create(`${MARKER}-升密前`, 0);
  await update(raised, `${MARKER}-升密后`, 2);
  const open = await create('公开通知', 0);
  const codes = [secret, gone, lowered, raised].map((x) => x.archiveCode);
  return { codes, open, lowered, secret };
}

const leaks = (value: unknown, codes: string[]) => {
  const text = JSON.stringify(value);
  return [MARKER, ...codes].filter((m) => text.includes(m));
};

describe('audit.list under 密级', () => {
  it('hides title, 档号, id and details of entries above the caller, whatever became of the record', async () => {
    const { codes, open, lowered } = await fixture();
    const low = await userToken(t, 'shenji0', 'auditor', 0);

    const admin = await t.ok('audit.list', { limit: 500 }, t.adminToken);
    expect(leaks(admin, codes).sort()).toEqual([MARKER, ...codes].sort());
    expect(admin.rows.some((r) => r.hidden)).toBe(false);

    const mine = await t.ok('audit.list', { limit: 500 }, low);
    expect(leaks(mine, codes)).toEqual([]);
    // Every entry is listed: hiding is not filtering.
    expect(mine.total).toBe(admin.total);
    expect(mine.rows.map((r) => r.seq)).toEqual(admin.rows.map((r) => r.seq));

    const hidden = mine.rows.filter((r) => r.hidden);
    // 4 creates, 3 updates, 1 delete concern records that are or were 秘密.
    expect(hidden).toHaveLength(8);
    for (const r of hidden)
      expect(r).toMatchObject({ entity: 'item', entityLabel: '件', entityId: null, entityName: null, summary: HIDDEN });
    for (const r of hidden) expect(r.details).toEqual({});
    const byAction = (rows: AuditEntryView[], a: string) => rows.filter((r) => r.action === a).map((r) => r.hidden);
    expect(byAction(hidden, 'item.delete')).toEqual([true]);

    // The record lowered to 公开 is shown now, its entries from when it was 秘密 are not.
    const shownIds = mine.rows.filter((r) => !r.hidden).map((r) => r.entityId);
    expect(shownIds).toContain(open.id);
    expect(shownIds).not.toContain(lowered.id);
  });

  it('lets no filter find hidden text, and counts what it lists', async () => {
    const { codes } = await fixture();
    const low = await userToken(t, 'kezhang0', 'clerk', 0);
    const auditor = await userToken(t, 'shenji1', 'auditor', 0);
    for (const token of [low, auditor]) {
      for (const f of [
        { actor: MARKER },
        { actor: codes[0]! },
        { action: 'item.create' },
        { entity: 'item' },
        { from: '2000-01-01', to: '2100-12-31' },
      ]) {
        const r = await t.call('audit.list', f, token);
        if (!r.ok) {
          expect(r.error.code).toBe('FORBIDDEN');
          continue;
        }
        expect(leaks(r.value, codes)).toEqual([]);
        expect(r.value.total).toBeGreaterThanOrEqual(r.value.rows.length);
        if ('actor' in f) expect(r.value.total).toBe(0);
      }
    }
    // The auditor reads the log (the clerk may not) and sees the 8 entries exist.
    const items = await t.ok('audit.list', { entity: 'item' }, auditor);
    expect(items.rows.filter((r) => r.hidden)).toHaveLength(8);
  });

  it('hides an entry whose details carry a 密级 above the caller (an export of 秘密 records)', async () => {
    await fixture();
    await t.ok('catalogue.export', { securityLevel: 2 }, t.adminToken);
    const auditor = await userToken(t, 'shenji2', 'auditor', 1);
    const [row] = (await t.ok('audit.list', { action: 'catalogue.export' }, auditor)).rows;
    expect(row).toMatchObject({ hidden: true, summary: HIDDEN, details: {} });
    const [seen] = (await t.ok('audit.list', { action: 'catalogue.export' }, t.adminToken)).rows;
    expect(seen).toMatchObject({ hidden: false, details: { securityLevel: 2 } });
  });
});
