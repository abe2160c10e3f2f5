/** Moving boxes and loose volumes to a place by hand (移库), and what stands in a place. */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { boxContents, boxes, volumes } from '../../../db/schema';
import type { PlaceHolding, PlaceHoldingsView, PlaceMoveResult, zPlaceMove } from '../../contract/places';
import { appendAudit } from '../audit';
import { AppError, type Actor, type CoreContext, inTransaction } from '../kernel';
import { locationOf, moveTo } from './moves';
import { livePlace } from './place-tree-view';
import { holdingsUnder, loadPlaceTree, placePath } from './tree';

type MoveInput = z.output<typeof zPlaceMove>;

const chunks = <T>(xs: T[], n = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

function liveBoxes(ctx: CoreContext, ids: string[]) {
  return chunks(ids).flatMap((part) =>
    ctx.orm
      .select({ id: boxes.id, code: boxes.code, year: boxes.year, retention: boxes.retention })
      .from(boxes)
      .where(and(inArray(boxes.id, part), isNull(boxes.deletedAt)))
      .all(),
  );
}

function liveVolumes(ctx: CoreContext, ids: string[]) {
  return chunks(ids).flatMap((part) =>
    ctx.orm
      .select({ id: volumes.id, code: volumes.archiveCode, title: volumes.title, level: volumes.securityLevel })
      .from(volumes)
      .where(and(inArray(volumes.id, part), isNull(volumes.deletedAt)))
      .all(),
  );
}

export function moveHoldings(ctx: CoreContext, actor: Actor, input: MoveInput): PlaceMoveResult {
  const tree = loadPlaceTree(ctx);
  const to = livePlace(tree, input.placeId, '目标库位');
  const boxIds = [...new Set(input.boxIds)];
  const volumeIds = [...new Set(input.volumeIds)];
  const bs = liveBoxes(ctx, boxIds);
  if (bs.length !== boxIds.length) throw new AppError('NOT_FOUND', '有档案盒不存在或已撤销');
  const vs = liveVolumes(ctx, volumeIds);
  if (vs.length !== volumeIds.length) throw new AppError('NOT_FOUND');
  for (const part of chunks(volumeIds)) {
    const boxed = ctx.orm
      .select({ volumeId: boxContents.entityId, box: boxes.code })
      .from(boxContents)
      .innerJoin(boxes, eq(boxes.id, boxContents.boxId))
      .where(and(eq(boxContents.entity, 'volume'), inArray(boxContents.entityId, part)))
      .get();
    if (boxed) {
      const code = vs.find((v) => v.id === boxed.volumeId)?.code ?? '';
      throw new AppError('VOLUME_IN_BOX', `案卷 ${code} 装在档案盒 ${boxed.box} 中，请移动整个档案盒`);
    }
  }
  return inTransaction(
    ctx,
    () => {
      const lines: string[] = [];
      let moved = 0;
      const one = (entity: 'box' | 'volume', id: string, code: string) => {
        const from = locationOf(ctx, entity, id);
        const row = moveTo(ctx, actor, { entity, entityId: id, toPlaceId: to.id, reason: 'move' });
        if (!row) return;
        moved++;
        lines.push(`${entity === 'box' ? '盒' : '卷'} ${code}：${from ? placePath(tree, from) : '未上架'}`);
      };
      for (const b of bs) one('box', b.id, b.code);
      for (const v of vs) one('volume', v.id, v.code);
      if (moved > 0) {
        const nb = lines.filter((l) => l.startsWith('盒')).length;
        const what = [nb ? `${nb} 个档案盒` : '', moved - nb ? `${moved - nb} 卷案卷` : ''].filter(Boolean).join('、');
        appendAudit(ctx, actor, {
          action: 'place.move',
          entity: 'place',
          entityId: to.id,
          summary: `移动 ${what} 到 ${to.code} ${placePath(tree, to.id)}（${lines.slice(0, 5).join('；')}${lines.length > 5 ? ' 等' : ''}）`,
          details: { to: to.id, boxIds, volumeIds, from: lines },
        });
      }
      return { moved, unchanged: bs.length + vs.length - moved };
    },
    { catalogue: false },
  );
}

/** `clearance`: a volume above it is listed by its 档号 only (its 题名 is not the caller's to read). */
export function holdingsView(ctx: CoreContext, placeId: string, limit: number, clearance: number): PlaceHoldingsView {
  const tree = loadPlaceTree(ctx);
  livePlace(tree, placeId);
  const all = holdingsUnder(ctx, tree, placeId);
  const shown = all.slice(0, limit);
  const at = new Map(shown.map((h) => [`${h.entity}:${h.entityId}`, h.placeId]));
  const out: PlaceHolding[] = [];
  for (const b of liveBoxes(
    ctx,
    shown.filter((h) => h.entity === 'box').map((h) => h.entityId),
  )) {
    const placeId = at.get(`box:${b.id}`)!;
    out.push({
      entity: 'box',
      id: b.id,
      code: b.code,
      title: `${b.year} 年 ${b.retention}`,
      placeId,
      placePath: placePath(tree, placeId),
    });
  }
  for (const v of liveVolumes(
    ctx,
    shown.filter((h) => h.entity === 'volume').map((h) => h.entityId),
  )) {
    const placeId = at.get(`volume:${v.id}`)!;
    out.push({
      entity: 'volume',
      id: v.id,
      code: v.code,
      title: v.level > clearance ? '（密级受限）' : v.title,
      placeId,
      placePath: placePath(tree, placeId),
    });
  }
  out.sort((a, b) => a.placePath.localeCompare(b.placePath, 'zh') || a.code.localeCompare(b.code));
  return { holdings: out, total: all.length };
}
