import type { CatalogueScope, RenumberPlan } from '../../contract/dto';
import { appendAudit } from '../audit';
import { recordChange, type Actor, type CoreContext, AppError } from '../kernel';
import { itemArchiveCode, resolveClass } from './class';

/**
 * 重新编号: closes the gaps deletions left in one class (or one volume), keeping the
 * order. Never automatic: the clerk previews the plan, then applies it explicitly.
 */
export function renumber(ctx: CoreContext, scope: CatalogueScope, apply: boolean, actor: Actor): RenumberPlan {
  let where: string;
  let params: unknown[];
  let cls;
  if (scope.volumeId) {
    const v = ctx.sqlite
      .prepare('SELECT category_id, year FROM volumes WHERE id = ? AND deleted_at IS NULL')
      .get(scope.volumeId) as { category_id: string; year: number } | undefined;
    if (!v) throw new AppError('NOT_FOUND', '案卷不存在');
    cls = resolveClass(ctx, { categoryId: v.category_id, year: v.year, orgCode: '', volumeId: scope.volumeId });
    where = 'volume_id = ?';
    params = [scope.volumeId];
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
    where = 'category_id = ? AND year = ? AND retention = ? AND org_code = ? AND volume_id IS NULL';
    params = [cls.category.id, cls.year, cls.retention, cls.orgCode];
  }
  const live = ctx.sqlite
    .prepare(
      `SELECT id, item_no, archive_code, version FROM items WHERE ${where} AND deleted_at IS NULL ORDER BY item_no`,
    )
    .all(...params) as { id: string; item_no: number; archive_code: string; version: number }[];
  const changes = live
    .map((r, i) => ({ r, no: i + 1 }))
    .filter(({ r, no }) => r.item_no !== no)
    .map(({ r, no }) => ({ id: r.id, from: r.archive_code, to: itemArchiveCode(cls, no), no, version: r.version }));
  if (apply && changes.length > 0) {
    // Ascending order: each target number was freed by an earlier move or a deletion.
    const upd = ctx.sqlite.prepare(
      'UPDATE items SET item_no=?, archive_code=?, version=version+1, updated_at=? WHERE id=?',
    );
    for (const c of changes) {
      upd.run(c.no, c.to, ctx.nowIso(), c.id);
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
