/**
 * The shared shelving core every issue-18 slice builds on: label payloads survive a keyboard
 * wedge (ASCII only) and resolve back to the live record, a move is one location and one
 * history row (none when nothing moved), and a place range holds what stands under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxes, places, placeMoves } from '../../db/schema';
import { inTransaction } from '../../electron/core/kernel';
import {
  boxCode,
  holdingsUnder,
  labelPayload,
  loadPlaceTree,
  locationOf,
  moveTo,
  parseLabel,
  placePath,
  resolveLabel,
  subtreeIds,
} from '../../electron/core/shelving';
import { categoryId, makeTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
let volumeId: string;
let volumeCode: string;
const actor = { id: null, name: '测试员' };

function place(id: string, parentId: string | null, depth: number, code: string, name: string) {
  const now = t.core.ctx.nowIso();
  t.core.ctx.orm
    .insert(places)
    .values({ id, nodeId: 'n', parentId, depth, code, name, createdAt: now, updatedAt: now })
    .run();
}

beforeAll(async () => {
  t = await makeTestCore();
  const jt = await categoryId(t, 'ZY·JT');
  const v = await t.ok('volumes.create', { categoryId: jt, year: 2024, title: '测试案卷' }, t.adminToken);
  volumeId = v.id;
  volumeCode = v.archiveCode;
  place('k1', null, 0, 'K1', '一号库房');
  place('r1', 'k1', 1, 'K1-A', 'A区');
  place('s1', 'r1', 2, 'K1-A-01', '第1层');
  place('k2', null, 0, 'K2', '二号库房');
  const now = t.core.ctx.nowIso();
  const cls = { fondsCode: 'J001', categoryCode: 'ZY', year: 2024, retention: 'Y' as const, orgCode: '' };
  t.core.ctx.orm
    .insert(boxes)
    .values({
      id: 'b1',
      nodeId: 'n',
      code: boxCode(cls, 7),
      categoryId: jt,
      boxNo: 7,
      createdAt: now,
      updatedAt: now,
      ...cls,
    })
    .run();
}, 60_000);
afterAll(() => t?.close());

describe('label payloads', () => {
  it('are ASCII: the 档号 middle dot travels as a full stop and comes back', () => {
    expect(volumeCode).toContain('·');
    const payload = labelPayload('volume', volumeCode, volumeId);
    expect(payload).toMatch(/^V\/[\x20-\x7e]+$/);
    expect(resolveLabel(t.core.ctx, payload)).toEqual({ kind: 'volume', id: volumeId, code: volumeCode });
    expect(resolveLabel(t.core.ctx, ` ${payload.toLowerCase().slice(0, 2)}${payload.slice(2)} `)?.id).toBe(volumeId);
  });
  it('fall back to the id when a code holds other non-ASCII characters', () => {
    expect(labelPayload('place', '一号库房', 'k1')).toBe('P#k1');
    expect(resolveLabel(t.core.ctx, 'P#k1')).toEqual({ kind: 'place', id: 'k1', code: 'K1' });
  });
  it('name boxes by their class and 盒号, and refuse what is not ours', () => {
    expect(boxCode({ fondsCode: 'J001', categoryCode: 'ZY', year: 2024, retention: 'Y', orgCode: '' }, 7)).toBe(
      'J001-ZY-2024-Y-H0007',
    );
    expect(resolveLabel(t.core.ctx, 'B/J001-ZY-2024-Y-H0007')?.id).toBe('b1');
    expect(parseLabel('6901234567890')).toBeNull();
    expect(resolveLabel(t.core.ctx, 'B/J001-ZY-2024-Y-H0999')).toBeNull();
  });
});

describe('moves and the place tree', () => {
  it('record one location and one history row per real move', () => {
    const moves = () => t.core.ctx.orm.select().from(placeMoves).all();
    inTransaction(t.core.ctx, () =>
      moveTo(t.core.ctx, actor, { entity: 'box', entityId: 'b1', toPlaceId: 's1', reason: 'shelve' }),
    );
    inTransaction(t.core.ctx, () =>
      moveTo(t.core.ctx, actor, { entity: 'box', entityId: 'b1', toPlaceId: 's1', reason: 'move' }),
    );
    expect(moves()).toHaveLength(1);
    inTransaction(t.core.ctx, () =>
      moveTo(t.core.ctx, actor, { entity: 'volume', entityId: volumeId, toPlaceId: 'k2', reason: 'shelve' }),
    );
    inTransaction(t.core.ctx, () =>
      moveTo(t.core.ctx, actor, { entity: 'box', entityId: 'b1', toPlaceId: 'k2', reason: 'move' }),
    );
    expect(locationOf(t.core.ctx, 'box', 'b1')).toBe('k2');
    expect(moves().map((m) => [m.entityId, m.fromPlaceId, m.toPlaceId, m.reason, m.movedByName])).toEqual([
      ['b1', null, 's1', 'shelve', '测试员'],
      [volumeId, null, 'k2', 'shelve', '测试员'],
      ['b1', 's1', 'k2', 'move', '测试员'],
    ]);
    expect(() => moveTo(t.core.ctx, actor, { entity: 'box', entityId: 'b1', toPlaceId: 's1', reason: 'move' })).toThrow(
      /transaction/,
    );
  });
  it('walks subtrees and paths, and finds what stands in a range', () => {
    const tree = loadPlaceTree(t.core.ctx);
    expect(subtreeIds(tree, 'k1')).toEqual(['k1', 'r1', 's1']);
    expect(placePath(tree, 's1')).toBe('一号库房 / A区 / 第1层');
    expect(holdingsUnder(t.core.ctx, tree, 'k1')).toEqual([]);
    expect(
      holdingsUnder(t.core.ctx, tree, 'k2')
        .map((h) => h.entity)
        .sort(),
    ).toEqual(['box', 'volume']);
  });
});
