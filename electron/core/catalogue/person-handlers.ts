import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { itemPersons, items, persons } from '../../../db/schema';
import type { PersonDetail, PersonView } from '../../contract/dto';
import { gridColumns, qualified, toItemRow } from '../catalogue/rows';
import { isBureau } from '../catalogue/bureau-items';
import { toPersonView } from '../persons';
import { getStationPerson, searchStationPersons } from './station-persons';
import { AppError, itemLevelSql, itemVisible, sessionOf, type Handlers } from '../kernel';

/** Counts only the records the caller may see, so a classified file does not leak through a count. */
const [ip, i] = [itemPersons, items];
const visibleCount = (clearance: number) =>
  sql<number>`(SELECT count(*) FROM ${ip} JOIN ${i} ON ${qualified(i.id)} = ${qualified(ip.itemId)}
    WHERE ${qualified(ip.personId)} = ${qualified(persons.id)} AND ${qualified(i.deletedAt)} IS NULL
    AND ${itemLevelSql()} <= ${clearance})`;

const counted = (clearance: number) => ({
  id: persons.id,
  name: persons.name,
  idNumber: persons.idNumber,
  n: visibleCount(clearance),
});

export const personHandlers = {
  'persons.search': (env, { q, limit }) => {
    const s = sessionOf(env);
    const term = q.trim().toUpperCase();
    if (!term) return [];
    // Exact name, name prefix, or any fragment of the ID number (first 6, last 4/6 digits …).
    const prefix = term.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    const rows = env.ctx.orm
      .select(counted(s.clearance))
      .from(persons)
      .where(
        or(
          eq(persons.name, term),
          sql`${persons.name} LIKE ${prefix} ESCAPE '\\'`,
          sql`instr(${persons.idNumber}, ${term}) > 0`,
        ),
      )
      .orderBy(desc(sql`(${persons.name} = ${term})`), asc(persons.name))
      .limit(limit * 2)
      .all();
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
    const p = env.ctx.orm.select(counted(s.clearance)).from(persons).where(eq(persons.id, id)).get();
    if (!p && isBureau(env.ctx)) {
      const station = getStationPerson(env.ctx, id, s.clearance);
      if (station) return station;
    }
    if (!p || p.n === 0) throw new AppError('NOT_FOUND', '人员不存在或无权查看');
    const linked = env.ctx.orm.select({ id: itemPersons.itemId }).from(itemPersons).where(eq(itemPersons.personId, id));
    const records = env.ctx.orm
      .select(gridColumns)
      .from(items)
      .where(and(inArray(items.id, linked), isNull(items.deletedAt), itemVisible(env.ctx, s.clearance)))
      .orderBy(asc(items.date), asc(items.archiveCode))
      .all();
    return { ...toPersonView(p), records: records.map((r) => toItemRow(env.ctx, r)) };
  },
} satisfies Partial<Handlers>;
