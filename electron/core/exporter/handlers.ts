import type { ExportFile } from '../../contract/dto';
import type { MethodParsed } from '../../contract/methods';
import { CATALOGUE_TITLE, catalogueSheet, type ExportRecord } from './xlsx';
import { appendAudit } from '../audit';
import {
  countBureauItems,
  iterateBureauItems,
  readsStations,
  countWhere,
  iterateItems,
  queryWhere,
  withoutStation,
} from '../catalogue';
import {
  actorOf,
  type CoreContext,
  type Session,
  AppError,
  sessionOf,
  type Handlers,
  inTransaction,
  fondsCodeOf,
  getMeta,
} from '../kernel';
import { loadScheme } from '../scheme';

type Query = MethodParsed<'catalogue.export'>;

/** Beyond this a workbook gets too large for Excel users and for memory; ask for a narrower scope. */
export const MAX_EXPORT_ROWS = 200_000;

const stamp = (d: Date) =>
  [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('');

/**
 * Exports every row the query matches (offset/limit ignored). The clearance filter
 * lives in the query itself, so records above the user's clearance never reach the file.
 */
export async function exportCatalogue(ctx: CoreContext, s: Session, q: Query): Promise<ExportFile> {
  // At the county bureau a scope may hold the stations' records (catalogue/bureau-items.ts).
  const stations = readsStations(ctx, q.scope);
  const own = { ...q, scope: withoutStation(q.scope) };
  const total = stations ? countBureauItems(ctx, q, s.clearance) : countWhere(ctx, queryWhere(ctx, own, s.clearance));
  if (total > MAX_EXPORT_ROWS) {
    throw new AppError(
      'VALIDATION_FAILED',
      `符合条件的记录有 ${total} 条，超过单次导出上限 ${MAX_EXPORT_ROWS} 条，请缩小范围（如按门类、年度）分批导出`,
    );
  }
  const scheme = loadScheme(ctx);
  const byCode = new Map(scheme.list.map((c) => [c.fullCode, c.name]));
  // A station's item names its 门类 by the station's id: the full code is what both share.
  const categoryName = (r: ExportRecord) => scheme.byId.get(r.categoryId)?.name ?? byCode.get(r.categoryCode) ?? '';
  const sheet = catalogueSheet(getMeta(ctx, 'unit_name') ?? '');
  // Rows are added synchronously while the statement iterates, before any await.
  const rows: Iterable<ExportRecord> = stations
    ? iterateBureauItems(ctx, q, s.clearance)
    : iterateItems(ctx, own, s.clearance);
  for (const r of rows) sheet.add(r, categoryName(r));
  const bytes = await sheet.finish();
  const fonds = fondsCodeOf(ctx);
  const fileName = `${CATALOGUE_TITLE}-${fonds}-${stamp(ctx.clock.now())}.xlsx`;
  // The export read beside other readers; its audit entry takes the write lock (it must not
  // land inside an import's open transaction), only for that row ('audit' in the contract).
  await ctx.lock.run(() =>
    inTransaction(
      ctx,
      () =>
        appendAudit(ctx, actorOf(s), {
          action: 'catalogue.export',
          entity: 'item',
          summary: `导出归档文件目录 ${sheet.rows} 条（${fileName}）`,
          details: {
            fileName,
            count: sheet.rows,
            scope: q.scope,
            filters: q.filters,
            securityLevel: q.securityLevel,
            includeDeleted: q.includeDeleted,
          },
        }),
      // Only an audit row: the catalogue's cached views stay valid.
      { catalogue: false },
    ),
  );
  return { fileName, base64: bytes.toString('base64'), rows: sheet.rows };
}

export const exportHandlers = {
  'catalogue.export': (env, q) => exportCatalogue(env.ctx, sessionOf(env), q),
} satisfies Partial<Handlers>;
