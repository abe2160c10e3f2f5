import type { PersonDetail, PersonView } from '../../contract/dto';
import { ROW_COLUMNS, toItemRow, type ItemRecord } from './rows';
import { AppError, sessionOf, type Handlers } from '../kernel';
import { isBureau } from './bureau-items';
import { toPersonView, type PersonRecord } from '../persons';
import { getStationPerson, searchStationPersons } from './station-persons';

/** Counts only the records the caller may see, so a classified file does not leak through a count. */
const VISIBLE_COUNT = `(SELECT count(*) FROM item_persons ip JOIN items i ON i.id = ip.item_id
  WHERE ip.person_id = p.id AND i.deleted_at IS NULL AND i.security_level <= ?)`;

export const personHandlers = {
  'persons.search': (env, { q, limit }) => {
    const s = sessionOf(env);
    const term = q.trim().toUpperCase();
    if (!term) return [];
    // Exact name, name prefix, or any fragment of the ID number (first 6, last 4/6 digits …).
    const rows = env.ctx.sqlite
      .prepare(
        `SELECT p.id, p.name, p.id_number, ${VISIBLE_COUNT} n FROM persons p
         WHERE (p.name = ? OR p.name LIKE ? ESCAPE '\\' OR instr(p.id_number, ?) > 0)
         ORDER BY (p.name = ?) DESC, p.name LIMIT ?`,
      )
      .all(s.clearance, term, term.replace(/[\\%_]/g, (c) => '\\' + c) + '%', term, term, limit * 2) as PersonRecord[];
    // A person whose every record is above the caller's clearance does not exist for them.
    const own = rows.filter((r) => r.n > 0).map(toPersonView);
    if (!isBureau(env.ctx)) return own.slice(0, limit);
    // At the county bureau, the stations' persons too; exact names first, as above.
    const all = [...own, ...searchStationPersons(env.ctx, term, s.clearance, limit)];
    const exact = (p: PersonView) => (p.name === term ? 0 : 1);
    return all.sort((a, b) => exact(a) - exact(b)).slice(0, limit);
  },

  'persons.get': (env, { id }): PersonDetail => {
    const s = sessionOf(env);
    const p = env.ctx.sqlite
      .prepare(`SELECT p.id, p.name, p.id_number, ${VISIBLE_COUNT} n FROM persons p WHERE p.id = ?`)
      .get(s.clearance, id) as PersonRecord | undefined;
    if (!p && isBureau(env.ctx)) {
      const station = getStationPerson(env.ctx, id, s.clearance);
      if (station) return station;
    }
    if (!p || p.n === 0) throw new AppError('NOT_FOUND', '人员不存在或无权查看');
    const records = env.ctx.sqlite
      .prepare(
        `SELECT ${ROW_COLUMNS} FROM items WHERE id IN (SELECT item_id FROM item_persons WHERE person_id = ?)
         AND deleted_at IS NULL AND security_level <= ? ORDER BY date, archive_code`,
      )
      .all(id, s.clearance) as ItemRecord[];
    return { ...toPersonView(p), records: records.map((r) => toItemRow(env.ctx, r)) };
  },
} satisfies Partial<Handlers>;
