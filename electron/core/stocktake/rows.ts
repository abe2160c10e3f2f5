/** A stock-take's row, read with a Chinese refusal when it is missing or already closed. */
import { count, eq } from 'drizzle-orm';
import { places, stocktakes, stocktakeScans, type StocktakeRecord } from '../../../db/schema';
import type { StocktakeView } from '../../contract/stocktake';
import { AppError, type CoreContext } from '../kernel';
import { chainOf, chainPath } from './homes';

export function stocktakeRow(ctx: CoreContext, id: string): StocktakeRecord {
  const row = ctx.orm.select().from(stocktakes).where(eq(stocktakes.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '盘点不存在');
  return row;
}

export function openStocktake(ctx: CoreContext, id: string): StocktakeRecord {
  const row = stocktakeRow(ctx, id);
  if (row.status !== 'open')
    throw new AppError(
      'STOCKTAKE_CLOSED',
      `盘点“${row.title}”已${row.status === 'accepted' ? '确认' : '取消'}，不能再更改`,
    );
  return row;
}

export function stocktakeView(ctx: CoreContext, r: StocktakeRecord): StocktakeView {
  const place = ctx.orm.select({ code: places.code }).from(places).where(eq(places.id, r.placeId)).get();
  const scans =
    ctx.orm.select({ n: count() }).from(stocktakeScans).where(eq(stocktakeScans.stocktakeId, r.id)).get()?.n ?? 0;
  return {
    id: r.id,
    title: r.title,
    placeId: r.placeId,
    placeCode: place?.code ?? '',
    placePath: chainPath(chainOf(ctx, r.placeId)),
    status: r.status,
    startedByName: r.startedByName,
    startedAt: r.startedAt,
    closedByName: r.closedByName,
    closedAt: r.closedAt,
    scans,
    version: r.version,
  };
}
