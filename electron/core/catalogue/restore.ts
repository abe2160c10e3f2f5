/**
 * A deleted item's tombstone (who deleted it, when, why) and 撤销删除. A restored item
 * keeps its 档号 when that is still free; otherwise it gets the next number in its class,
 * and the old 档号 goes to its history, as with a 更正归档位置.
 */
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { auditLog, items, users, volumes } from '../../../db/schema';
import type { DeletionInfo, RestoreResult } from '../../contract/records';
import { appendAudit } from '../audit';
import { recordChange, type Actor, type CoreContext, type Session, AppError } from '../kernel';
import { itemArchiveCode, itemPlacement, nextItemNo, resolveClass } from './class';
import { recordCodeChange } from './code-history';
import { loadItem } from './items';
import { toItemView, type ItemRecord } from './rows';

function loadDeleted(ctx: CoreContext, id: string, clearance: number): ItemRecord & { deletedAt: string } {
  const cur = loadItem(ctx, id, clearance);
  if (!cur.deletedAt) throw new AppError('NOT_DELETED');
  return { ...cur, deletedAt: cur.deletedAt };
}

/** The 档号 a restore gives back: the item's own when free, else the next one in its class. */
function restorePlan(ctx: CoreContext, cur: ItemRecord): { itemNo: number; code: string; taken: boolean } {
  if (cur.volumeId) {
    const v = ctx.orm.select({ deletedAt: volumes.deletedAt }).from(volumes).where(eq(volumes.id, cur.volumeId)).get();
    if (!v || v.deletedAt) throw new AppError('NOT_FOUND', '本件所属的案卷已删除，不能单独撤销删除本件');
  }
  const clash = ctx.orm
    .select({ id: items.id })
    .from(items)
    .where(and(eq(items.archiveCode, cur.archiveCode), isNull(items.deletedAt), ne(items.id, cur.id)))
    .get();
  if (!clash) return { itemNo: cur.itemNo, code: cur.archiveCode, taken: false };
  const cls = resolveClass(ctx, itemPlacement(cur));
  const itemNo = nextItemNo(ctx, cls);
  return { itemNo, code: itemArchiveCode(cls, itemNo), taken: true };
}

/** Who deleted it: the account here, else the name the audit log kept (an account since removed). */
function deleterName(ctx: CoreContext, cur: ItemRecord): string | null {
  const user = cur.deletedBy
    ? ctx.orm
        .select({ displayName: users.displayName, username: users.username })
        .from(users)
        .where(eq(users.id, cur.deletedBy))
        .get()
    : undefined;
  if (user) return `${user.displayName}(${user.username})`;
  const audit = ctx.orm
    .select({ actorName: auditLog.actorName })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'item'), eq(auditLog.entityId, cur.id), eq(auditLog.action, 'item.delete')))
    .orderBy(desc(auditLog.seq))
    .limit(1)
    .get();
  return audit?.actorName ?? null;
}

export function deletionInfo(ctx: CoreContext, s: Session, id: string): DeletionInfo {
  const cur = loadDeleted(ctx, id, s.clearance);
  let restoreCode = cur.archiveCode;
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
    deletedAt: cur.deletedAt,
    deletedBy: deleterName(ctx, cur),
    reason: cur.deletedReason ?? '',
    restoreCode,
    codeTaken,
    restoreBlocked,
  };
}

export function restoreItem(ctx: CoreContext, s: Session, id: string, note: string, actor: Actor): RestoreResult {
  const cur = loadDeleted(ctx, id, s.clearance);
  const plan = restorePlan(ctx, cur);
  ctx.orm
    .update(items)
    .set({
      deletedAt: null,
      deletedBy: null,
      deletedReason: null,
      itemNo: plan.itemNo,
      archiveCode: plan.code,
      version: sql`${items.version} + 1`,
      updatedAt: ctx.nowIso(),
    })
    .where(eq(items.id, cur.id))
    .run();
  if (plan.taken) {
    recordCodeChange(ctx, actor, {
      entity: 'item',
      id: cur.id,
      oldCode: cur.archiveCode,
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
      ? `撤销删除件《${cur.title}》：原档号 ${cur.archiveCode} 已被占用，改为 ${plan.code}`
      : `撤销删除件 ${plan.code}《${cur.title}》`,
    details: {
      archiveCode: plan.code,
      previousCode: cur.archiveCode,
      recoded: plan.taken,
      deletedAt: cur.deletedAt,
      deletedReason: cur.deletedReason,
      note,
    },
  });
  return {
    item: toItemView(ctx, loadItem(ctx, cur.id, s.clearance)),
    previousCode: cur.archiveCode,
    recoded: plan.taken,
  };
}
