/**
 * Whether a method writes is checked, not trusted: every contract method is called through
 * dispatch with a real input (tests/helpers/method-samples.ts) and the database is watched.
 * A method declared read-only (`mutates: false`) must change nothing; a mutating one that
 * succeeds must have written and left an audit row; a call that fails must change nothing.
 * "Changed" is SQLite's own count of rows written on the core's connection
 * (`total_changes()`), plus `PRAGMA data_version` for a write from any other connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../electron/contract/methods';
import { hasPermission } from '../../electron/contract/permissions';
import { makeMethodFixture, type FixtureNode, type MethodFixture } from '../helpers/method-fixture';
import { METHOD_SAMPLES } from '../helpers/method-samples';
import { ADMIN, userToken, type TestCore } from '../helpers/test-core';

let fx: MethodFixture;
/** An 审计员 (reads only) on each set-up node: the caller every permission check refuses. */
const auditors: Partial<Record<FixtureNode, string>> = {};

beforeAll(async () => {
  fx = await makeMethodFixture();
  for (const node of ['station', 'bureau'] as const)
    auditors[node] = await userToken(fx.nodes[node], 'shenji', 'auditor', 2);
}, 120_000);
afterAll(() => {
  delete process.env.SANE_CONFIG_DIR;
  fx?.close();
});

interface Mark {
  changes: number;
  dataVersion: number;
  audit: number;
}
const mark = (t: TestCore): Mark => ({
  changes: t.core.ctx.sqlite.prepare('SELECT total_changes()').pluck().get() as number,
  dataVersion: t.core.ctx.sqlite.pragma('data_version', { simple: true }) as number,
  audit: t.count('audit_log'),
});
/** What a call wrote: rows changed on the core's connection, and whether another connection committed. */
const diff = (a: Mark, b: Mark) => ({
  changes: b.changes - a.changes,
  otherConnection: b.dataVersion !== a.dataVersion,
  audit: b.audit - a.audit,
});

/**
 * Calls a method and waits for the background work it started; reports the result and what
 * changed. The wait belongs to the call: search.reindex writes its job row and audit entry
 * (重建检索索引) when the job it queued finishes, and scan.cancel's audit entry (结束扫描批次)
 * is written by the scanner run it stops. Both are real writes of a mutating method, audited.
 */
async function measure(node: FixtureNode, method: MethodName, input: unknown, token: string | undefined) {
  const t = fx.nodes[node];
  const before = mark(t);
  const r = await t.call(method, input, token);
  await fx.settle(node);
  return { r, ...diff(before, mark(t)) };
}

const names = Object.keys(methods) as MethodName[];

describe('every contract method', () => {
  it('has a sample input, and only contract methods have one', () => {
    expect(Object.keys(METHOD_SAMPLES).sort()).toEqual([...names].sort());
  });

  it.each(names)(
    '%s writes only if declared mutating, and then with an audit row',
    async (method) => {
      const sample = METHOD_SAMPLES[method];
      const t = fx.nodes[sample.on];
      const token = sample.session ? await sample.session(fx) : t.adminToken || undefined;
      const input = await sample.input(fx);
      await fx.settle(sample.on, false); // not the scanner batch scan.cancel's sample started for it

      const first = await measure(sample.on, method, input, token);
      expect(first.r, `${method} should succeed on its sample input: ${JSON.stringify(first.r)}`).toMatchObject({
        ok: true,
      });
      if (methods[method].mutates) {
        expect(first.changes, `${method} is declared mutating: its sample should write`).toBeGreaterThan(0);
        expect(first.audit, `${method} wrote without an audit row`).toBeGreaterThan(0);
      } else {
        expect({ changes: first.changes, otherConnection: first.otherConnection, audit: first.audit }).toEqual({
          changes: 0,
          otherConnection: false,
          audit: 0,
        });
      }

      // Once more with the same input: a delete of what is gone, a duplicate name… either it
      // fails and changes nothing, or it succeeds and follows the same rules.
      if (methods[method].mutates) {
        const again = await measure(sample.on, method, input, token);
        if (!again.r.ok)
          expect({ changes: again.changes, audit: again.audit }, again.r.error.code).toEqual({ changes: 0, audit: 0 });
        else if (again.changes > 0)
          expect(again.audit, `${method} (repeated) wrote without an audit row`).toBeGreaterThan(0);
        // Demo generation loads its rows in a worker thread on a connection of its own (its speed
        // on a million items); every other method writes on the core's connection only.
        if (method !== 'demo.generate') expect(again.otherConnection).toBe(false);
      }

      // A caller without the permission is refused, and the refusal writes nothing.
      const access = methods[method].access;
      const auditor = auditors[sample.on];
      if (auditor && access !== 'public' && access !== 'session' && !hasPermission('auditor', access)) {
        const refused = await measure(sample.on, method, input, auditor);
        expect(refused.r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        expect({ changes: refused.changes, audit: refused.audit }).toEqual({ changes: 0, audit: 0 });
      }
    },
    30_000,
  );
});

describe('failures', () => {
  it('change nothing when the input is invalid or there is no session', async () => {
    for (const method of names) {
      const node = METHOD_SAMPLES[method].on;
      const bad = await measure(node, method, 42, fx.nodes[node].adminToken);
      expect(bad.r, method).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect({ changes: bad.changes, audit: bad.audit }, method).toEqual({ changes: 0, audit: 0 });
      if (methods[method].access === 'public') continue;
      const input = await METHOD_SAMPLES[method].input(fx);
      await fx.settle(node); // what the sample started for itself (scan.cancel's batch) is not this call's
      const anonymous = await measure(node, method, input, undefined);
      expect(anonymous.r, method).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
      expect({ changes: anonymous.changes, audit: anonymous.audit }, method).toEqual({ changes: 0, audit: 0 });
    }
  }, 60_000);

  // The one failure that writes, by design: a wrong password counts towards the lockout and is
  // audited (登录失败), or a run of them could never lock the account.
  it('records a failed login, with its audit row, as the lockout needs', async () => {
    const failed = await measure(
      'station',
      'auth.login',
      { username: ADMIN.username, password: 'wrong-password' },
      undefined,
    );
    expect(failed.r).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(failed.audit).toBe(1);
  });
});
