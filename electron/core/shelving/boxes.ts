/**
 * Confirming a boxing proposal: the proposal (as the clerk edited it) is checked again against
 * the archive as it is now, then its boxes, their contents, a history row per record boxed,
 * the boxes' place (through moveTo) and one audit row are written in one transaction.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { boxContents, boxes, locations, placeMoves, places, type BoxRecord } from '../../../db/schema';
import type { BoxConfirmResult, zBoxConfirm } from '../../contract/boxes';
import { appendAudit } from '../audit';
import { type Actor, AppError, type CoreContext, nodeIdOf, recordChange } from '../kernel';
import { boxView } from './box-queries';
import { type Boxable, boxablesById, classKey, classText, nextBoxNo } from './box-records';
import { boxCode } from './box-code';
import { moveTo } from './moves';

type ConfirmInput = z.output<typeof zBoxConfirm>;

const stale = (why: string) => new AppError('BOX_PROPOSAL_STALE', `${why}，装盒方案已过时，请重新生成方案`);
const broken = (why: string) => new AppError('BOX_RULE_BROKEN', why);

/** The place a confirmation shelves its boxes on, checked for room when its capacity is known. */
function placeFor(ctx: CoreContext, code: string | undefined, newBoxes: number): string | null {
  if (!code) return null;
  const place = ctx.orm
    .select()
    .from(places)
    .where(and(eq(places.code, code), isNull(places.deletedAt)))
    .get();
  if (!place) throw new AppError('BOX_PLACE_UNKNOWN', `没有编码为 ${code} 的库位`);
  if (place.capacity !== null) {
    const held =
      ctx.orm
        .select({ n: count() })
        .from(locations)
        .where(and(eq(locations.placeId, place.id), eq(locations.entity, 'box')))
        .get()?.n ?? 0;
    if (held + newBoxes > place.capacity)
      throw new AppError(
        'BOX_PLACE_FULL',
        `库位 ${place.name} 最多放 ${place.capacity} 盒，已有 ${held} 盒，放不下这 ${newBoxes} 盒`,
      );
  }
  return place.id;
}

/** The proposal's boxes re-checked: records live and loose, one class per box, numbers running on. */
function checkedBoxes(ctx: CoreContext, input: ConfirmInput): Boxable[][] {
  const found = boxablesById(ctx, input.entity, input.ids);
  const unit = input.entity === 'item' ? '件' : '卷';
  const rows = input.ids.map((id) => {
    const r = found.get(id);
    if (!r) throw stale(`有${unit}已被删除`);
    if (r.boxId) throw stale(`${r.archiveCode} 已装入 ${r.boxCode}`);
    if (r.volumeId) throw broken(`${r.archiveCode} 属于案卷，应随案卷装盒`);
    return r;
  });
  const next = new Map<string, number>();
  let at = 0;
  return input.boxes.map((b, i) => {
    const members = rows.slice(at, (at += b.size));
    const first = members[0]!;
    const key = classKey(first.class);
    if (members.some((m) => classKey(m.class) !== key))
      throw broken(`第 ${i + 1} 盒混有不同年度、门类、保管期限或机构的记录，一盒只能装同一类别`);
    members.forEach((m, j) => {
      if (j > 0 && m.no !== members[j - 1]!.no + 1)
        throw broken(
          `第 ${i + 1} 盒的${input.entity === 'item' ? '件号' : '案卷号'}不连续或顺序不对（${members[j - 1]!.no} 之后是 ${m.no}）`,
        );
    });
    const expected = next.get(key) ?? nextBoxNo(ctx, first.class);
    if (b.boxNo !== expected) throw stale(`${classText(first.class)} 的下一个盒号已是 ${expected}`);
    next.set(key, expected + 1);
    return members;
  });
}

/** Must run inside the caller's transaction (the handler's `mutation`). */
export function confirmBoxing(ctx: CoreContext, actor: Actor, input: ConfirmInput): BoxConfirmResult {
  const groups = checkedBoxes(ctx, input);
  const placeId = placeFor(ctx, input.placeCode, groups.length);
  const now = ctx.nowIso();
  const node = nodeIdOf(ctx);
  const made: BoxRecord[] = [];
  groups.forEach((members, i) => {
    const c = members[0]!.class;
    const spec = input.boxes[i]!;
    const box: BoxRecord = {
      id: ctx.ids(),
      nodeId: node,
      version: 1,
      code: boxCode(c, spec.boxNo),
      ...c,
      boxNo: spec.boxNo,
      thicknessMm: spec.thicknessMm,
      remarks: '',
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    ctx.orm.insert(boxes).values(box).run();
    recordChange(ctx, 'box', box.id, 1, 'insert');
    if (placeId) moveTo(ctx, actor, { entity: 'box', entityId: box.id, toPlaceId: placeId, reason: 'shelve' });
    members.forEach((m, position) => {
      ctx.orm.insert(boxContents).values({ entity: input.entity, entityId: m.id, boxId: box.id, position }).run();
      recordChange(ctx, 'box_content', `${input.entity}:${m.id}`, 1, 'insert');
      // A loose volume leaves its shelf for the box: moveTo writes that history row; we add the box.
      const off =
        input.entity === 'volume'
          ? moveTo(ctx, actor, { entity: 'volume', entityId: m.id, toPlaceId: null, reason: 'box' })
          : null;
      if (off)
        ctx.orm.update(placeMoves).set({ toBoxId: box.id, toPlaceId: placeId }).where(eq(placeMoves.id, off.id)).run();
      else
        ctx.orm
          .insert(placeMoves)
          .values({
            id: ctx.ids(),
            nodeId: node,
            entity: input.entity,
            entityId: m.id,
            fromPlaceId: null,
            toPlaceId: placeId,
            fromBoxId: null,
            toBoxId: box.id,
            reason: 'box',
            stocktakeId: null,
            movedBy: actor.id,
            movedByName: actor.name,
            movedAt: now,
          })
          .run();
    });
    made.push(box);
  });
  const ranges = groups.map((g, i) => ({
    code: made[i]!.code,
    boxNo: made[i]!.boxNo,
    firstNo: g[0]!.no,
    lastNo: g[g.length - 1]!.no,
    count: g.length,
  }));
  const unit = input.entity === 'item' ? '件' : '卷';
  appendAudit(ctx, actor, {
    action: 'box.confirm',
    entity: 'box',
    entityId: made[0]!.id,
    summary:
      `装盒 ${made.length} 盒 ${input.ids.length} ${unit}：` +
      ranges
        .slice(0, 5)
        .map((r) => `${r.code}（${r.firstNo}–${r.lastNo}）`)
        .join('、') +
      (ranges.length > 5 ? ` 等` : ''),
    details: {
      entity: input.entity,
      boxes: ranges,
      placeId,
      // The entry hides from those below the highest 密级 boxed.
      securityLevel: Math.max(...groups.flat().map((r) => r.level)),
    },
  });
  return { boxes: made.map((b) => boxView(ctx, b)), boxed: input.ids.length };
}
