/**
 * The annual report's figures computed independently for tests/integration/statistics.test.ts:
 * raw rows read with plain SQL, then filtered and counted in JS with the rules of reference §11 —
 * none of the app's statistics or lending code, so a drift in either shows as a difference.
 */
import type { Database } from 'better-sqlite3';
import type { LOAN_PURPOSES, LOAN_WAYS } from '../../electron/contract/lending';

type Row = Record<string, string | number | null>;

/** Every figure of the year computed here from raw rows (the app's sets and lending code not used). */
export function expectedFigures(db: Database, YEAR: number): Map<string, number> {
  const all = (sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as Row[];
  const end = new Date(YEAR + 1, 0, 1).toISOString();
  const start = new Date(YEAR, 0, 1).toISOString();
  const inYear = (v: unknown) => typeof v === 'string' && v >= start && v < end;
  const heldAt = (r: Row) =>
    (r.created_at as string) < end && (r.deleted_at === null || (r.deleted_at as string) >= end);
  const cat = (r: Row) => String(r.category_code).split('·')[0]!;
  const e = new Map<string, number>();
  const add = (k: string, n = 1) => e.set(k, (e.get(k) ?? 0) + n);
  const items = all('SELECT * FROM items');
  const vols = all('SELECT * FROM volumes');
  const tombs = all('SELECT * FROM destruction_tombstones');
  for (const k of ['holdings.volumes', 'holdings.items', 'holdings.items.pages', 'holdings.items.loose']) e.set(k, 0);
  for (const r of ['Y', 'D30', 'D10']) {
    e.set(`holdings.items.${r}`, 0);
    e.set(`holdings.volumes.${r}`, 0);
  }
  for (const m of ['ZP', 'LY', 'LX', 'SW']) e.set(`media.${m}`, 0);
  const years: number[] = [];
  for (const v of vols.filter(heldAt)) {
    add('holdings.volumes');
    add(`holdings.volumes.cat.${cat(v)}`);
    add(`holdings.volumes.${v.retention}`);
    add(`holdings.volumes.decade.${Math.floor(Number(v.year) / 10) * 10}`);
    years.push(Number(v.year));
  }
  for (const i of items.filter(heldAt)) {
    const p = Number(i.page_count ?? 0);
    add('holdings.items');
    add('holdings.items.pages', p);
    if (i.volume_id === null) add('holdings.items.loose');
    add(`holdings.items.cat.${cat(i)}`);
    add(`holdings.items.cat.${cat(i)}.pages`, p);
    add(`holdings.items.${i.retention}`);
    add(`holdings.items.decade.${Math.floor(Number(i.year) / 10) * 10}`);
    if (['ZP', 'LY', 'LX', 'SW'].includes(cat(i))) add(`media.${cat(i)}`);
    years.push(Number(i.year));
  }
  // Nothing held: no year range (0, as the report shows an empty archive).
  e.set('holdings.years.from', years.length ? Math.min(...years) : 0);
  e.set('holdings.years.to', years.length ? Math.max(...years) : 0);
  const tombIds = new Set(tombs.map((x) => x.entity_id));
  e.set('changes.added.volumes', vols.filter((v) => inYear(v.created_at)).length);
  const added = items.filter((i) => inYear(i.created_at));
  e.set('changes.added.items', added.length);
  e.set(
    'changes.added.items.pages',
    added.reduce((n, i) => n + Number(i.page_count ?? 0), 0),
  );
  const destroyed = tombs.filter((x) => inYear(x.destroyed_at));
  e.set('changes.destroyed.items', destroyed.filter((x) => x.entity === 'item').length);
  e.set(
    'changes.destroyed.items.pages',
    destroyed.filter((x) => x.entity === 'item').reduce((n, x) => n + Number(x.page_count ?? 0), 0),
  );
  e.set('changes.destroyed.volumes', destroyed.filter((x) => x.entity === 'volume').length);
  e.set(
    'changes.destructionLists',
    all("SELECT * FROM destruction_lists WHERE status = 'executed'").filter((l) => inYear(l.executed_at)).length,
  );
  e.set('changes.deleted.items', items.filter((i) => inYear(i.deleted_at) && !tombIds.has(i.id)).length);
  e.set('changes.deleted.volumes', vols.filter((v) => inYear(v.deleted_at) && !tombIds.has(v.id)).length);
  const reviews = all('SELECT * FROM opening_reviews').filter((r) => inYear(r.reviewed_at));
  e.set('opening.reviewed.open', reviews.filter((r) => r.result === 'open').length);
  e.set('opening.reviewed.control', reviews.filter((r) => r.result === 'control').length);
  const sc = all('SELECT * FROM security_changes').filter((r) => inYear(r.changed_at));
  e.set('opening.security.declassify', sc.filter((r) => r.kind === 'declassify').length);
  e.set('opening.security.change', sc.filter((r) => r.kind === 'change').length);
  const heldPages = all('SELECT * FROM pages').filter(heldAt);
  e.set('digitisation.pages.scanned', heldPages.length);
  e.set('digitisation.pages.searchable', heldPages.filter((p) => p.pdf_sha256 !== null).length);
  e.set('digitisation.pages.ocr', heldPages.filter((p) => p.ocr_status === 'done').length);
  const heldItemIds = new Set(items.filter(heldAt).map((i) => i.id));
  e.set(
    'digitisation.items.scanned',
    new Set(heldPages.map((p) => p.item_id).filter((id) => heldItemIds.has(id))).size,
  );
  const verifiedPages = all(
    "SELECT f.accepted_at, p.item_id FROM page_fields f JOIN pages p ON p.id = f.page_id WHERE f.status = 'accepted'",
  );
  e.set(
    'digitisation.items.verified',
    new Set(
      verifiedPages.filter((f) => (f.accepted_at as string) < end && heldItemIds.has(f.item_id)).map((f) => f.item_id),
    ).size,
  );
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);
  e.set('digitisation.rate', pct(e.get('digitisation.pages.scanned')!, e.get('holdings.items.pages')!));
  e.set(
    'digitisation.searchableRate',
    pct(e.get('digitisation.pages.searchable')!, e.get('digitisation.pages.scanned')!),
  );
  // Utilisation by reference §11: one person on one day = 1 人次; each record handed out = 1 卷次/件次.
  const loans = all(
    'SELECT r.*, q.purpose, q.way, q.borrower_id_no, q.borrower_kind, q.borrower_unit, q.borrower_name FROM loan_records r JOIN loan_requests q ON q.id = r.request_id',
  ).filter((r) => inYear(r.out_at));
  const day = (iso: unknown) => new Date(iso as string).toDateString();
  const visit = (r: Row) =>
    `${r.borrower_id_no || `${r.borrower_kind}|${r.borrower_unit}|${r.borrower_name}`}|${day(r.out_at)}`;
  const util = (prefix: string, rows: Row[], copy: boolean) => {
    e.set(`${prefix}.visits`, new Set(rows.map(visit)).size);
    e.set(`${prefix}.volumeTimes`, rows.filter((r) => r.entity === 'volume').length);
    e.set(`${prefix}.itemTimes`, rows.filter((r) => r.entity === 'item').length);
    e.set(`${prefix}.solved`, rows.filter((r) => r.status === 'returned' && r.solved === 1).length);
    if (copy)
      e.set(
        `${prefix}.copyPages`,
        rows.reduce((n, r) => n + Number(r.copy_pages), 0),
      );
  };
  util('utilisation', loans, true);
  const purposes: (typeof LOAN_PURPOSES)[number][] = [
    '工作查考',
    '编史修志',
    '依法维权',
    '就学就业',
    '落实政策',
    '其他',
  ];
  const ways: (typeof LOAN_WAYS)[number][] = ['阅览', '借出', '复制摘抄', '出具证明'];
  for (const p of purposes)
    util(
      `utilisation.purpose.${p}`,
      loans.filter((r) => r.purpose === p),
      false,
    );
  for (const w of ways)
    util(
      `utilisation.way.${w}`,
      loans.filter((r) => r.way === w),
      false,
    );
  // A year whose profile was never entered has no profile figures (the report lists it as a gap).
  const prof = all('SELECT * FROM statistics_profiles WHERE year = ?', YEAR)[0];
  for (const [k, col] of Object.entries(
    prof
      ? {
          storageAreaM2: 'storage_area_m2',
          shelfMeters: 'shelf_meters',
          compactShelves: 'compact_shelves',
          cabinets: 'cabinets',
          airConditioners: 'air_conditioners',
          dehumidifiers: 'dehumidifiers',
          computers: 'computers',
          scanners: 'scanners',
          staffFullTime: 'staff_full_time',
          staffPartTime: 'staff_part_time',
        }
      : {},
  ))
    e.set(`profile.${k}`, Number(prof![col]));
  return e;
}
