/**
 * The record sets the annual report counts. Each set is one SQL select of the records behind its
 * figures (id, entity, 档号, 题名, 密级, a group and a page weight), run with the year's bounds:
 * the report groups and counts it, the drill lists the same select filtered to one group — so a
 * figure and its drill list cannot drift apart.
 *
 * "At year end" means as of the first instant of the next year (local time, as lending counts
 * days): a record counts when it was created before that instant and not deleted (destroyed,
 * removed) before it; destroyed records stay in the holdings until their destruction. What is
 * classified at year end (门类, 年度, 保管期限, page count) is the record's current cataloguing:
 * the catalogue keeps no history of those fields, and a later change shows up as a correction.
 */
import type { StatDrillRow, StatSection } from '../../contract/statistics';

export interface RecordSet {
  /** Figure keys: `${key}` when ungrouped, `${key}.${group}` when grouped. */
  key: string;
  section: StatSection;
  unit: string;
  label: (group: string) => string;
  grouped: boolean;
  /** Groups always reported, 0 when empty (retention codes, media); others appear when present. */
  groups?: readonly string[];
  /** Also report the page total (sum of weight) under `${figureKey}.pages`. */
  pages?: (group: string) => string;
  /** The kind of the records listed (for the corrections' change-log lookup). */
  entity: StatDrillRow['entity'];
  /** Columns: id, entity, archive_code, title, level, grp, weight. Params: @start, @end. */
  sql: string;
  /**
   * When the select is rows of one table filtered by a row predicate (itemRows, volumeRows): its
   * parts, so counting.ts counts all such sets of a table in one pass instead of one scan each.
   * `sql` is built from the same parts, so the count and the drill list stay one definition.
   */
  scan?: TableScan;
}

export interface TableScan {
  /** Table and alias, 'items i'. */
  from: string;
  /** The group, an expression of SCAN_COLUMNS only. */
  grp: string;
  /** The row predicate's conjuncts, tested on every row. */
  row: string[];
  /** A further condition on SCAN_COLUMNS only, tested once per combination of their values. */
  group?: string;
  weight: string;
}

/** The columns a pass groups a table's rows by; a set's group (and `group` filter) reads only these. */
export const SCAN_COLUMNS = ['category_code', 'retention', 'year'] as const;

export const RETENTIONS = ['Y', 'D30', 'D10'] as const;
const RETENTION_LABEL: Record<string, string> = { Y: '永久', D30: '定期30年', D10: '定期10年' };
export const MEDIA: Record<string, string> = { ZP: '照片', LY: '录音', LX: '录像', SW: '实物' };

/** The 门类 (first level) of a full category code such as 'ZY·JT'. */
const top = (a: string) =>
  `CASE WHEN instr(${a}.category_code, '·') > 0 THEN substr(${a}.category_code, 1, instr(${a}.category_code, '·') - 1) ELSE ${a}.category_code END`;
const heldAt = (a: string) => `${a}.created_at < @end AND (${a}.deleted_at IS NULL OR ${a}.deleted_at >= @end)`;
const inYear = (col: string) => `${col} >= @start AND ${col} < @end`;
const decade = (a: string) => `CAST((${a}.year / 10) * 10 AS TEXT)`;

const itemRows = (grp: string, where: string) =>
  `SELECT i.id, 'item' AS entity, i.archive_code, i.title, i.access_level AS level, ${grp} AS grp,
     coalesce(i.page_count, 0) AS weight FROM items i WHERE ${where}`;
const volumeRows = (grp: string, where: string) =>
  `SELECT v.id, 'volume' AS entity, v.archive_code, v.title, v.security_level AS level, ${grp} AS grp,
     0 AS weight FROM volumes v WHERE ${where}`;
const whereOf = (row: string[], group?: string) => [...row, ...(group ? [group] : [])].join(' AND ');
const itemScan = (grp: string, row: string[], group?: string) => ({
  sql: itemRows(grp, whereOf(row, group)),
  scan: { from: 'items i', grp, row, ...(group ? { group } : {}), weight: 'coalesce(i.page_count, 0)' },
});
const volumeScan = (grp: string, row: string[]) => ({
  sql: volumeRows(grp, whereOf(row)),
  scan: { from: 'volumes v', grp, row, weight: '0' },
});
/** The current 密级 of the record a row names (an item's guarding level, a volume's own). */
const levelOf = (entity: string, id: string) =>
  `CASE ${entity} WHEN 'item' THEN (SELECT access_level FROM items WHERE id = ${id})
     ELSE (SELECT security_level FROM volumes WHERE id = ${id}) END`;

/** Records destroyed in the year, from their tombstones (the record rows are soft-deleted then). */
const destroyed = (entity: 'item' | 'volume', unit: string, label: string): RecordSet => ({
  key: `changes.destroyed.${entity}s`,
  section: 'changes',
  unit,
  label: () => label,
  grouped: false,
  ...(entity === 'item' ? { pages: () => '销毁页数' } : {}),
  entity,
  sql: `SELECT t.entity_id AS id, t.entity, t.archive_code, t.title, coalesce(${levelOf('t.entity', 't.entity_id')}, 0) AS level,
          '' AS grp, coalesce(t.page_count, 0) AS weight
        FROM destruction_tombstones t WHERE t.entity = '${entity}' AND ${inYear('t.destroyed_at')}`,
});

const held = (what: string) => (g: string) => `${what}（${g}）`;

export const RECORD_SETS: RecordSet[] = [
  // 馆藏 at year end: 卷 and 件 with pages, by 门类, 保管期限 and 年度 (by decade).
  {
    key: 'holdings.volumes',
    section: 'holdings',
    unit: '卷',
    label: () => '案卷',
    grouped: false,
    entity: 'volume',
    ...volumeScan(`''`, [heldAt('v')]),
  },
  {
    key: 'holdings.volumes.cat',
    section: 'holdings',
    unit: '卷',
    label: held('案卷 门类'),
    grouped: true,
    entity: 'volume',
    ...volumeScan(top('v'), [heldAt('v')]),
  },
  {
    key: 'holdings.volumes',
    section: 'holdings',
    unit: '卷',
    label: (g) => `案卷（${RETENTION_LABEL[g]}）`,
    grouped: true,
    groups: RETENTIONS,
    entity: 'volume',
    ...volumeScan('v.retention', [heldAt('v')]),
  },
  {
    key: 'holdings.volumes.decade',
    section: 'holdings',
    unit: '卷',
    label: (g) => `案卷（${g}—${Number(g) + 9}年度）`,
    grouped: true,
    entity: 'volume',
    ...volumeScan(decade('v'), [heldAt('v')]),
  },
  {
    key: 'holdings.items',
    section: 'holdings',
    unit: '件',
    label: () => '文件（含卷内文件）',
    grouped: false,
    pages: () => '页数',
    entity: 'item',
    ...itemScan(`''`, [heldAt('i')]),
  },
  {
    key: 'holdings.items.loose',
    section: 'holdings',
    unit: '件',
    label: () => '以件整理的文件',
    grouped: false,
    entity: 'item',
    ...itemScan(`''`, [heldAt('i'), 'i.volume_id IS NULL']),
  },
  {
    key: 'holdings.items.cat',
    section: 'holdings',
    unit: '件',
    label: held('文件 门类'),
    grouped: true,
    pages: held('页数 门类'),
    entity: 'item',
    ...itemScan(top('i'), [heldAt('i')]),
  },
  {
    key: 'holdings.items',
    section: 'holdings',
    unit: '件',
    label: (g) => `文件（${RETENTION_LABEL[g]}）`,
    grouped: true,
    groups: RETENTIONS,
    entity: 'item',
    ...itemScan('i.retention', [heldAt('i')]),
  },
  {
    key: 'holdings.items.decade',
    section: 'holdings',
    unit: '件',
    label: (g) => `文件（${g}—${Number(g) + 9}年度）`,
    grouped: true,
    entity: 'item',
    ...itemScan(decade('i'), [heldAt('i')]),
  },
  // 照片、录音、录像、实物: counted as catalogued items of their 门类 (ZP, LY, LX, SW).
  {
    key: 'media',
    section: 'media',
    unit: '件',
    label: (g) => MEDIA[g]!,
    grouped: true,
    groups: Object.keys(MEDIA),
    entity: 'item',
    ...itemScan(top('i'), [heldAt('i')], `${top('i')} IN ('ZP', 'LY', 'LX', 'SW')`),
  },
  // 本年度增减: new, destroyed (tombstones, with the approval), deleted otherwise (著录错误等).
  {
    key: 'changes.added.volumes',
    section: 'changes',
    unit: '卷',
    label: () => '新增案卷',
    grouped: false,
    entity: 'volume',
    ...volumeScan(`''`, [inYear('v.created_at')]),
  },
  {
    key: 'changes.added.items',
    section: 'changes',
    unit: '件',
    label: () => '新增文件',
    grouped: false,
    pages: () => '新增页数',
    entity: 'item',
    ...itemScan(`''`, [inYear('i.created_at')]),
  },
  destroyed('item', '件', '销毁文件'),
  destroyed('volume', '卷', '销毁案卷'),
  {
    key: 'changes.destructionLists',
    section: 'changes',
    unit: '份',
    label: () => '执行的销毁清册',
    grouped: false,
    entity: 'destruction_list',
    sql: `SELECT l.id, 'destruction_list' AS entity, l.list_no AS archive_code,
            l.round || '（批准：' || coalesce(l.approved_by_name, '') || ' ' || substr(coalesce(l.approved_at, ''), 1, 10) || '）' AS title,
            0 AS level, '' AS grp, 0 AS weight FROM destruction_lists l WHERE l.status = 'executed' AND ${inYear('l.executed_at')}`,
  },
  {
    key: 'changes.deleted.items',
    section: 'changes',
    unit: '件',
    label: () => '删除文件（著录错误等，非销毁）',
    grouped: false,
    entity: 'item',
    ...itemScan(`''`, [
      inYear('i.deleted_at'),
      'NOT EXISTS (SELECT 1 FROM destruction_tombstones t WHERE t.entity_id = i.id)',
    ]),
  },
  {
    key: 'changes.deleted.volumes',
    section: 'changes',
    unit: '卷',
    label: () => '删除案卷（非销毁）',
    grouped: false,
    entity: 'volume',
    ...volumeScan(`''`, [
      inYear('v.deleted_at'),
      'NOT EXISTS (SELECT 1 FROM destruction_tombstones t WHERE t.entity_id = v.id)',
    ]),
  },
  // 开放鉴定 and 密级变更/解密 decided in the year (one per review or change).
  {
    key: 'opening.reviewed',
    section: 'opening',
    unit: '件',
    label: (g) => (g === 'open' ? '开放鉴定：开放' : '开放鉴定：控制（延期开放）'),
    grouped: true,
    groups: ['open', 'control'],
    entity: 'item',
    sql: `SELECT r.entity_id AS id, r.entity, r.archive_code, r.title, coalesce(${levelOf('r.entity', 'r.entity_id')}, 0) AS level,
            r.result AS grp, 0 AS weight FROM opening_reviews r WHERE ${inYear('r.reviewed_at')}`,
  },
  {
    key: 'opening.security',
    section: 'opening',
    unit: '件',
    label: (g) => (g === 'declassify' ? '解密' : '密级变更'),
    grouped: true,
    groups: ['declassify', 'change'],
    entity: 'item',
    sql: `SELECT c.entity_id AS id, c.entity, c.archive_code,
            coalesce((SELECT title FROM items WHERE id = c.entity_id), (SELECT title FROM volumes WHERE id = c.entity_id), '') AS title,
            coalesce(${levelOf('c.entity', 'c.entity_id')}, 0) AS level, c.kind AS grp, 0 AS weight
          FROM security_changes c WHERE ${inYear('c.changed_at')}`,
  },
  // 数字化 at year end: pages scanned (held, not deleted), their searchable PDFs and OCR.
  {
    key: 'digitisation.pages',
    section: 'digitisation',
    unit: '页',
    label: (g) => ({ scanned: '已扫描页数', searchable: '已生成可检索PDF的页数', ocr: '已识别（OCR）页数' })[g] ?? g,
    grouped: true,
    groups: ['scanned', 'searchable', 'ocr'],
    entity: 'page',
    sql: `SELECT p.id, 'page' AS entity, coalesce(i.archive_code, v.archive_code, '') AS archive_code,
            coalesce(i.title, v.title, '') || ' 第' || p.seq || '页' AS title, coalesce(i.access_level, v.security_level, 0) AS level,
            g.grp, 0 AS weight
          FROM pages p LEFT JOIN items i ON i.id = p.item_id LEFT JOIN volumes v ON v.id = p.volume_id
          JOIN (SELECT 'scanned' AS grp UNION ALL SELECT 'searchable' UNION ALL SELECT 'ocr') g
            ON g.grp = 'scanned' OR (g.grp = 'searchable' AND p.pdf_sha256 IS NOT NULL) OR (g.grp = 'ocr' AND p.ocr_status = 'done')
          WHERE ${heldAt('p')}`,
  },
  {
    key: 'digitisation.items',
    section: 'digitisation',
    unit: '件',
    label: (g) => (g === 'scanned' ? '已数字化文件' : '有已核对字段的文件'),
    grouped: true,
    groups: ['scanned', 'verified'],
    entity: 'item',
    sql: `SELECT * FROM (
            ${itemRows(`'scanned'`, `${heldAt('i')} AND i.id IN (SELECT p.item_id FROM pages p WHERE ${heldAt('p')})`)}
            UNION ALL
            ${itemRows(
              `'verified'`,
              `${heldAt('i')} AND i.id IN (SELECT p.item_id FROM page_fields f JOIN pages p ON p.id = f.page_id
              WHERE f.status = 'accepted' AND f.accepted_at < @end)`,
            )})`,
  },
];

/** Year bounds as ISO instants: the first moment of the year and of the next (local time). */
export function yearBounds(year: number): { start: string; end: string } {
  return { start: new Date(year, 0, 1).toISOString(), end: new Date(year + 1, 0, 1).toISOString() };
}

export const figureKey = (set: RecordSet, group: string): string => (set.grouped ? `${set.key}.${group}` : set.key);
