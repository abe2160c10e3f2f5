/**
 * 更正归档位置: a record filed under the wrong 门类, 年度, 保管期限, 机构 (or volume) gets
 * the next 档号 in the right place, in one audited step, instead of delete-and-retype.
 * The old 档号 goes to archive_code_history, where search and the record's detail find it.
 */
import { eq, sql } from 'drizzle-orm';
import { items } from '../../../db/schema';
import type { ItemView } from '../../contract/dto';
import type { MethodParsed } from '../../contract/methods';
import type { PlacementPreview } from '../../contract/records';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, type Session, AppError } from '../kernel';
import {
  assertCodeFree,
  classColumns,
  classPlacement,
  itemArchiveCode,
  itemPlacement,
  nextItemNo,
  resolveClass,
  type ItemClass,
} from './class';
import { recordRecoded } from './code-history';
import { validateExtra } from './extra-fields';
import { loadItem, loadLiveItem } from './items';
import { toItemView, type ItemRecord } from './rows';

type Target = MethodParsed<'catalogue.placementPreview'>;

interface Plan {
  cur: ItemRecord;
  cls: ItemClass;
  itemNo: number;
  code: string;
  extra: Record<string, string>;
}

function planItem(ctx: CoreContext, s: Session, input: Target): Plan {
  const cur = loadLiveItem(ctx, input.id, s.clearance);
  const cls = resolveClass(ctx, input);
  // A volume above the caller's clearance does not exist for them, exactly like an unknown one.
  if (cls.volume && cls.volume.securityLevel > s.clearance) {
    throw new AppError('NOT_FOUND', '所属案卷不存在或不属于该门类', [{ path: ['volumeId'], message: '案卷不存在' }]);
  }
  const same =
    cls.category.id === cur.categoryId &&
    cls.year === cur.year &&
    cls.retention === cur.retention &&
    cls.orgCode === cur.orgCode &&
    (cls.volume?.id ?? null) === cur.volumeId;
  if (same) throw new AppError('PLACEMENT_UNCHANGED');
  let extra = JSON.parse(cur.extra) as Record<string, string>;
  if (cls.category.id !== cur.categoryId) {
    // Another 门类 may define other fields: nothing typed may be dropped on the way.
    try {
      extra = validateExtra(cls.category.effectiveFields, extra);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      throw new AppError(
        'VALIDATION_FAILED',
        `本件的附加字段与“${cls.category.name}”不符（${err.message}），请先在本件中修改后再更正`,
        [{ path: ['categoryId'], message: err.message }],
      );
    }
  }
  const itemNo = nextItemNo(ctx, cls);
  const code = itemArchiveCode(cls, itemNo);
  assertCodeFree(ctx, 'items', code, cur.id);
  return { cur, cls, itemNo, code, extra };
}

/** The 档号 the item would get, checked exactly as the correction will check it. */
export function previewItemPlacement(ctx: CoreContext, s: Session, input: Target): PlacementPreview {
  const p = planItem(ctx, s, input);
  return { from: p.cur.archiveCode, to: p.code };
}

export function correctItemPlacement(
  ctx: CoreContext,
  s: Session,
  input: MethodParsed<'catalogue.correctPlacement'>,
  actor: Actor,
): ItemView {
  const { cur, cls, itemNo, code, extra } = planItem(ctx, s, input);
  if (cur.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
  ctx.orm
    .update(items)
    .set({
      ...classColumns(cls),
      itemNo,
      archiveCode: code,
      extra: JSON.stringify(extra),
      version: sql`${items.version} + 1`,
      updatedAt: ctx.nowIso(),
    })
    .where(eq(items.id, cur.id))
    .run();
  recordRecoded(ctx, actor, 'item', cur, code, input.reason);
  appendAudit(ctx, actor, {
    action: 'item.correctPlacement',
    entity: 'item',
    entityId: cur.id,
    summary: `更正归档位置 ${cur.archiveCode} → ${code}《${cur.title}》，原因：${input.reason}`,
    details: {
      from: cur.archiveCode,
      to: code,
      reason: input.reason,
      before: itemPlacement(cur),
      after: classPlacement(cls),
    },
  });
  return toItemView(ctx, loadItem(ctx, cur.id, s.clearance));
}
