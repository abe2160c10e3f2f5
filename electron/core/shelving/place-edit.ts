/** Creating, renaming, moving (under another parent) and deleting places. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { places, type PlaceRecord, stocktakes } from '../../../db/schema';
import type { PlaceNode, zPlaceSave } from '../../contract/places';
import { appendAudit } from '../audit';
import { AppError, type Actor, type CoreContext, inTransaction, nodeIdOf, recordChange } from '../kernel';
import { placeLevels } from './place-levels';
import { livePlace, placeTreeView } from './place-tree-view';
import { holdingsUnder, loadPlaceTree, placePath, subtreeIds, type PlaceTree } from './tree';

type SaveInput = z.output<typeof zPlaceSave>;

/** CODE_TAKEN in Chinese when a live place other than `selfId` already has the code. */
export function checkCodeFree(ctx: CoreContext, tree: PlaceTree, code: string, selfId?: string): void {
  const clash = ctx.orm
    .select({ id: places.id })
    .from(places)
    .where(and(eq(places.code, code), isNull(places.deletedAt)))
    .get();
  if (clash && clash.id !== selfId)
    throw new AppError('DUPLICATE_PLACE_CODE', `库位编码 ${code} 已用于“${placePath(tree, clash.id)}”`);
}

const nodeOf = (ctx: CoreContext, id: string): PlaceNode => placeTreeView(ctx).places.find((p) => p.id === id)!;

export function savePlace(ctx: CoreContext, actor: Actor, raw: SaveInput): PlaceNode {
  const tree = loadPlaceTree(ctx);
  const levels = placeLevels(ctx);
  const current = raw.id ? livePlace(tree, raw.id) : null;
  const input = { ...raw, parentId: raw.parentId === undefined ? (current?.parentId ?? null) : raw.parentId };
  const parent = input.parentId ? livePlace(tree, input.parentId, '上级库位') : null;
  const depth = parent ? parent.depth + 1 : 0;
  checkCodeFree(ctx, tree, input.code, input.id);
  const now = ctx.nowIso();
  if (!input.id) {
    if (depth >= levels.depth)
      throw new AppError(
        'PLACE_TOO_DEEP',
        `“${placePath(tree, parent!.id)}”已是最末一级（${levels.names.at(-1)}），不能再往下添加库位`,
      );
    const siblings = tree.children.get(input.parentId) ?? [];
    const row: PlaceRecord = {
      id: ctx.ids(),
      nodeId: nodeIdOf(ctx),
      version: 1,
      parentId: input.parentId,
      depth,
      code: input.code,
      name: input.name,
      position: input.position ?? Math.max(-1, ...siblings.map((s) => s.position)) + 1,
      roomId: null,
      capacity: input.capacity,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    return inTransaction(
      ctx,
      () => {
        ctx.orm.insert(places).values(row).run();
        recordChange(ctx, 'place', row.id, 1, 'insert');
        appendAudit(ctx, actor, {
          action: 'place.create',
          entity: 'place',
          entityId: row.id,
          summary: `新增库位 ${row.code} ${parent ? placePath(tree, parent.id) + ' / ' : ''}${row.name}`,
          details: { code: row.code, name: row.name, parentId: row.parentId, capacity: row.capacity },
        });
        return nodeOf(ctx, row.id);
      },
      { catalogue: false },
    );
  }
  const cur = current!;
  if (input.expectedVersion !== undefined && input.expectedVersion !== cur.version)
    throw new AppError('VERSION_CONFLICT');
  const sub = subtreeIds(tree, cur.id);
  if (input.parentId && sub.includes(input.parentId))
    throw new AppError('PLACE_BAD_PARENT', '不能把库位移到它自己或它下级的库位之下');
  const shift = depth - cur.depth;
  const deepest = Math.max(...sub.map((id) => tree.byId.get(id)!.depth)) + shift;
  if (deepest >= levels.depth)
    throw new AppError(
      'PLACE_TOO_DEEP',
      `移到这里后最深的库位将是第 ${deepest + 1} 级，超过已设置的 ${levels.depth} 级`,
    );
  const moved = cur.parentId !== input.parentId;
  return inTransaction(
    ctx,
    () => {
      ctx.orm
        .update(places)
        .set({
          code: input.code,
          name: input.name,
          capacity: input.capacity,
          parentId: input.parentId,
          depth,
          ...(input.position !== undefined ? { position: input.position } : {}),
          version: sql`${places.version} + 1`,
          updatedAt: now,
        })
        .where(eq(places.id, cur.id))
        .run();
      recordChange(ctx, 'place', cur.id, cur.version + 1, 'update');
      if (shift !== 0 && sub.length > 1) {
        const below = sub.slice(1);
        ctx.orm
          .update(places)
          .set({ depth: sql`${places.depth} + ${shift}`, version: sql`${places.version} + 1`, updatedAt: now })
          .where(inArray(places.id, below))
          .run();
        for (const id of below) recordChange(ctx, 'place', id, tree.byId.get(id)!.version + 1, 'update');
      }
      const to = input.parentId ? placePath(tree, input.parentId) + ' / ' : '';
      appendAudit(ctx, actor, {
        action: 'place.update',
        entity: 'place',
        entityId: cur.id,
        summary: moved
          ? `库位 ${cur.code} ${placePath(tree, cur.id)} 移到 ${to}${input.name}`
          : `修改库位 ${cur.code} ${cur.name} → ${input.code} ${input.name}`,
        details: {
          before: { code: cur.code, name: cur.name, parentId: cur.parentId, capacity: cur.capacity },
          after: { code: input.code, name: input.name, parentId: input.parentId, capacity: input.capacity },
        },
      });
      return nodeOf(ctx, cur.id);
    },
    { catalogue: false },
  );
}

/** Deletes a place and everything under it, only when no box or volume stands there. */
export function deletePlace(ctx: CoreContext, actor: Actor, id: string): { deleted: number } {
  const tree = loadPlaceTree(ctx);
  const cur = livePlace(tree, id);
  const held = holdingsUnder(ctx, tree, id);
  if (held.length > 0) {
    const boxes = held.filter((h) => h.entity === 'box').length;
    const vols = held.length - boxes;
    const what = [boxes ? `${boxes} 个档案盒` : '', vols ? `${vols} 卷案卷` : ''].filter(Boolean).join('、');
    throw new AppError('PLACE_NOT_EMPTY', `“${placePath(tree, id)}”及其下级还存放着 ${what}，请先移走再删除`, {
      boxes,
      volumes: vols,
    });
  }
  const sub = subtreeIds(tree, id);
  refuseUnderOpenStocktake(ctx, tree, id, sub);
  const now = ctx.nowIso();
  return inTransaction(
    ctx,
    () => {
      ctx.orm
        .update(places)
        .set({ deletedAt: now, updatedAt: now, version: sql`${places.version} + 1` })
        .where(inArray(places.id, sub))
        .run();
      for (const pid of sub) recordChange(ctx, 'place', pid, tree.byId.get(pid)!.version + 1, 'delete');
      appendAudit(ctx, actor, {
        action: 'place.delete',
        entity: 'place',
        entityId: id,
        summary: `删除库位 ${cur.code} ${placePath(tree, id)}${sub.length > 1 ? `（连同下级 ${sub.length - 1} 个）` : ''}`,
        details: { ids: sub },
      });
      return { deleted: sub.length };
    },
    { catalogue: false },
  );
}

/**
 * An open stock-take counts its range as it stood when it began: a place deleted inside it
 * (or the range itself) would leave its scans pointing nowhere. Read from the table, as the
 * stocktake domain builds on this one.
 */
function refuseUnderOpenStocktake(ctx: CoreContext, tree: PlaceTree, id: string, sub: string[]): void {
  const open = ctx.orm
    .select({ title: stocktakes.title, placeId: stocktakes.placeId })
    .from(stocktakes)
    .where(eq(stocktakes.status, 'open'))
    .all();
  const hit = open.find((s) => sub.includes(s.placeId) || subtreeIds(tree, s.placeId).includes(id));
  if (hit)
    throw new AppError(
      'PLACE_IN_STOCKTAKE',
      `“${placePath(tree, id)}”在未完成的盘点“${hit.title}”（${placePath(tree, hit.placeId)}）范围内，请先完成或取消盘点再删除`,
    );
}
