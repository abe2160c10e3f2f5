/**
 * At the county bureau, 人员档案 finds the persons of the stations' records as well as its
 * own. A person exists for the caller only through a record the caller may see: the count
 * is of the station's live items naming the person at or below the caller's 密级, and a
 * person with none is left out (as at a station). Persons are the station's records, so
 * the same person at two stations is two results, each with its station.
 */
import type { PersonDetail, PersonView } from '../../contract/dto';
import { STATION_ITEMS, bureauRowMapper, stationNames } from '../catalogue/bureau-items';
import type { ItemRecord } from '../catalogue/rows';
import type { CoreContext } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { parseIdNumber } from './id-number';

interface Candidate {
  station_id: string;
  id: string;
  name: string;
  id_number: string | null;
}

/** Items (of one station or all) naming each person id, as (station, person id) → count. */
const LINKS = `SELECT i.station_id, json_extract(j.value, '$.personId') AS pid, count(*) AS n
  FROM station_records i, json_each(i.fields, '$.fields.persons') j
  WHERE i.entity = 'item' AND i.deleted = 0 AND json_extract(i.fields, '$.fields.deleted_at') IS NULL
    AND coalesce(json_extract(i.fields, '$.fields.security_level'), 0) <= @clearance
    AND i.station_id IN (SELECT value FROM json_each(@stations))
    AND pid IN (SELECT value FROM json_each(@ids))
  GROUP BY 1, 2`;

function toView(c: Candidate, n: number, names: Map<string, string>): PersonView {
  const info = c.id_number ? parseIdNumber(c.id_number) : null;
  return {
    id: c.id,
    name: c.name,
    idNumber: c.id_number,
    sex: info?.ok ? info.info.sex : null,
    birthDate: info?.ok ? info.info.birthDate : null,
    recordCount: n,
    station: { id: c.station_id, name: names.get(c.station_id) ?? c.station_id },
  };
}

function visibleCounts(ctx: CoreContext, cands: Candidate[], clearance: number): Map<string, number> {
  if (cands.length === 0) return new Map();
  const rows = ctx.sqlite.prepare(LINKS).all({
    clearance,
    stations: JSON.stringify([...new Set(cands.map((c) => c.station_id))]),
    ids: JSON.stringify(cands.map((c) => c.id)),
  }) as { station_id: string; pid: string; n: number }[];
  return new Map(rows.map((r) => [`${r.station_id}:${r.pid}`, r.n]));
}

const CANDIDATE = `SELECT r.station_id, r.entity_id AS id, json_extract(r.fields, '$.fields.name') AS name,
  json_extract(r.fields, '$.fields.id_number') AS id_number FROM station_records r WHERE r.entity = 'person' AND r.deleted = 0`;

/** Exact name, name prefix, or any fragment of the ID number, like the bureau's own persons. */
export function searchStationPersons(ctx: CoreContext, term: string, clearance: number, limit: number): PersonView[] {
  const cands = ctx.sqlite
    .prepare(
      `SELECT * FROM (${CANDIDATE}) WHERE name = @term OR name LIKE @prefix ESCAPE '\\' OR instr(id_number, @term) > 0
       ORDER BY (name = @term) DESC, name, station_id LIMIT @cap`,
    )
    .all({ term, prefix: term.replace(/[\\%_]/g, (c) => '\\' + c) + '%', cap: limit * 2 }) as Candidate[];
  const counts = visibleCounts(ctx, cands, clearance);
  const names = stationNames(ctx);
  return cands.flatMap((c) => {
    const n = counts.get(`${c.station_id}:${c.id}`) ?? 0;
    return n > 0 ? [toView(c, n, names)] : [];
  });
}

/** A station person with the records the caller may see; null when the id is no station person's. */
export function getStationPerson(ctx: CoreContext, id: string, clearance: number): PersonDetail | null {
  const c = ctx.sqlite.prepare(`SELECT * FROM (${CANDIDATE}) WHERE id = ? LIMIT 1`).get(id) as Candidate | undefined;
  if (!c) return null;
  const records = ctx.sqlite
    .prepare(
      `SELECT * FROM (${STATION_ITEMS}) WHERE station_id = @station AND security_level <= @clearance
         AND deleted_at IS NULL AND id IN (SELECT i.entity_id FROM station_records i, json_each(i.fields, '$.fields.persons') j
           WHERE i.station_id = @station AND i.entity = 'item' AND json_extract(j.value, '$.personId') = @id)
       ORDER BY date, archive_code`,
    )
    .all({ station: c.station_id, clearance, id }) as (ItemRecord & { station_id: string })[];
  // Someone named only in records above the caller's 密级 does not exist for them.
  if (records.length === 0) throw new AppError('NOT_FOUND', '人员不存在或无权查看');
  const toRow = bureauRowMapper(ctx);
  return { ...toView(c, records.length, stationNames(ctx)), records: records.map(toRow) };
}
