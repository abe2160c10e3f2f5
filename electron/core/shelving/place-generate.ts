/**
 * Setting up a 密集架 in one go: under a parent, N 列 × M 节 × K 层, named 第1列 / 第1节 /
 * 第1层 and coded parent-code + two-digit segments (A1-01-02-03), so labels sort and read
 * in the order the clerk walks the aisle.
 */
import type { z } from 'zod';
import { places, type PlaceRecord } from '../../../db/schema';
import type { PlaceGenerateResult, zPlaceGenerate } from '../../contract/places';
import { appendAudit } from '../audit';
import { AppError, type Actor, type CoreContext, inTransaction, nodeIdOf, recordChange } from '../kernel';
import { placeLevels } from './place-levels';
import { livePlace } from './place-tree-view';
import { loadPlaceTree, placePath } from './tree';
import { and, inArray, isNull } from 'drizzle-orm';

type GenerateInput = z.output<typeof zPlaceGenerate>;

const seg = (n: number) => String(n).padStart(2, '0');

export function generateShelves(ctx: CoreContext, actor: Actor, input: GenerateInput): PlaceGenerateResult {
  const tree = loadPlaceTree(ctx);
  const levels = placeLevels(ctx);
  const parent = livePlace(tree, input.parentId, '上级库位');
  if (parent.depth + 3 >= levels.depth)
    throw new AppError(
      'PLACE_TOO_DEEP',
      `“${placePath(tree, parent.id)}”下面不足三级（列、节、层），请在更上一级生成，或增加库位层级`,
    );
  const siblings = tree.children.get(parent.id) ?? [];
  const firstColumn = siblings.length + 1;
  const now = ctx.nowIso();
  const rows: PlaceRecord[] = [];
  const columnIds: string[] = [];
  const add = (
    parentId: string,
    depth: number,
    code: string,
    name: string,
    position: number,
    capacity: number | null,
  ) => {
    const row: PlaceRecord = {
      id: ctx.ids(),
      nodeId: nodeIdOf(ctx),
      version: 1,
      parentId,
      depth,
      code,
      name,
      position,
      roomId: null,
      capacity,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    rows.push(row);
    return row.id;
  };
  for (let c = 0; c < input.columns; c++) {
    const n = firstColumn + c;
    const colCode = `${parent.code}-${seg(n)}`;
    const colId = add(parent.id, parent.depth + 1, colCode, `第${n}列`, siblings.length + c, null);
    columnIds.push(colId);
    for (let s = 1; s <= input.sections; s++) {
      const secId = add(colId, parent.depth + 2, `${colCode}-${seg(s)}`, `第${s}节`, s - 1, null);
      for (let k = 1; k <= input.shelves; k++)
        add(secId, parent.depth + 3, `${colCode}-${seg(s)}-${seg(k)}`, `第${k}层`, k - 1, input.capacity);
    }
  }
  const codes = rows.map((r) => r.code);
  if (codes.some((code) => code.length > 32))
    throw new AppError('VALIDATION_FAILED', `上级库位编码 ${parent.code} 过长，生成的编码将超过 32 位`);
  for (let i = 0; i < codes.length; i += 500) {
    const clash = ctx.orm
      .select({ id: places.id, code: places.code })
      .from(places)
      .where(and(inArray(places.code, codes.slice(i, i + 500)), isNull(places.deletedAt)))
      .get();
    if (clash)
      throw new AppError(
        'DUPLICATE_PLACE_CODE',
        `将生成的库位编码 ${clash.code} 已用于“${placePath(tree, clash.id)}”，未生成任何库位`,
      );
  }
  return inTransaction(
    ctx,
    () => {
      for (let i = 0; i < rows.length; i += 200)
        ctx.orm
          .insert(places)
          .values(rows.slice(i, i + 200))
          .run();
      for (const r of rows) recordChange(ctx, 'place', r.id, 1, 'insert');
      const last = firstColumn + input.columns - 1;
      appendAudit(ctx, actor, {
        action: 'place.generate',
        entity: 'place',
        entityId: parent.id,
        summary: `在“${placePath(tree, parent.id)}”下生成密集架 第${firstColumn}${last > firstColumn ? `–${last}` : ''}列，每列 ${input.sections} 节、每节 ${input.shelves} 层，共 ${rows.length} 个库位`,
        details: { ...input, created: rows.length },
      });
      return { created: rows.length, columnIds };
    },
    { catalogue: false },
  );
}
