/** Taking records out of a box (or emptying and discarding it) and adjusting a box's thickness or remarks. */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { boxContents, boxes, placeMoves } from '../../../db/schema';
import type { BoxUnboxResult, BoxView, zBoxUnbox, zBoxUpdate } from '../../contract/boxes';
import { appendAudit } from '../audit';
import { type Actor, AppError, type CoreContext, nodeIdOf, recordChange } from '../kernel';
import { boxMembers, boxView, liveBox } from './box-queries';
import { locationOf, moveTo } from './moves';

type UnboxInput = z.output<typeof zBoxUnbox>;

/** Must run inside the caller's transaction. */
export function unbox(ctx: CoreContext, actor: Actor, clearance: number, input: UnboxInput): BoxUnboxResult {
  const box = liveBox(ctx, input.boxId);
  const all = boxMembers(ctx, box.id);
  const named = input.itemIds ?? input.volumeIds;
  const whole = named === undefined;
  if (whole && all.some((m) => m.level > clearance))
    throw new AppError('CLEARANCE_EXCEEDED', '盒内有超出本人密级的记录，不能清空此盒');
  const wanted = new Set(named ?? all.map((m) => m.id));
  const out = all.filter((m) => wanted.has(m.id));
  if (!whole && out.length !== wanted.size)
    throw new AppError('BOX_RULE_BROKEN', `所选记录中有 ${wanted.size - out.length} 条不在盒 ${box.code} 中`);
  const placeId = locationOf(ctx, 'box', box.id);
  const now = ctx.nowIso();
  const node = nodeIdOf(ctx);
  for (const m of out) {
    ctx.orm
      .delete(boxContents)
      .where(and(eq(boxContents.entity, m.entity), eq(boxContents.entityId, m.id)))
      .run();
    recordChange(ctx, 'box_content', `${m.entity}:${m.id}`, 1, 'delete');
    ctx.orm
      .insert(placeMoves)
      .values({
        id: ctx.ids(),
        nodeId: node,
        entity: m.entity,
        entityId: m.id,
        fromPlaceId: placeId,
        toPlaceId: null,
        fromBoxId: box.id,
        toBoxId: null,
        reason: 'unbox',
        stocktakeId: null,
        movedBy: actor.id,
        movedByName: actor.name,
        movedAt: now,
      })
      .run();
  }
  if (whole) {
    moveTo(ctx, actor, { entity: 'box', entityId: box.id, toPlaceId: null, reason: 'unbox' });
    ctx.orm
      .update(boxes)
      .set({ deletedAt: now, updatedAt: now, version: sql`${boxes.version} + 1` })
      .where(eq(boxes.id, box.id))
      .run();
    recordChange(ctx, 'box', box.id, box.version + 1, 'delete');
  }
  const nos = out.map((m) => m.no).sort((a, b) => a - b);
  appendAudit(ctx, actor, {
    action: whole ? 'box.delete' : 'box.unbox',
    entity: 'box',
    entityId: box.id,
    summary: whole
      ? `清空并撤销档案盒 ${box.code}（取出 ${out.length} 条）`
      : `从档案盒 ${box.code} 取出 ${out.length} 条（${nos.join('、')}）`,
    details: {
      code: box.code,
      removed: out.map((m) => m.archiveCode),
      securityLevel: Math.max(0, ...out.map((m) => m.level)),
    },
  });
  return { removed: out.length, deleted: whole };
}

/** Must run inside the caller's transaction. */
export function updateBox(ctx: CoreContext, actor: Actor, input: z.output<typeof zBoxUpdate>): BoxView {
  const box = liveBox(ctx, input.id);
  if (box.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
  const after = {
    thicknessMm: input.thicknessMm ?? box.thicknessMm,
    remarks: input.remarks ?? box.remarks,
  };
  const now = ctx.nowIso();
  ctx.orm
    .update(boxes)
    .set({ ...after, version: box.version + 1, updatedAt: now })
    .where(eq(boxes.id, box.id))
    .run();
  recordChange(ctx, 'box', box.id, box.version + 1, 'update');
  appendAudit(ctx, actor, {
    action: 'box.update',
    entity: 'box',
    entityId: box.id,
    summary: `修改档案盒 ${box.code}`,
    details: {
      before: { thicknessMm: box.thicknessMm, remarks: box.remarks },
      after,
    },
  });
  return boxView(ctx, { ...box, ...after, version: box.version + 1, updatedAt: now });
}
