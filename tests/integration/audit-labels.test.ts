import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../electron/contract/audit';
import { categoryId, makeTestCore, userToken, type TestCore } from '../helpers/test-core';

let t: TestCore;
afterEach(() => t?.close());

const ROOT = path.resolve(__dirname, '../..');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every string literal given as `action` or `entity` to an appendAudit call in core and the CLI. */
function writtenCodes(prop: 'action' | 'entity'): Set<string> {
  const found = new Set<string>();
  for (const file of [...sourceFiles(path.join(ROOT, 'electron')), ...sourceFiles(path.join(ROOT, 'scripts'))]) {
    const src = fs.readFileSync(file, 'utf8');
    for (const call of src.split('appendAudit(').slice(1)) {
      // The call's object literal: up to its `summary`, well before the next call.
      const head = call.slice(0, 600);
      const line = new RegExp(`\\b${prop}:([^\\n]*)`).exec(head)?.[1] ?? '';
      // Action codes are dotted ('item.create'); a ternary's comparison operand ('import') is not one.
      const literal = prop === 'action' ? /'([a-zA-Z_]+(?:\.[a-zA-Z_]+)+)'|`([^`]+)`/g : /'([a-z_]+)'|`([^`]+)`/g;
      for (const m of line.matchAll(literal)) found.add(m[1] ?? m[2]!);
    }
  }
  return found;
}

describe('the audit log speaks Chinese', () => {
  it('has a label for every action and entity that core writes', () => {
    const actions = writtenCodes('action');
    const entities = writtenCodes('entity');
    // The scan found the calls (guards against a pattern that silently matches nothing).
    expect(actions.size).toBeGreaterThan(50);
    expect(entities.size).toBeGreaterThan(10);
    const labels: Record<string, string> = AUDIT_ACTION_LABELS;
    const entityLabels: Record<string, string> = AUDIT_ENTITY_LABELS;
    expect([...actions].filter((a) => !labels[a])).toEqual([]);
    expect([...entities].filter((e) => !entityLabels[e])).toEqual([]);
    // Every label is Chinese text, never the code again.
    for (const [code, label] of Object.entries({ ...labels, ...entityLabels })) {
      expect(label, code).not.toBe(code);
      expect(label, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('lists entries with labels, the 档号 instead of ids, and one form of operator', async () => {
    t = await makeTestCore();
    const ws = await categoryId(t, 'WS');
    const item = await t.ok('catalogue.create', { categoryId: ws, year: 2020, title: '关于值班的通知' }, t.adminToken);
    await t.ok('catalogue.delete', { id: item.id, reason: '重复录入' }, t.adminToken);
    const clerk = await userToken(t, 'neiqin', 'clerk', 1);
    await t.ok('search.recent.add', { q: '值班' }, clerk);
    await t.call('auth.login', { username: 'nobody', password: 'x' });
    await t.ok('auth.logout', {}, clerk);

    const { rows } = await t.ok('audit.list', { limit: 500 }, t.adminToken);
    expect(rows.length).toBeGreaterThan(8);
    for (const r of rows) {
      expect(r.actionLabel, r.action).toBe((AUDIT_ACTION_LABELS as Record<string, string>)[r.action]);
      expect(r.entityLabel, r.entity).toBe((AUDIT_ENTITY_LABELS as Record<string, string>)[r.entity]);
      // 姓名（用户名） for people, 系统 for work without one, and the typed name of an unknown account.
      expect(r.operator, r.actorName).toMatch(/^(.+（.+）|系统(（.+）)?)$/);
      expect(r.entityName ?? '').not.toMatch(UUID);
      expect(r.hidden).toBe(false);
    }
    const created = rows.find((r) => r.action === 'item.create')!;
    expect(created).toMatchObject({ actionLabel: '新建件', entityLabel: '件', entityName: item.archiveCode });
    expect(rows.find((r) => r.action === 'item.delete')).toMatchObject({ entityName: item.archiveCode });
    expect(rows.find((r) => r.action === 'search.query')).toMatchObject({
      actionLabel: '全文检索',
      operator: 'neiqin（neiqin）',
    });
    expect(rows.find((r) => r.action === 'user.create')).toMatchObject({ entityName: 'neiqin（neiqin）' });
    expect(rows.find((r) => r.action === 'auth.loginFailed')).toMatchObject({ operator: 'nobody（无此账号）' });
    expect(rows.find((r) => r.action === 'setup.initialize')).toMatchObject({
      operator: '李管理（admin）',
      entityName: null,
    });
    expect(rows.filter((r) => r.action === 'auth.login').map((r) => r.operator)).toEqual([
      'neiqin（neiqin）',
      '李管理（admin）',
    ]);

    // The action filter takes any labelled action.
    const deleted = await t.ok('audit.list', { action: 'item.delete' }, t.adminToken);
    expect(deleted.rows.map((r) => r.actionLabel)).toEqual(['删除件']);
    // A date the way people type it, or refused in Chinese.
    expect(await t.call('audit.list', { from: '03/01/2026' }, t.adminToken)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('YYYY-MM-DD') },
    });
  });

  it('shows a viewer below the record’s 密级 that an entry exists, not its 档号 or title', async () => {
    t = await makeTestCore();
    const ws = await categoryId(t, 'WS');
    const secret = await t.ok(
      'catalogue.create',
      { categoryId: ws, year: 2021, title: '涉密专案材料', securityLevel: 2 },
      t.adminToken,
    );
    const open = await t.ok('catalogue.create', { categoryId: ws, year: 2021, title: '公开通知' }, t.adminToken);
    const auditor = await userToken(t, 'shenji', 'auditor', 1);

    const { rows } = await t.ok('audit.list', { action: 'item.create' }, auditor);
    expect(rows).toHaveLength(2);
    const hidden = rows.find((r) => r.hidden)!;
    const shown = rows.find((r) => !r.hidden)!;
    expect(hidden).toMatchObject({ actionLabel: '新建件', entityLabel: '件', entityName: null, entityId: null });
    expect(JSON.stringify(hidden)).not.toContain(secret.archiveCode);
    expect(JSON.stringify(hidden)).not.toContain('涉密专案材料');
    expect(shown).toMatchObject({ entityName: open.archiveCode, entityId: open.id });

    // The administrator (秘密 clearance) sees both.
    const all = await t.ok('audit.list', { action: 'item.create' }, t.adminToken);
    expect(all.rows.map((r) => r.entityName).sort()).toEqual([open.archiveCode, secret.archiveCode].sort());
  });
});
