/**
 * The demo's lending history (issue 19) on a small demo, one core for the file: every state is
 * there (closed, rejected, pending, waiting, out, overdue at the injected "now"); every decision
 * is signed by the demo's station head and its contentHash is the hash of what decideLoan signs
 * (the request as it stood pending), rebuilt here from the current rows; the app's counts of a
 * year equal counts computed here from the raw loans with the rules of reference §11.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoanView } from '../../electron/contract/lending';
import { generateDemo, type DemoResult } from '../../electron/core/demo/generate';
import { contentHash } from '../../electron/core/signature';
import { makeTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
let result: DemoResult;
const all = <T>(sql: string, ...args: unknown[]) => t.core.ctx.sqlite.prepare(sql).all(...args) as T[];
const localDay = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

beforeAll(async () => {
  t = await makeTestCore();
  result = await generateDemo(t.core.ctx, { items: 8000, seed: 'lending', batchSize: 4000 });
}, 60_000);
afterAll(() => t?.close());

describe('demo lending history', () => {
  it('has requests in every state, some records out past their due day at "now"', async () => {
    const l = result.lending;
    expect(l.requests).toBe(40);
    expect(l.closed + l.rejected + l.pending + l.approved + l.out + l.overdue).toBe(l.requests);
    for (const k of ['closed', 'rejected', 'pending', 'approved', 'out', 'overdue'] as const)
      expect(l[k], k).toBeGreaterThan(0);
    const byStatus = Object.fromEntries(
      all<{ status: string; n: number }>('SELECT status, count(*) n FROM loan_requests GROUP BY status').map((r) => [
        r.status,
        r.n,
      ]),
    );
    expect(byStatus).toEqual({
      closed: l.closed,
      rejected: l.rejected,
      pending: l.pending,
      approved: l.approved + l.out + l.overdue,
    });
    expect(t.count('loan_records')).toBe(l.records);
    const overdue = await t.ok('lending.overdue', {}, t.adminToken);
    expect(new Set(overdue.map((o) => o.requestId)).size).toBe(l.overdue);
    expect(overdue.every((o) => o.approverName === '周所长(demo_head)')).toBe(true);
    // Kinds of borrower: officers, other units with a 介绍信, citizens (some filed by an officer for them).
    const kinds = all<{ k: string; letters: number }>(
      "SELECT borrower_kind k, sum(letter_no <> '') letters FROM loan_requests GROUP BY borrower_kind ORDER BY k",
    );
    expect(kinds.map((k) => k.k)).toEqual(['citizen', 'officer', 'unit']);
    expect(kinds.find((k) => k.k === 'unit')!.letters).toBeGreaterThan(0);
    // Every row is in the change log at its current version, so the station's bundle carries it.
    for (const table of ['loan_requests', 'loan_records']) {
      const stale = all(
        `SELECT id FROM ${table} x WHERE version <> (SELECT max(version) FROM change_log c WHERE c.entity_id = x.id)`,
      );
      expect(stale, table).toEqual([]);
    }
  });

  it('signs every decision by the station head, over the content decideLoan signs', async () => {
    const views = await t.ok('lending.list', {}, t.adminToken);
    const decided = views.filter((v) => v.decision);
    expect(decided.length).toBe(result.lending.requests - result.lending.pending);
    const sigs = new Map(
      all<{
        entity_id: string;
        content_hash: string;
        signer_name: string;
        signer_role: string;
        signed_at: string;
        kind: string;
      }>('SELECT * FROM signatures').map((s) => [s.entity_id, s]),
    );
    expect(sigs.size).toBe(decided.length);
    expect(t.count('loan_decisions')).toBe(decided.length);
    for (const v of decided) {
      const s = sigs.get(v.id)!;
      expect(s.signer_name).toBe('周所长(demo_head)');
      expect(s.signer_role).toBe('head');
      expect(s.signed_at).toBe(v.decision!.decidedAt);
      expect(s.kind).toBe(v.decision!.decision === 'approved' ? 'loan.approve' : 'loan.reject');
      // The request as the approver saw it: pending, undecided, its records not yet handed out.
      const pending: LoanView = {
        ...v,
        status: 'pending',
        decision: null,
        records: v.records.map((r) => ({
          ...r,
          status: 'requested',
          outAt: null,
          outByName: null,
          dueDate: null,
          returnedAt: null,
          receivedByName: null,
          pagesChecked: null,
          intact: null,
          solved: null,
          servedWhat: '',
          outcomeText: '',
          copyPages: 0,
          overdue: false,
        })),
      };
      const content = {
        request: { ...pending, version: undefined },
        decision: v.decision!.decision,
        comment: v.decision!.comment,
      };
      expect(s.content_hash, v.id).toBe(contentHash(content));
      expect(v.decision!.contentHash).toBe(s.content_hash);
    }
  });

  it('lending.counts of each year equals counts from the raw loans (reference §11)', async () => {
    const raw = all<{
      out_at: string;
      entity: string;
      status: string;
      solved: number | null;
      copy_pages: number;
      borrower_kind: string;
      borrower_unit: string;
      borrower_name: string;
      borrower_id_no: string;
    }>(`SELECT r.out_at, r.entity, r.status, r.solved, r.copy_pages, q.borrower_kind, q.borrower_unit, q.borrower_name,
          q.borrower_id_no FROM loan_records r JOIN loan_requests q ON q.id = r.request_id WHERE r.out_at IS NOT NULL`);
    const years = [...new Set(raw.map((r) => Number(localDay(r.out_at).slice(0, 4))))];
    expect(years.length).toBeGreaterThanOrEqual(2);
    for (const year of years) {
      const mine = raw.filter((r) => localDay(r.out_at).startsWith(`${year}-`));
      const person = (r: (typeof raw)[number]) =>
        r.borrower_id_no ? r.borrower_id_no : `${r.borrower_kind}|${r.borrower_unit}|${r.borrower_name}`;
      const c = await t.ok('lending.counts', { year }, t.adminToken);
      expect(c.visits, String(year)).toBe(new Set(mine.map((r) => `${person(r)}@${localDay(r.out_at)}`)).size);
      expect(c.volumeTimes).toBe(mine.filter((r) => r.entity === 'volume').length);
      expect(c.itemTimes).toBe(mine.filter((r) => r.entity === 'item').length);
      expect(c.copyPages).toBe(mine.reduce((s, r) => s + r.copy_pages, 0));
      expect(c.solved).toBe(mine.filter((r) => r.status === 'returned' && r.solved === 1).length);
      expect(c.visits).toBeGreaterThan(0);
    }
  });
});
