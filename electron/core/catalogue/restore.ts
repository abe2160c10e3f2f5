/**
 * A deleted item's tombstone (who deleted it, when, why) and 撤销删除. A restored item
 * keeps its 档号 when that is still free; otherwise it gets the next number in its class,
 * and the old 档号 goes to its history, as with a 更正归档位置.
 */
import type { DeletionInfo, RestoreResult } from '../../contract/records';
import { appendAudit } from '../audit';
import { recordChange, type Actor, type CoreContext, type Session, AppError } from '../kernel';
import { itemArchiveCode, itemPlacement, nextItemNo, resolveClass } from './class';
import { recordCodeChange } from './code-history';
import { loadItem } from './items';
import { toItemView, type ItemRecord } from './rows';

function loadDeleted(ctx: CoreContext, id: string, clearance: number): ItemRecord & { deleted_at: string } {
  const cur = loadItem(ctx, id, clearance);
  if (!cur.deleted_at) throw new AppError('NOT_DELETED');
  return cur as ItemRecord & { deleted_at: string };
}

/** The 档号 a restore gives back: the item's own when free, else the next one in its class. */
function restorePlan(ctx: CoreContext, cur: ItemRecord): { itemNo: number; code: string; taken: boolean } {
  if (cur.volume_id) {
    const v = ctx.sqlite.prepare('SELECT deleted_at FROM volumes WHERE id = ?').get(cur.volume_id) as
      { deleted_at: string | null } | undefined;
    if (!v || v.deleted_at) throw new AppError('NOT_FOUND', '本件所属的案卷已删除，不能单独撤销删除本件');
  }
  const clash = ctx.sqlite
    .prepare('SELECT 1 FROM items WHERE archive_code = ? AND deleted_at IS NULL AND id <> ?')
    .get(cur.archive_code, cur.id);
  if (!clash) return { itemNo: cur.item_no, code: cur.archive_code, taken: false };
  const cls = resolveClass(ctx, itemPlacement(cur));
  const itemNo = nextItemNo(ctx, cls);
  return { itemNo, code: itemArchiveCode(cls, itemNo), taken: true };
}

/** Who deleted it: the account here, else the name the audit log kept (an account since removed). */
function deleterName(ctx: CoreContext, cur: ItemRecord & { deleted_by?: string | null }): string | null {
  const user = cur.deleted_by
    ? (ctx.sqlite.prepare('SELECT display_name, username FROM users WHERE id = ?').get(cur.deleted_by) as
        { display_name: string; username: string } | undefined)
    : undefined;
  if (user) return `${user.display_name}(${user.username})`;
  const audit = ctx.sqlite
    .prepare(
      "SELECT actor_name FROM audit_log WHERE entity = 'item' AND entity_id = ? AND action = 'item.delete' ORDER BY seq DESC LIMIT 1",
    )
    .pluck()
    .get(cur.id) as string | undefined;
  return audit ?? null;
}

export function deletionInfo(ctx: CoreContext, s: Session, id: string): DeletionInfo {
  const cur = loadDeleted(ctx, id, s.clearance);
  let restoreCode = cur.archive_code;
  let codeTaken = false;
  let restoreBlocked: string | null = null;
  try {
    const plan = restorePlan(ctx, cur);
    restoreCode = plan.code;
    codeTaken = plan.taken;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    restoreBlocked = err.message;
  }
  return {
    deletedAt: cur.deleted_at,
    deletedBy: deleterName(ctx, cur),
    reason: cur.deleted_reason ?? '',
    restoreCode,
    codeTaken,
    restoreBlocked,
  };
}

export function restoreItem(ctx: CoreContext, s: Session, id: string, note: string, actor: Actor): RestoreResult {
  const cur = loadDeleted(ctx, id, s.clearance);
  const plan = restorePlan(ctx, cur);
  ctx.sqlite
    .prepare(
      `UPDATE items SET deleted_at=NULL, deleted_by=NULL, deleted_reason=NULL, item_no=?, archive_code=?,
         version=version+1, updated_at=? WHERE id=?`,
    )
    .run(plan.itemNo, plan.code, ctx.nowIso(), cur.id);
  if (plan.taken) {
    recordCodeChange(ctx, actor, {
      entity: 'item',
      id: cur.id,
      oldCode: cur.archive_code,
      newCode: plan.code,
      reason: `撤销删除时原档号已被占用${note ? `；${note}` : ''}`,
    });
  }
  recordChange(ctx, 'item', cur.id, cur.version + 1, 'update');
  appendAudit(ctx, actor, {
    action: 'item.restore',
    entity: 'item',
    entityId: cur.id,
    summary: plan.taken
      ? `撤销删除件《${cur.title}》：原档号 ${cur.archive_code} 已被占用，改为 ${plan.code}`
      : `撤销删除件 ${plan.code}《${cur.title}》`,
    details: {
      archiveCode: plan.code,
      previousCode: cur.archive_code,
      recoded: plan.taken,
      deletedAt: cur.deleted_at,
      deletedReason: cur.deleted_reason,
      note,
    },
  });
  return {
    item: toItemView(ctx, loadItem(ctx, cur.id, s.clearance)),
    previousCode: cur.archive_code,
    recoded: plan.taken,
  };
}
