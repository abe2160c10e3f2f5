/**
 * 自查 (step six of the seven-step method): the counts of volumes and of persons of the scope,
 * and the gaps found by comparing the electronic records with the paper — persons in the
 * catalogue with no scanned form, 件号 gaps within a class or volume, mandatory fields missing.
 */
import type { ArrangementBatchRecord } from '../../../db/schema';
import { MAX_GAP_ROWS, type SelfCheckReport } from '../../contract/arrangement';
import type { CoreContext } from '../kernel';
import { loadScheme } from '../scheme';
import { itemScope, SCANNED, scopeLabel, volumeScope } from './scope';

interface ItemRow {
  id: string;
  archiveCode: string;
  categoryId: string;
  categoryCode: string;
  year: number;
  retention: string;
  orgCode: string;
  volumeId: string | null;
  itemNo: number;
  title: string;
  date: string;
  pageCount: number | null;
  extra: string;
  scanned: number;
}

/** Missing numbers in 1 … max of a sorted list, capped. */
function missingNumbers(nos: number[]): number[] {
  const have = new Set(nos);
  const out: number[] = [];
  const top = Math.max(0, ...nos);
  for (let n = 1; n <= top && out.length < MAX_GAP_ROWS; n++) if (!have.has(n)) out.push(n);
  return out;
}

export function selfCheck(ctx: CoreContext, b: ArrangementBatchRecord, clearance: number): SelfCheckReport {
  const is = itemScope(b, clearance);
  const vs = volumeScope(b, clearance);
  const rows = ctx.sqlite
    .prepare(
      `SELECT i.id, i.archive_code AS archiveCode, i.category_id AS categoryId, i.category_code AS categoryCode,
              i.year, i.retention, i.org_code AS orgCode, i.volume_id AS volumeId, i.item_no AS itemNo,
              i.title, i.date, i.page_count AS pageCount, i.extra, ${SCANNED} AS scanned
         FROM items i WHERE ${is.where} ORDER BY i.archive_code`,
    )
    .all(...is.params) as ItemRow[];
  const volumes = (
    ctx.sqlite.prepare(`SELECT count(*) AS n FROM volumes v WHERE ${vs.where}`).get(...vs.params) as { n: number }
  ).n;

  // Persons: one line per person none of whose forms in the scope is scanned.
  const links = ctx.sqlite
    .prepare(
      `SELECT p.id, p.name, coalesce(p.id_number, '') AS idNumber, i.archive_code AS archiveCode, ${SCANNED} AS scanned
         FROM items i JOIN item_persons ip ON ip.item_id = i.id JOIN persons p ON p.id = ip.person_id
        WHERE ${is.where} ORDER BY p.name, i.archive_code`,
    )
    .all(...is.params) as { id: string; name: string; idNumber: string; archiveCode: string; scanned: number }[];
  const byPerson = new Map<string, { name: string; idNumber: string; archiveCodes: string[]; scanned: boolean }>();
  for (const l of links) {
    const p = byPerson.get(l.id) ?? { name: l.name, idNumber: l.idNumber, archiveCodes: [], scanned: false };
    p.archiveCodes.push(l.archiveCode);
    p.scanned ||= l.scanned === 1;
    byPerson.set(l.id, p);
  }
  const unscannedPersons = [...byPerson.values()]
    .filter((p) => !p.scanned)
    .map(({ name, idNumber, archiveCodes }) => ({ name, idNumber, archiveCodes }));

  // 件号 runs within a volume, or within a class (门类, 年度, 期限, 机构) for loose items.
  const groups = new Map<string, { where: string; nos: number[] }>();
  for (const r of rows) {
    const key = r.volumeId ?? `${r.categoryId}|${r.year}|${r.retention}|${r.orgCode}`;
    const where = r.volumeId
      ? r.archiveCode.replace(/-\d+$/, '')
      : `${r.categoryCode} ${r.year} ${r.retention}${r.orgCode ? ` ${r.orgCode}` : ''}`;
    const g = groups.get(key) ?? { where, nos: [] };
    g.nos.push(r.itemNo);
    groups.set(key, g);
  }
  const itemNoGaps = [...groups.values()]
    .map((g) => ({ where: g.where, missing: missingNumbers(g.nos) }))
    .filter((g) => g.missing.length > 0);

  const scheme = loadScheme(ctx);
  const missingFields: SelfCheckReport['missingFields'] = [];
  for (const r of rows) {
    const fields: string[] = [];
    if (!r.title.trim()) fields.push('题名');
    if (!r.date.trim()) fields.push('日期');
    if (r.pageCount === null) fields.push('页数');
    const extra = JSON.parse(r.extra) as Record<string, string>;
    for (const f of scheme.byId.get(r.categoryId)?.effectiveFields ?? [])
      if (f.required && !(extra[f.key] ?? '').trim()) fields.push(f.label);
    if (fields.length) missingFields.push({ archiveCode: r.archiveCode, fields });
  }

  const gapCount =
    unscannedPersons.length + itemNoGaps.reduce((n, g) => n + g.missing.length, 0) + missingFields.length;
  return {
    batchId: b.id,
    scope: scopeLabel(b),
    volumes,
    items: rows.length,
    persons: byPerson.size,
    scanned: rows.filter((r) => r.scanned === 1).length,
    unscannedPersons: unscannedPersons.slice(0, MAX_GAP_ROWS),
    itemNoGaps: itemNoGaps.slice(0, MAX_GAP_ROWS),
    missingFields: missingFields.slice(0, MAX_GAP_ROWS),
    gapCount,
  };
}
