/**
 * A hidden audit entry carries no hash: the hash is over the entry's content, so a viewer
 * below its 密级 could otherwise confirm a guessed title or ID number offline. The chain is
 * still verified whole on the server, hidden entries included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryId, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
let auditor: string;
let secret: string;

beforeAll(async () => {
  t = await makeTestCore();
  auditor = await userToken(t, 'audit0', 'auditor', 0);
  const ws = await categoryId(t, 'WS');
  secret = (
    await t.ok(
      'catalogue.create',
      { categoryId: ws, year: 2030, orgCode: 'BGS', title: '秘密题名', securityLevel: 2 },
      t.adminToken,
    )
  ).id;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('hidden audit entries', () => {
  it('have hash null below their 密级 and their hash within it', async () => {
    const low = (await t.ok('audit.list', { limit: 500 }, auditor)).rows;
    const all = (await t.ok('audit.list', { limit: 500 }, t.adminToken)).rows;
    const hidden = low.filter((e) => e.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((e) => e.hash === null)).toBe(true);
    expect(low.filter((e) => !e.hidden).every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true);
    // The administrator (秘密) sees the same entries with their hashes.
    const created = all.find((e) => e.entityId === secret)!;
    expect(created.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hidden.map((e) => e.seq)).toContain(created.seq);
    expect(JSON.stringify(low)).not.toContain(created.hash);
  });

  it('are still verified by audit.verify, for a viewer below them too', async () => {
    const r = await t.ok('audit.verify', {}, auditor);
    expect(r).toMatchObject({ ok: true, firstBroken: null });
    expect(r.checked).toBe(t.count('audit_log'));
  });
});
