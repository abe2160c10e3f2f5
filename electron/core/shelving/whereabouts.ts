/**
 * Where a record stands and how it got there. An item or a boxed volume stands where its box
 * stands; its history is the moves of the record itself, of its volume, and of the boxes that
 * hold them, newest first, so the detail shows one story whichever of them was moved.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { boxContents, boxes, items, placeMoves, volumes } from '../../../db/schema';
import type { MoveView, WhereaboutsView } from '../../contract/places';
import { AppError, type CoreContext } from '../kernel';
import { locationOf } from './moves';
import { loadPlaceTree, placePath } from './tree';

const MAX_HISTORY = 200;

function boxOf(ctx: CoreContext, entity: 'item' | 'volume', id: string) {
  return (
    ctx.orm
      .select({ id: boxes.id, code: boxes.code })
      .from(boxContents)
      .innerJoin(boxes, eq(boxes.id, boxContents.boxId))
      .where(and(eq(boxContents.entity, entity), eq(boxContents.entityId, id)))
      .get() ?? null
  );
}

export function whereabouts(
  ctx: CoreContext,
  input: { itemId?: string; volumeId?: string; boxId?: string },
): WhereaboutsView {
  const subjects: string[] = [];
  let box: { id: string; code: string } | null = null;
  let volumeId: string | null = input.volumeId ?? null;
  if (input.itemId) {
    const it = ctx.orm.select({ volumeId: items.volumeId }).from(items).where(eq(items.id, input.itemId)).get();
    if (!it) throw new AppError('NOT_FOUND');
    subjects.push(input.itemId);
    box = boxOf(ctx, 'item', input.itemId);
    volumeId = it.volumeId ?? null;
  }
  if (volumeId) {
    if (input.volumeId) {
      const v = ctx.orm.select({ id: volumes.id }).from(volumes).where(eq(volumes.id, volumeId)).get();
      if (!v) throw new AppError('NOT_FOUND');
    }
    subjects.push(volumeId);
    const vb = boxOf(ctx, 'volume', volumeId);
    if (vb) {
      subjects.push(vb.id);
      box ??= vb;
    }
  }
  if (input.boxId) {
    const b = ctx.orm
      .select({ id: boxes.id, code: boxes.code })
      .from(boxes)
      .where(and(eq(boxes.id, input.boxId), isNull(boxes.deletedAt)))
      .get();
    if (!b) throw new AppError('NOT_FOUND', '档案盒不存在或已撤销');
    box = b;
  }
  if (box && !subjects.includes(box.id)) subjects.push(box.id);
  const placeId = box ? locationOf(ctx, 'box', box.id) : volumeId ? locationOf(ctx, 'volume', volumeId) : null;
  const tree = loadPlaceTree(ctx);
  const codes = codesOf(ctx, subjects);
  const history: MoveView[] = ctx.orm
    .select()
    .from(placeMoves)
    .where(inArray(placeMoves.entityId, subjects))
    .orderBy(desc(placeMoves.movedAt), desc(placeMoves.id))
    .limit(MAX_HISTORY)
    .all()
    .map((m) => ({
      id: m.id,
      entity: m.entity,
      entityId: m.entityId,
      what: codes.get(m.entityId) ?? '',
      fromPath: m.fromPlaceId ? placePath(tree, m.fromPlaceId) || '（已删除的库位）' : null,
      toPath: m.toPlaceId ? placePath(tree, m.toPlaceId) || '（已删除的库位）' : null,
      fromBox: m.fromBoxId ? (codes.get(m.fromBoxId) ?? boxCodeOf(ctx, m.fromBoxId)) : null,
      toBox: m.toBoxId ? (codes.get(m.toBoxId) ?? boxCodeOf(ctx, m.toBoxId)) : null,
      reason: m.reason,
      movedByName: m.movedByName,
      movedAt: m.movedAt,
    }));
  const place = placeId ? tree.byId.get(placeId) : undefined;
  return {
    placeId: place?.id ?? null,
    placeCode: place?.code ?? null,
    placePath: place ? placePath(tree, place.id) : null,
    box,
    history,
  };
}

const boxCodeOf = (ctx: CoreContext, id: string): string =>
  ctx.orm.select({ code: boxes.code }).from(boxes).where(eq(boxes.id, id)).get()?.code ?? '';

/** 盒 code or 档号 of each subject, as the history names them. */
function codesOf(ctx: CoreContext, ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of ctx.orm.select({ id: boxes.id, code: boxes.code }).from(boxes).where(inArray(boxes.id, ids)).all())
    out.set(b.id, b.code);
  for (const v of ctx.orm
    .select({ id: volumes.id, code: volumes.archiveCode })
    .from(volumes)
    .where(inArray(volumes.id, ids))
    .all())
    out.set(v.id, v.code);
  for (const i of ctx.orm
    .select({ id: items.id, code: items.archiveCode })
    .from(items)
    .where(inArray(items.id, ids))
    .all())
    out.set(i.id, i.code);
  return out;
}
