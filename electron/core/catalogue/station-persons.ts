/**
 * At the county bureau, 人员档案 finds the persons of the stations' records as well as its
 * own. A person exists for the caller only through a record the caller may see: the count
 * is of the station's live items naming the person at or below the caller's 密级, and a
 * person with none is left out (as at a station). Persons are the station's records, so
 * the same person at two stations is two results, each with its station.
 */
import type { PersonDetail, PersonView } from '../../contract/dto';
import { stationPersons } from '../../../db/schema';
import { bureauRowMapper, bureauSelectSql, stationNames, type BureauRecord } from '../catalogue/bureau-items';
import { toPersonView, type CountedPerson } from '../persons';
import { type CoreContext, AppError } from '../kernel';

// Raw SQL on purpose: the planner needs the named index and the CROSS JOIN below, which
// the query builder cannot state; rows come back under the schema's names.

/** A station's person; `n` counts the visible records naming it. */
type Candidate = CountedPerson & { stationId: string };

/** The station items, visible to the caller, naming a person. Named index and CROSS JOIN: the planner,
 * without statistics, would otherwise walk all the station's links or items per person. */
const VISIBLE_LINKS = `FROM station_item_persons l INDEXED BY ix_station_item_persons_person CROSS JOIN station_items i ON i.station_id = l.station_id AND i.id = l.item_id
  WHERE l.station_id = p.station_id AND l.person_id = p.id AND i.deleted_at IS NULL AND i.security_level <= @clearance`;

const toView = (c: Candidate, names: Map<string, string>): PersonView => ({
  ...toPersonView(c),
  station: { id: c.stationId, name: names.get(c.stationId) ?? c.stationId },
});

const p = stationPersons;
const CANDIDATE = `SELECT p.${p.stationId.name} AS "stationId", p.${p.id.name} AS "id", p.${p.name.name} AS "name",
  p.${p.idNumber.name} AS "idNumber", (SELECT count(*) ${VISIBLE_LINKS}) AS n FROM station_persons p`;

/** Exact name, name prefix, or any fragment of the ID number, like the bureau's own persons. */
export function searchStationPersons(ctx: CoreContext, term: string, clearance: number, limit: number): PersonView[] {
  const cands = ctx.sqlite
    .prepare(
      `${CANDIDATE} WHERE p.name = @term OR p.name LIKE @prefix ESCAPE '\\' OR instr(p.id_number, @term) > 0
       ORDER BY (p.name = @term) DESC, p.name, p.station_id LIMIT @cap`,
    )
    .all({ term, clearance, prefix: term.replace(/[\\%_]/g, (c) => '\\' + c) + '%', cap: limit * 2 }) as Candidate[];
  const names = stationNames(ctx);
  // A person whose every record is above the caller's clearance does not exist for them.
  return cands.filter((c) => c.n > 0).map((c) => toView(c, names));
}

/** A station person with the records the caller may see; null when the id is no station person's. */
export function getStationPerson(ctx: CoreContext, id: string, clearance: number): PersonDetail | null {
  const c = ctx.sqlite.prepare(`${CANDIDATE} WHERE p.id = @id LIMIT 1`).get({ id, clearance }) as Candidate | undefined;
  if (!c) return null;
  // Someone named only in records above the caller's 密级 does not exist for them.
  if (c.n === 0) throw new AppError('NOT_FOUND', '人员不存在或无权查看');
  const records = ctx.sqlite
    .prepare(
      `SELECT ${bureauSelectSql('i.')} FROM station_item_persons l INDEXED BY ix_station_item_persons_person CROSS JOIN station_items i ON i.station_id = l.station_id AND i.id = l.item_id
       WHERE l.station_id = @station AND l.person_id = @id AND i.deleted_at IS NULL AND i.security_level <= @clearance
       ORDER BY i.date, i.archive_code`,
    )
    .all({ station: c.stationId, clearance, id }) as BureauRecord[];
  const toRow = bureauRowMapper(ctx);
  return { ...toView(c, stationNames(ctx)), records: records.map(toRow) };
}
