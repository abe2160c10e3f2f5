/**
 * Bureau: whether a station's mirrored record (`station_records`) exists for a caller of a
 * given clearance, as it would at the station. Items and volumes carry their 密级; a page
 * and its text take their item's (and volume's); a person exists only through a record the
 * caller may see, unless no record names them at all (then nothing secret is told); a loan
 * request, its decision and a signature on it take the highest 密级 of the request's loan
 * records (as the station's loan list hides such requests); an appraisal decision, legal hold,
 * tombstone, opening review or 密级 change takes its record's (item's and volume's) 密级, a
 * destruction list the highest of its records', and a signature that of what it signs. One
 * SQL condition, so lists and their counts filter alike; `alias` names the mirror's row in
 * the caller's query.
 */
import { sql, type Column, type SQL } from 'drizzle-orm';
import {
  appraisalDecisions,
  loanDecisions,
  loanRecords,
  pages,
  signatures,
  stationFiles,
  stationItemPersons,
  stationItems,
  stationRecords,
  syncConflicts,
} from '../../../db/schema';
import { SECURITY_LEVELS } from '../../contract/domain';
import { colSql, tableSql } from '../kernel';

const sr = stationRecords;
const TOP_LEVEL = Math.max(...SECURITY_LEVELS);
const level = (json: string) => `coalesce(json_extract(${json}, '$.fields.security_level'), 0)`;

export function mirrorVisible(clearance: number, alias = tableSql(sr)): SQL {
  // Cleared for the top level: everything is visible, and no row pays for the subqueries.
  return clearance >= TOP_LEVEL ? sql`1` : sql.raw(visibleSql(clearance, alias));
}

function visibleSql(clearance: number, alias: string): string {
  const o = (c: Column) => colSql(c, alias);
  const ref = (c: Column) => `json_extract(${o(sr.fields)}, '$.fields.${c.name}')`;
  const si = (c: Column) => colSql(c, 'mc_i');
  const sv = (c: Column) => colSql(c, 'mc_v');
  const l = (c: Column) => colSql(c, 'mc_l');
  const itemLevel = `coalesce((SELECT ${si(stationItems.securityLevel)} FROM ${tableSql(stationItems)} mc_i
    WHERE ${si(stationItems.stationId)} = ${o(sr.stationId)} AND ${si(stationItems.id)} = ${ref(pages.itemId)}), 0)`;
  const volumeLevel = `coalesce((SELECT ${level(sv(sr.fields))} FROM ${tableSql(sr)} mc_v
    WHERE ${sv(sr.stationId)} = ${o(sr.stationId)} AND ${sv(sr.entity)} = 'volume' AND ${sv(sr.entityId)} = ${ref(pages.volumeId)}), 0)`;
  // The person's links to the station's items (deleted ones too: a name in a deleted 秘密 record stays secret).
  const named = (cmp: '<=' | '>') => `EXISTS (SELECT 1 FROM ${tableSql(stationItemPersons)} mc_l
    JOIN ${tableSql(stationItems)} mc_i ON ${si(stationItems.stationId)} = ${l(stationItemPersons.stationId)} AND ${si(stationItems.id)} = ${l(stationItemPersons.itemId)}
    WHERE ${l(stationItemPersons.stationId)} = ${o(sr.stationId)} AND ${l(stationItemPersons.personId)} = ${o(sr.entityId)}
      AND ${si(stationItems.securityLevel)} ${cmp} @@clearance)`;
  const r = (c: Column) => colSql(c, 'mc_r');
  const loanLevel = (requestId: string) => `coalesce((SELECT max(${level(r(sr.fields))}) FROM ${tableSql(sr)} mc_r
    WHERE ${r(sr.stationId)} = ${o(sr.stationId)} AND ${r(sr.entity)} = 'loan_record'
      AND json_extract(${r(sr.fields)}, '$.fields.${loanRecords.requestId.name}') = ${requestId}), 0)`;
  // A record of the working life (issue 19) names an item (or volume) by entity and entity_id: its level with its volume's.
  const d = (c: Column) => colSql(c, 'mc_d');
  const w = (c: Column) => colSql(c, 'mc_w');
  const recordLevel = (id: string) => `coalesce((SELECT max(${w(stationItems.securityLevel)},
      coalesce((SELECT ${level(sv(sr.fields))} FROM ${tableSql(sr)} mc_v WHERE ${sv(sr.stationId)} = ${w(stationItems.stationId)}
        AND ${sv(sr.entity)} = 'volume' AND ${sv(sr.entityId)} = ${w(stationItems.volumeId)}), 0))
    FROM ${tableSql(stationItems)} mc_w WHERE ${w(stationItems.stationId)} = ${o(sr.stationId)} AND ${w(stationItems.id)} = ${id}),
    coalesce((SELECT ${level(sv(sr.fields))} FROM ${tableSql(sr)} mc_v WHERE ${sv(sr.stationId)} = ${o(sr.stationId)}
      AND ${sv(sr.entity)} = 'volume' AND ${sv(sr.entityId)} = ${id}), 0))`;
  const listLevel = (
    listId: string,
  ) => `coalesce((SELECT max(${recordLevel(`json_extract(${d(sr.fields)}, '$.fields.${appraisalDecisions.entityId.name}')`)})
    FROM ${tableSql(sr)} mc_d WHERE ${d(sr.stationId)} = ${o(sr.stationId)} AND ${d(sr.entity)} = 'appraisal_decision'
      AND json_extract(${d(sr.fields)}, '$.fields.${appraisalDecisions.listId.name}') = ${listId}), 0)`;
  const signedLoan = `CASE ${ref(signatures.entity)} WHEN 'loan_request' THEN ${loanLevel(ref(signatures.entityId))}
      WHEN 'destruction_list' THEN ${listLevel(ref(signatures.entityId))}
      WHEN 'item' THEN ${recordLevel(ref(signatures.entityId))} WHEN 'volume' THEN ${recordLevel(ref(signatures.entityId))} ELSE 0 END`;
  const namedRecord = ref(appraisalDecisions.entityId);
  const c = String(Math.trunc(clearance));
  return `(CASE ${o(sr.entity)}
      WHEN 'person' THEN (${named('<=')} OR NOT ${named('>')})
      WHEN 'page' THEN max(${itemLevel}, ${volumeLevel}) <= @@clearance
      WHEN 'page_text' THEN ${itemLevel} <= @@clearance
      WHEN 'loan_request' THEN ${loanLevel(o(sr.entityId))} <= @@clearance
      WHEN 'loan_decision' THEN ${loanLevel(ref(loanDecisions.requestId))} <= @@clearance
      WHEN 'signature' THEN ${signedLoan} <= @@clearance
      WHEN 'appraisal_decision' THEN ${recordLevel(namedRecord)} <= @@clearance
      WHEN 'legal_hold' THEN ${recordLevel(namedRecord)} <= @@clearance
      WHEN 'destruction_tombstone' THEN ${recordLevel(namedRecord)} <= @@clearance
      WHEN 'opening_review' THEN ${recordLevel(namedRecord)} <= @@clearance
      WHEN 'security_change' THEN ${recordLevel(namedRecord)} <= @@clearance
      WHEN 'destruction_list' THEN ${listLevel(o(sr.entityId))} <= @@clearance
      ELSE ${level(o(sr.fields))} <= @@clearance END)`.replaceAll('@@clearance', c);
}

/**
 * Whether a station's received file (`station_files`, outer row) exists for the caller: not
 * when only pages above their clearance refer to it. A file no visible page names but no
 * hidden one either (an older scan of a replaced page) stays counted, as before.
 */
export function mirrorFileVisible(clearance: number): SQL {
  if (clearance >= TOP_LEVEL) return sql`1`;
  const f = (c: Column) => colSql(c, tableSql(stationFiles));
  const m = (c: Column) => colSql(c, 'mc_f');
  const shas = (
    visible: boolean,
  ) => `SELECT ${m(sr.stationId)}, j.value FROM ${tableSql(sr)} mc_f, json_each(${m(sr.fields)}, '$.files') j
    WHERE ${m(sr.entity)} = 'page' AND ${visible ? '' : 'NOT '}${visibleSql(clearance, 'mc_f')}`;
  const key = `(${f(stationFiles.stationId)}, ${f(stationFiles.sha256)})`;
  return sql.raw(`NOT (${key} IN (${shas(false)}) AND ${key} NOT IN (${shas(true)}))`);
}

/**
 * Whether an open conflict (`sync_conflicts`, outer row) exists for the caller: not when the
 * station's copy is above their clearance, nor the copy held here (a record the caller may
 * not see, by the rules above). The detail refuses those; the list and its count skip them.
 */
export function conflictVisible(clearance: number): SQL {
  if (clearance >= TOP_LEVEL) return sql`1`;
  const c = (col: Column) => colSql(col, tableSql(syncConflicts));
  const h = (col: Column) => colSql(col, 'mc_h');
  const held = `SELECT 1 FROM ${tableSql(sr)} mc_h WHERE ${h(sr.stationId)} = ${c(syncConflicts.stationId)}
    AND ${h(sr.entity)} = ${c(syncConflicts.entity)} AND ${h(sr.entityId)} = ${c(syncConflicts.entityId)}
    AND NOT ${visibleSql(clearance, 'mc_h')}`;
  return sql.raw(`(${level(c(syncConflicts.theirsFields))} <= ${Math.trunc(clearance)} AND NOT EXISTS (${held}))`);
}
