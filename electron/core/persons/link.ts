import { itemPersons, persons as personsTable, type PersonRecord } from '../../../db/schema';
import type { PersonRef } from '../../contract/dto';
import { colSql, nodeIdOf, recordChange, type CoreContext, AppError, tableSql } from '../kernel';
import { parseIdNumber } from './id-number';

// Raw on purpose: runs for every item an import writes (bulk path); statements are prepared once per call
// from SQL built here once, with table and column names from the schema.

const P = tableSql(personsTable);
const IP = tableSql(itemPersons);
const pc = (k: keyof PersonRecord) => colSql(personsTable[k]);
const ip = (k: keyof typeof itemPersons.$inferSelect) => colSql(itemPersons[k]);
const PERSON_KEYS = [
  'id',
  'nodeId',
  'version',
  'name',
  'idNumber',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof PersonRecord)[];
const SQL = {
  unlink: `DELETE FROM ${IP} WHERE ${ip('itemId')} = ?`,
  byIdNo: `SELECT ${pc('id')}, ${pc('name')} FROM ${P} WHERE ${pc('idNumber')} = ?`,
  byName: `SELECT ${pc('id')}, ${pc('name')} FROM ${P} WHERE ${pc('idNumber')} IS NULL AND ${pc('name')} = ? LIMIT 1`,
  insert: `INSERT INTO ${P} (${PERSON_KEYS.map(pc).join(', ')}) VALUES (${PERSON_KEYS.map((k) => `@${k}`).join(', ')})`,
  link: `INSERT OR IGNORE INTO ${IP} (${ip('itemId')}, ${ip('personId')}, ${ip('position')}) VALUES (?, ?, ?)`,
};

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
  db.prepare(SQL.unlink).run(itemId);
  const byIdNo = db.prepare(SQL.byIdNo);
  const byName = db.prepare(SQL.byName);
  const insert = db.prepare(SQL.insert);
  const link = db.prepare(SQL.link);
  return persons.map((p, i) => {
    let found = (p.idNumber ? byIdNo.get(p.idNumber) : byName.get(p.name)) as
      Pick<PersonRecord, 'id' | 'name'> | undefined;
    if (!found) {
      const id = ctx.ids();
      const now = ctx.nowIso();
      const row: Pick<PersonRecord, (typeof PERSON_KEYS)[number]> = {
        id,
        nodeId: nodeIdOf(ctx),
        version: 1,
        name: p.name,
        idNumber: p.idNumber,
        createdAt: now,
        updatedAt: now,
      };
      insert.run(row);
      recordChange(ctx, 'person', id, 1, 'insert');
      found = { id, name: p.name };
    }
    link.run(itemId, found.id, i);
    return { id: found.id, name: p.name, idNumber: p.idNumber };
  });
}

export const personNamesOf = (persons: PersonInput[]): string => persons.map((p) => p.name).join('、');
