/**
 * At the county bureau, 人员档案 finds the persons of the stations' records as well as its
 * own. A person exists for the caller only through a record the caller may see: the count
 * is of the station's live items naming the person at or below the caller's 密级, and a
 * person with none is left out (as at a station). Persons are the station's records, so
 * the same person at two stations is two results, each with its station.
 */
import type { PersonDetail, PersonView } from '../../contract/dto';
import { stationItemPersons, stationItems, stationPersons } from '../../../db/schema';
import { bureauRowMapper, bureauSelectSql, stationNames, type BureauRecord } from '../catalogue/bureau-items';
import { toPersonView, type CountedPerson } from '../persons';
import { colSql, type CoreContext, AppError, selectSql, tableSql } from '../kernel';

// Raw SQL on purpose: the planner needs the named index and the CROSS JOIN below, which
// the query builder cannot state; names and rows come from the schema.

/** A station's person; `n` counts the visible records naming it. */
type Candidate = Pick<typeof stationPersons.$inferSelect, 'stationId' | 'id' | 'name' | 'idNumber'> &
  Pick<CountedPerson, 'n'>;

const p = stationPersons;
const l = (k: keyof typeof stationItemPersons.$inferSelect) => colSql(stationItemPersons[k], 'l');
const i = (k: keyof typeof stationItems.$inferSelect) => colSql(stationItems[k], 'i');
const pc = (k: keyof typeof p.$inferSelect) => colSql(p[k], 'p');
/** The links of a person (l) to the station's live items (i) at or below @clearance. */
const LINKED_ITEMS = `${tableSql(stationItemPersons)} l INDEXED BY ix_station_item_persons_person
  CROSS JOIN ${tableSql(stationItems)} i ON ${i('stationId')} = ${l('stationId')} AND ${i('id')} = ${l('itemId')}`;
const VISIBLE = `${i('deletedAt')} IS NULL AND ${i('securityLevel')} <= @clearance`;

/** The station items, visible to the caller, naming a person. Named index and CROSS JOIN: the planner,
 * without statistics, would otherwise walk all the station's links or items per person. */
const VISIBLE_LINKS = `FROM ${LINKED_ITEMS}
  WHERE ${l('stationId')} = ${pc('stationId')} AND ${l('personId')} = ${pc('id')} AND ${VISIBLE}`;

const toView = (c: Candidate, names: Map<string, string>): PersonView => ({
  ...toPersonView(c),
  station: { id: c.stationId, name: names.get(c.stationId) ?? c.stationId },
});

const CANDIDATE = `SELECT ${selectSql(p, ['stationId', 'id', 'name', 'idNumber'], 'p')},
  (SELECT count(*) ${VISIBLE_LINKS}) AS n FROM ${tableSql(p)} p`;

/** Exact name, name prefix, or any fragment of the ID number, like the bureau's own persons. */
export function searchStationPersons(ctx: CoreContext, term: string, clearance: number, limit: number): PersonView[] {
  const cands = ctx.sqlite
    .prepare(
      `${CANDIDATE} WHERE ${pc('name')} = @term OR ${pc('name')} LIKE @prefix ESCAPE '\\' OR instr(${pc('idNumber')}, @term) > 0
       ORDER BY (${pc('name')} = @term) DESC, ${pc('name')}, ${pc('stationId')} LIMIT @cap`,
    )
    .all({ term, clearance, prefix: term.replace(/[\\%_]/g, (c) => '\\' + c) + '%', cap: limit * 2 }) as Candidate[];
  const names = stationNames(ctx);
  // A person whose every record is above the caller's clearance does not exist for them.
  return cands.filter((c) => c.n > 0).map((c) => toView(c, names));
}

/** A station person with the records the caller may see; null when the id is no station person's. */
export function getStationPerson(ctx: CoreContext, id: string, clearance: number): PersonDetail | null {
  const c = ctx.sqlite.prepare(`${CANDIDATE} WHERE ${pc('id')} = @id LIMIT 1`).get({ id, clearance }) as
    Candidate | undefined;
  if (!c) return null;
  // Someone named only in records above the caller's 密级 does not exist for them.
  if (c.n === 0) throw new AppError('NOT_FOUND', '人员不存在或无权查看');
  const records = ctx.sqlite
    .prepare(
      `SELECT ${bureauSelectSql('i.')} FROM ${LINKED_ITEMS}
       WHERE ${l('stationId')} = @station AND ${l('personId')} = @id AND ${VISIBLE}
       ORDER BY ${i('date')}, ${i('archiveCode')}`,
    )
    .all({ station: c.stationId, clearance, id }) as BureauRecord[];
  const toRow = bureauRowMapper(ctx);
  return { ...toView(c, stationNames(ctx)), records: records.map(toRow) };
}
