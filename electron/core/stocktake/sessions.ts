/** Starting, listing, accepting and cancelling stock-takes: each a transaction with its audit row. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { places, stocktakes, type StocktakeRecord } from '../../../db/schema';
import type { StocktakeReport, StocktakeView, zStocktakeList, zStocktakeStart } from '../../contract/stocktake';
import { appendAudit } from '../audit';
import { AppError, type Actor, type CoreContext, inTransaction, nodeIdOf, recordChange } from '../kernel';
import { moveTo, parseLabel } from '../shelving';
import { liveReport } from './report';
import { forgetCursor } from './scans';
import { openStocktake, stocktakeRow, stocktakeView } from './rows';

/** The place a clerk named: its code typed, or its label scanned (P/… or P#id). */
function placeNamed(ctx: CoreContext, text: string) {
  const label = parseLabel(text);
  if (label && label.kind !== 'place') throw new AppError('NOT_A_PLACE', `“${text}”不是库位标签，请扫描库位（P/…）`);
  const byId = label?.byId ?? false;
  const key = label?.key ?? text;
  const row = ctx.orm
    .select()
    .from(places)
    .where(and(eq(byId ? places.id : places.code, key), isNull(places.deletedAt)))
    .get();
  if (!row) throw new AppError('NOT_FOUND', `没有库位“${key}”`);
  return row;
}

export function startStocktake(ctx: CoreContext, actor: Actor, input: z.output<typeof zStocktakeStart>): StocktakeView {
  return inTransaction(
    ctx,
    () => {
      const place = placeNamed(ctx, input.place);
      const clash = ctx.orm
        .select()
        .from(stocktakes)
        .where(and(eq(stocktakes.placeId, place.id), eq(stocktakes.status, 'open')))
        .get();
      if (clash)
        throw new AppError(
          'STOCKTAKE_OPEN',
          `库位 ${place.code} 已有未完成的盘点“${clash.title}”，请继续该盘点或先取消`,
        );
      const now = ctx.nowIso();
      const row: StocktakeRecord = {
        id: ctx.ids(),
        nodeId: nodeIdOf(ctx),
        version: 1,
        title: input.title,
        placeId: place.id,
        status: 'open',
        startedBy: actor.id,
        startedByName: actor.name,
        startedAt: now,
        closedBy: null,
        closedByName: null,
        closedAt: null,
        summary: '{}',
        createdAt: now,
        updatedAt: now,
      };
      ctx.orm.insert(stocktakes).values(row).run();
      recordChange(ctx, 'stocktake', row.id, 1, 'insert');
      appendAudit(ctx, actor, {
        action: 'stocktake.start',
        entity: 'stocktake',
        entityId: row.id,
        summary: `开始盘点“${row.title}”（库位 ${place.code} ${place.name}）`,
        details: { placeId: place.id, placeCode: place.code },
      });
      return stocktakeView(ctx, row);
    },
    { catalogue: false },
  );
}

export function listStocktakes(ctx: CoreContext, input: z.output<typeof zStocktakeList>): StocktakeView[] {
  return ctx.orm
    .select()
    .from(stocktakes)
    .where(input.status ? eq(stocktakes.status, input.status) : undefined)
    .orderBy(desc(stocktakes.startedAt), desc(stocktakes.id))
    .limit(200)
    .all()
    .map((r) => stocktakeView(ctx, r));
}

function close(ctx: CoreContext, actor: Actor, st: StocktakeRecord, status: 'accepted' | 'cancelled', report: object) {
  const now = ctx.nowIso();
  ctx.orm
    .update(stocktakes)
    .set({
      status,
      closedBy: actor.id,
      closedByName: actor.name,
      closedAt: now,
      summary: JSON.stringify(report),
      version: st.version + 1,
      updatedAt: now,
    })
    .where(eq(stocktakes.id, st.id))
    .run();
  recordChange(ctx, 'stocktake', st.id, st.version + 1, 'update');
  forgetCursor(ctx, st.id);
}

/**
 * Accepting: misplaced boxes and loose volumes move to where they were found (through
 * shelving's moveTo, reason 'stocktake'), the report is frozen, one audit row. Missing records
 * are listed, never moved: nobody knows where they are.
 */
export function acceptStocktake(ctx: CoreContext, actor: Actor, id: string): StocktakeReport {
  return inTransaction(ctx, () => {
    const st = openStocktake(ctx, id);
    const report = liveReport(ctx, id);
    let moved = 0;
    for (const r of report.misplaced)
      if (r.movable && r.foundPlaceId && (r.entity === 'box' || r.entity === 'volume')) {
        const m = moveTo(ctx, actor, {
          entity: r.entity,
          entityId: r.id,
          toPlaceId: r.foundPlaceId,
          reason: 'stocktake',
          stocktakeId: id,
        });
        if (m) moved++;
      }
    const frozen: StocktakeReport = { ...report, moved };
    close(ctx, actor, st, 'accepted', frozen);
    const c = report.counts;
    appendAudit(ctx, actor, {
      action: 'stocktake.accept',
      entity: 'stocktake',
      entityId: id,
      summary:
        `确认盘点“${st.title}”：应有 ${c.expected}，在位 ${c.found}，缺失 ${c.missing}，错位 ${c.misplaced}` +
        `（已移至发现位置 ${moved}），无法识别 ${c.unknown}，重复 ${c.twice}`,
      details: { counts: c, moved, missing: report.missing.map((r) => r.code) },
    });
    return { ...frozen, stocktake: stocktakeView(ctx, stocktakeRow(ctx, id)) };
  });
}

export function cancelStocktake(ctx: CoreContext, actor: Actor, id: string): StocktakeView {
  return inTransaction(
    ctx,
    () => {
      const st = openStocktake(ctx, id);
      const report = liveReport(ctx, id);
      close(ctx, actor, st, 'cancelled', report);
      appendAudit(ctx, actor, {
        action: 'stocktake.cancel',
        entity: 'stocktake',
        entityId: id,
        summary: `取消盘点“${st.title}”（已扫描 ${report.counts.scans} 个标签，未移动任何档案）`,
      });
      return stocktakeView(ctx, stocktakeRow(ctx, id));
    },
    { catalogue: false },
  );
}
