import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { items, volumes } from '../../../db/schema';
import type { CatalogueScope, RenumberPlan } from '../../contract/dto';
import { appendAudit } from '../audit';
import { recordChange, type Actor, type CoreContext, AppError } from '../kernel';
import { itemArchiveCode, resolveClass } from './class';

/**
 * 重新编号: closes the gaps deletions left in one class (or one volume), keeping the
 * order. Never automatic: the clerk previews the plan, then applies it explicitly.
 *
 * 密级: the numbers are shared by every record of the class whatever its level, so the
 * plan is made over all of them (leaving a 秘密 item out would hand its number to another
 * and break the 档号's uniqueness). When the plan would move a record above the caller's
 * clearance, preview and apply are both refused, without naming or counting it: only
 * someone cleared for every record that moves may renumber the class.
 */
export function renumber(
  ctx: CoreContext,
  scope: CatalogueScope,
  apply: boolean,
  actor: Actor,
  clearance: number,
): RenumberPlan {
  let where;
  let cls;
  if (scope.volumeId) {
    const v = ctx.orm
      .select({ categoryId: volumes.categoryId, year: volumes.year })
      .from(volumes)
      .where(and(eq(volumes.id, scope.volumeId), isNull(volumes.deletedAt)))
      .get();
    if (!v) throw new AppError('NOT_FOUND', '案卷不存在');
    cls = resolveClass(ctx, { categoryId: v.categoryId, year: v.year, orgCode: '', volumeId: scope.volumeId });
    where = eq(items.volumeId, scope.volumeId);
  } else {
    if (!scope.categoryId || scope.year === undefined || !scope.retention) {
      throw new AppError('VALIDATION_FAILED', '请选择到“门类—年度—保管期限”（或一个案卷）后再重新编号');
    }
    cls = resolveClass(ctx, {
      categoryId: scope.categoryId,
      year: scope.year,
      retention: scope.retention,
      orgCode: scope.orgCode ?? '',
      volumeId: null,
    });
    where = and(
      eq(items.categoryId, cls.category.id),
      eq(items.year, cls.year),
      eq(items.retention, cls.retention),
      eq(items.orgCode, cls.orgCode),
      isNull(items.volumeId),
    );
  }
  const live = ctx.orm
    .select({
      id: items.id,
      itemNo: items.itemNo,
      archiveCode: items.archiveCode,
      version: items.version,
      level: items.securityLevel,
    })
    .from(items)
    .where(and(where, isNull(items.deletedAt)))
    .orderBy(asc(items.itemNo))
    .all();
  const changes = live
    .map((r, i) => ({ r, no: i + 1 }))
    .filter(({ r, no }) => r.itemNo !== no)
    .map(({ r, no }) => ({ id: r.id, from: r.archiveCode, to: itemArchiveCode(cls, no), no, version: r.version }));
  if (live.some((r, i) => r.itemNo !== i + 1 && r.level > clearance)) {
    throw new AppError('CLEARANCE_EXCEEDED', '此范围内有超出本人密级的档案需要重新编号，请由具有相应密级的人员操作');
  }
  if (apply && changes.length > 0) {
    // Ascending order: each target number was freed by an earlier move or a deletion.
    for (const c of changes) {
      ctx.orm
        .update(items)
        .set({ itemNo: c.no, archiveCode: c.to, version: sql`${items.version} + 1`, updatedAt: ctx.nowIso() })
        .where(eq(items.id, c.id))
        .run();
      recordChange(ctx, 'item', c.id, c.version + 1, 'update');
    }
    appendAudit(ctx, actor, {
      action: 'item.renumber',
      entity: 'item',
      summary: `重新编号 ${changes.length} 件：${changes[0]!.from} → ${changes[0]!.to} 等`,
      details: { changes: changes.map(({ id, from, to }) => ({ id, from, to })) },
    });
  }
  return { changes: changes.map(({ id, from, to }) => ({ id, from, to })), applied: apply && changes.length > 0 };
}
