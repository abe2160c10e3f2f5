/**
 * The audit chain read through the query builder: the hash of an entry is the same bytes
 * as before (pinned vectors, computed by the raw-SQL version), and the verifier, which now
 * reads the log in pages, checks every entry of a log longer than a page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, entryHash, verifyAuditChain } from '../../electron/core/audit/chain';
import { inTransaction } from '../../electron/core/kernel/tx';
import { makeTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore | undefined;
afterEach(() => t?.close());

const PREV = 'ab'.repeat(32);

describe('audit chain', () => {
  it('hashes an entry exactly as the raw-SQL version did', () => {
    expect(
      entryHash(PREV, {
        seq: 7,
        ts: '2026-01-05T08:00:00.000Z',
        actorId: 'u1',
        actorName: '李管理(admin)',
        action: 'catalogue.create',
        entity: 'item',
        entityId: 'i1',
        summary: '新建件 文件1',
        details: '{"a":1}',
      }),
    ).toBe('4dea9b8cb2b690ceba9c3323da55470ad5184a243e16f59ab5590823e15952bd');
    expect(
      entryHash(PREV, {
        seq: 8,
        ts: '2026-01-05T08:00:00.000Z',
        actorId: null,
        actorName: 'system',
        action: 'setup.initialize',
        entity: 'system',
        entityId: null,
        summary: '首次设置',
        details: '{}',
      }),
    ).toBe('1e2445e57ea7ea6a66060340047ecc7bd56bfcbc942eb93f5dd0120f714fd178');
  });

  it('verifies a log longer than one page and names a tampered entry on a later page', async () => {
    t = await makeTestCore();
    const { ctx } = t.core;
    inTransaction(ctx, () => {
      for (let i = 0; i < 4500; i++)
        appendAudit(
          ctx,
          { id: null, name: 'system' },
          { action: 'auth.logout', entity: 'user', summary: `第 ${i} 条` },
        );
    });
    const total = t.count('audit_log');
    expect(total).toBeGreaterThan(4500);
    expect(verifyAuditChain(ctx)).toEqual({ ok: true, checked: total, firstBroken: null });

    ctx.sqlite.exec('DROP TRIGGER audit_log_no_update');
    ctx.sqlite.prepare("UPDATE audit_log SET summary = '改过' WHERE seq = 4100").run();
    expect(verifyAuditChain(ctx)).toMatchObject({ ok: false, checked: 4099, firstBroken: { seq: 4100 } });
  });

  it('sees a row slipped in below the first sequence number', async () => {
    t = await makeTestCore();
    const { ctx } = t.core;
    ctx.sqlite
      .prepare(
        `INSERT INTO audit_log (seq, ts, actor_id, actor_name, action, entity, entity_id, summary, details, prev_hash, hash)
         SELECT 0, ts, actor_id, actor_name, action, entity, entity_id, summary, details, prev_hash, hash FROM audit_log WHERE seq = 1`,
      )
      .run();
    expect(verifyAuditChain(ctx)).toMatchObject({ ok: false, checked: 0, firstBroken: { seq: 0 } });
  });
});
