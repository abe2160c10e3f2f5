import type { PersonRef } from '../../contract/dto';
import { nodeIdOf, recordChange, type CoreContext, AppError } from '../kernel';
import { parseIdNumber } from './id-number';

// Raw on purpose: runs for every item an import writes (bulk path); statements are prepared once per call.

export interface PersonInput {
  name: string;
  idNumber: string | null;
}

/** Validates persons before anything is written; throws INVALID_ID_NUMBER naming the person. */
export function normalizePersons(persons: PersonInput[]): PersonInput[] {
  // Every bad number is reported (one issue per row), so the form can mark each row at once.
  const issues: { path: string[]; message: string }[] = [];
  const out = persons.map((p, i) => {
    if (!p.idNumber) return { name: p.name, idNumber: null };
    const r = parseIdNumber(p.idNumber);
    if (r.ok) return { name: p.name, idNumber: r.info.normalized };
    issues.push({ path: ['persons', String(i), 'idNumber'], message: r.reason });
    return p;
  });
  if (issues.length) {
    const first = persons[Number(issues[0]!.path[1])]!;
    throw new AppError('INVALID_ID_NUMBER', `${first.name}：${issues[0]!.message}`, issues);
  }
  return out;
}

/**
 * 一人一档: a person is found by 公民身份号码 when there is one, else by name among
 * persons without a number; otherwise created. Returns the linked refs in order.
 */
export function linkPersons(ctx: CoreContext, itemId: string, persons: PersonInput[]): PersonRef[] {
  const db = ctx.sqlite;
  db.prepare('DELETE FROM item_persons WHERE item_id = ?').run(itemId);
  const byIdNo = db.prepare('SELECT id, name FROM persons WHERE id_number = ?');
  const byName = db.prepare('SELECT id, name FROM persons WHERE id_number IS NULL AND name = ? LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO persons (id, node_id, version, name, id_number, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)',
  );
  const link = db.prepare('INSERT OR IGNORE INTO item_persons (item_id, person_id, position) VALUES (?, ?, ?)');
  return persons.map((p, i) => {
    let found = (p.idNumber ? byIdNo.get(p.idNumber) : byName.get(p.name)) as { id: string; name: string } | undefined;
    if (!found) {
      const id = ctx.ids();
      const now = ctx.nowIso();
      insert.run(id, nodeIdOf(ctx), p.name, p.idNumber, now, now);
      recordChange(ctx, 'person', id, 1, 'insert');
      found = { id, name: p.name };
    }
    link.run(itemId, found.id, i);
    return { id: found.id, name: p.name, idNumber: p.idNumber };
  });
}

export const personNamesOf = (persons: PersonInput[]): string => persons.map((p) => p.name).join('、');
