/**
 * The demo's appraisal, destruction, opening, 密级 and arrangement history (issue 19) on a small
 * demo, one core for the file: the rows exist with the counts the demo reports; every approval,
 * review and sign-off has a signature whose contentHash is the hash of what it names, rebuilt
 * here from the rows (and, for the approved destruction list, checked again by executing it
 * through the contract); the executed list's records are purged and tombstoned; the list
 * methods, called as the demo's station head, return the demo's rows; the annual report of each
 * year the history touches equals the figures counted independently from the demo's raw rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoResult } from '../../electron/core/demo/generate';
import { contentHash } from '../../electron/core/signature';
import { expectedFigures } from '../helpers/statistics-expected';
import { firstLogin, makeTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
let result: DemoResult;
let head = '';
let clerk = '';
const all = <T>(sql: string, ...args: unknown[]) => t.core.ctx.sqlite.prepare(sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) => t.core.ctx.sqlite.prepare(sql).get(...args) as T;
interface Sig {
  id: string;
  kind: string;
  entity: string;
  entity_id: string;
  content_hash: string;
  signer_name: string;
  signed_at: string;
}
const sig = (id: string) => one<Sig>('SELECT * FROM signatures WHERE id = ?', id);

/** The demo account's password set by the administrator and changed at first login; its token. */
async function loginAs(username: string): Promise<string> {
  const users = await t.ok('users.list', {}, t.adminToken);
  const u = users.find((x) => x.username === username)!;
  await t.ok('users.update', { id: u.id, resetPassword: 'Reset-Passw0rd' }, t.adminToken);
  return firstLogin(t, username, 'Reset-Passw0rd', 'Chosen-Passw0rd');
}

beforeAll(async () => {
  t = await makeTestCore();
  result = await generateDemo(t.core.ctx, { items: 4000, seed: 'workflows', batchSize: 4000, workflows: true });
  head = await loginAs('demo_head');
  clerk = await loginAs('demo_clerk');
}, 60_000);
afterAll(() => t?.close());

describe('demo workflows', () => {
  it('writes the rows it reports, each in the change log at its current version', () => {
    const a = result.appraisal;
    expect(a.decisions).toBe(12);
    expect(t.count('appraisal_decisions')).toBe(a.decisions);
    expect(one<{ n: number }>("SELECT count(*) n FROM appraisal_decisions WHERE decision = 'keep'").n).toBe(a.kept);
    expect(a.kept).toBeGreaterThan(0);
    expect(a.lists).toEqual({ draft: 1, approved: 1, executed: 1 });
    const lists = all<{ status: string }>('SELECT status FROM destruction_lists ORDER BY status').map((l) => l.status);
    expect(lists).toEqual(['approved', 'draft', 'executed']);
    expect(a.destroyed).toBeGreaterThan(0);
    expect(t.count('destruction_tombstones')).toBe(a.destroyed);
    expect([a.holds, a.released]).toEqual([2, 1]);
    expect(one<{ n: number }>('SELECT count(*) n FROM legal_holds WHERE released_at IS NULL').n).toBe(1);
    const o = result.opening;
    expect(o.reviews).toBe(8);
    expect(t.count('opening_reviews')).toBe(o.reviews);
    expect(o.opened * o.controlled).toBeGreaterThan(0);
    expect(o.securityChanges).toBe(3);
    expect(t.count('security_changes')).toBe(o.securityChanges);
    expect(one<{ n: number }>("SELECT count(*) n FROM security_changes WHERE kind = 'declassify'").n).toBe(
      o.declassified,
    );
    expect(o.declassified).toBeGreaterThan(0);
    // The item's level is the new one (access_level follows through the triggers).
    const levels = all<{ n: number; s: number; a: number; v: string | null }>(
      'SELECT c.new_level n, i.security_level s, i.access_level a, i.volume_id v FROM security_changes c JOIN items i ON i.id = c.entity_id',
    );
    for (const l of levels) {
      expect(l.s).toBe(l.n);
      if (!l.v) expect(l.a).toBe(l.n);
    }
    expect(result.arrangement).toEqual({ batches: 2, accepted: 1, signoffs: 9, assignments: 4 });
    expect(t.count('arrangement_signoffs')).toBe(9);
    expect(t.count('arrangement_assignments')).toBe(4);
    for (const table of ['appraisal_decisions', 'destruction_lists', 'legal_holds', 'arrangement_batches', 'items']) {
      const stale = all(
        `SELECT id FROM ${table} x WHERE version > 1 AND version <> (SELECT max(version) FROM change_log c WHERE c.entity_id = x.id)`,
      );
      expect(stale, table).toEqual([]);
    }
    for (const table of ['opening_reviews', 'security_changes', 'destruction_tombstones', 'arrangement_signoffs']) {
      const missing = all(
        `SELECT id FROM ${table} x WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.entity_id = x.id)`,
      );
      expect(missing, table).toEqual([]);
    }
  });

  it('signs every approval and review over the content it names', () => {
    const lists = all<{ id: string; list_no: string; round: string; approval_signature_id: string | null }>(
      'SELECT * FROM destruction_lists',
    );
    for (const l of lists.filter((x) => x.approval_signature_id)) {
      const records = all<{ id: string; archiveCode: string; title: string }>(
        'SELECT entity_id id, archive_code archiveCode, title FROM appraisal_decisions WHERE list_id = ? ORDER BY archive_code',
        l.id,
      );
      const s = sig(l.approval_signature_id!);
      expect([s.kind, s.entity, s.entity_id, s.signer_name]).toEqual([
        'destruction.approve',
        'destruction_list',
        l.id,
        '周所长(demo_head)',
      ]);
      expect(s.content_hash).toBe(contentHash({ listNo: l.list_no, round: l.round, records }));
    }
    for (const r of all<{
      signature_id: string;
      entity_id: string;
      archive_code: string;
      title: string;
      result: string;
      reason: string;
    }>('SELECT * FROM opening_reviews')) {
      const s = sig(r.signature_id);
      expect([s.kind, s.entity_id]).toEqual(['opening.review', r.entity_id]);
      expect(s.content_hash).toBe(
        contentHash({ archiveCode: r.archive_code, title: r.title, result: r.result, reason: r.reason }),
      );
    }
    for (const c of all<{
      signature_id: string;
      kind: string;
      archive_code: string;
      old_level: number;
      new_level: number;
      effective_date: string;
      reason: string;
    }>('SELECT * FROM security_changes')) {
      const s = sig(c.signature_id);
      expect(s.kind).toBe(c.kind === 'declassify' ? 'security.declassify' : 'security.change');
      expect(c.kind === 'declassify').toBe(c.old_level >= 2 && c.new_level < 2);
      const content = {
        archiveCode: c.archive_code,
        oldLevel: c.old_level,
        newLevel: c.new_level,
        effectiveDate: c.effective_date,
        reason: c.reason,
      };
      expect(s.content_hash).toBe(contentHash(content));
    }
  });

  it('signs every arrangement sign-off over the batch, the step and the self-check counts', async () => {
    const batches = await t.ok('arrangement.list', {}, head);
    expect(batches.map((b) => b.status).sort()).toEqual(['accepted', 'open']);
    const open = batches.find((b) => b.status === 'open')!;
    expect(open.steps.find((s) => s.position === open.currentStep)!.label).toBe('自查');
    const accepted = batches.find((b) => b.status === 'accepted')!;
    expect(accepted.steps.every((s) => s.completedAt)).toBe(true);
    const accept = accepted.steps.find((s) => s.key === 'accept')!;
    expect(accept.signoffs.map((o) => [o.signRole, o.signerName])).toEqual([
      ['acceptor', '王鉴定(demo_appraiser)'],
      ['head', '周所长(demo_head)'],
      ['registry', '刘户籍(demo_registry)'],
    ]);
    for (const b of batches) {
      expect(b.progress.persons.map((p) => p.target).reduce((x, y) => x + y)).toBeGreaterThan(0);
      const r = await t.ok('arrangement.selfCheck', { id: b.id }, head);
      const counts = { volumes: r.volumes, items: r.items, persons: r.persons, gaps: r.gapCount };
      for (const st of b.steps)
        for (const o of st.signoffs) {
          const content = {
            batch: { id: b.id, name: b.name, scope: b.scope },
            step: { key: st.key, label: st.label, position: st.position },
            signRole: o.signRole,
            comment: o.comment,
            counts,
          };
          expect(o.contentHash, `${b.name} ${st.label} ${o.signRole}`).toBe(contentHash(content));
        }
    }
    // The 卷内备考表 of a volume in the accepted batch names who arranged and who checked it.
    const vol = one<{ id: string }>(
      'SELECT id FROM volumes WHERE deleted_at IS NULL AND category_code = ? AND year = ? LIMIT 1',
      accepted.categoryCode,
      accepted.year,
    );
    const notes = await t.ok('arrangement.notes', { volumeId: vol.id }, head);
    expect(notes).toMatchObject({ batchId: accepted.id, compiler: '陈档案员', checker: '孙检查' });
    expect(notes!.date).toMatch(/^\d{8}$/);
  });

  it('purged the executed list’s records and kept their tombstones', () => {
    const gone = all<{
      id: string;
      deleted_at: string | null;
      person_names: string;
      extra: string;
      remarks: string;
      tomb: string | null;
      approved: string | null;
    }>(
      `SELECT i.*, t.destroyed_at tomb, t.approved_by_name approved FROM destruction_lists l
         JOIN appraisal_decisions d ON d.list_id = l.id JOIN items i ON i.id = d.entity_id
         LEFT JOIN destruction_tombstones t ON t.entity_id = i.id WHERE l.status = 'executed'`,
    );
    expect(gone.length).toBe(result.appraisal.destroyed);
    for (const i of gone) {
      expect(i.deleted_at).toBe(i.tomb);
      expect([i.person_names, i.extra, i.remarks, i.approved]).toEqual(['', '{}', '', '周所长(demo_head)']);
      expect(one<{ n: number }>('SELECT count(*) n FROM item_persons WHERE item_id = ?', i.id).n).toBe(0);
      expect(one<{ n: number }>('SELECT count(*) n FROM pages WHERE item_id = ? AND deleted_at IS NULL', i.id).n).toBe(
        0,
      );
      expect(one<{ n: number }>('SELECT count(*) n FROM page_texts WHERE item_id = ?', i.id).n).toBe(0);
    }
  });

  it('shows the demo’s rows through the list methods, as the station head', async () => {
    const lists = await t.ok('destruction.list', {}, head);
    expect(lists.map((l) => l.status).sort()).toEqual(['approved', 'draft', 'executed']);
    expect(lists.every((l) => l.entries.length > 0)).toBe(true);
    expect(lists.filter((l) => l.contentHash).length).toBe(2);
    const reviews = await t.ok('opening.list', {}, head);
    expect(reviews.length).toBe(result.opening.reviews);
    const due = await t.ok('appraisal.due', { limit: 500, offset: 0 }, head);
    const decided = due.rows.filter((r) => r.decision);
    // This year's round (draft list) is due and decided; the kept records wait for their new period.
    expect(decided.length).toBeGreaterThan(0);
    expect(decided.every((r) => r.decision!.decision === 'destroy')).toBe(true);
    expect(due.rows.filter((r) => r.held).length).toBe(1);
    // The approved list executes through the contract: its signature still matches its content.
    const approved = lists.find((l) => l.status === 'approved')!;
    const done = await t.ok('destruction.execute', { id: approved.id }, clerk);
    expect(done.status).toBe('executed');
  });

  it('reports each year of the history as counted independently from the raw rows, drills included', async () => {
    const now = new Date(t.core.ctx.nowIso()).getFullYear();
    for (const year of [now - 2, now - 1, now]) {
      const report = await t.ok('statistics.annual', { year }, head);
      const exp = expectedFigures(t.core.ctx.sqlite, year);
      const got = new Map(report.figures.map((f) => [f.key, f.value]));
      for (const [k, v] of exp) expect({ year, k, v: got.get(k) ?? 0 }).toEqual({ year, k, v });
      for (const f of report.figures)
        expect({ year, k: f.key, v: f.value }).toEqual({ year, k: f.key, v: exp.get(f.key) ?? 0 });
      for (const f of report.figures.filter((x) => x.countable && x.value > 0 && x.value <= 5000)) {
        const d = await t.ok('statistics.drill', { year, key: f.key, limit: 5000 }, head);
        expect({ year, k: f.key, n: d.rows.length + d.hidden }).toEqual({ year, k: f.key, n: f.value });
      }
    }
    // The history shows in the figures: the loans of this year, the destructions and the openings.
    const figures = async (year: number) =>
      new Map((await t.ok('statistics.annual', { year }, head)).figures.map((f) => [f.key, f.value]));
    const years = await Promise.all([now - 2, now - 1, now].map(figures));
    const sum = (k: string) => years.reduce((n, y) => n + (y.get(k) ?? 0), 0);
    expect(sum('changes.destroyed.items') + sum('changes.destroyed.volumes')).toBe(t.count('destruction_tombstones'));
    expect(sum('utilisation.visits')).toBeGreaterThan(0);
    expect(sum('opening.reviewed.open') + sum('opening.reviewed.control')).toBeGreaterThan(0);
  });
});
