/**
 * The 装盒 dialog's keyboard edits of a proposal (renderer/src/features/boxing/plan.ts): a
 * boundary moves one record at a time, never across a break in 件号 or between classes; an
 * emptied box goes and 盒号 close up; the confirmation lists the records in box order.
 */
import { describe, expect, it } from 'vitest';
import type { BoxProposal, ProposedBox } from '../../electron/contract/boxes';
import { confirmInput, moveBoundary } from '../../renderer/src/features/boxing/plan';

const cls = (year: number) =>
  ({ fondsCode: 'J001', categoryId: 'ws', categoryCode: 'WS', year, retention: 'Y', orgCode: '' }) as const;
const box = (boxNo: number, nos: number[], year = 2024): ProposedBox => ({
  boxNo,
  code: `J001-WS-${year}-Y-H${String(boxNo).padStart(4, '0')}`,
  class: cls(year),
  thicknessMm: 20,
  members: nos.map((no) => ({ id: `${year}-${no}`, no, archiveCode: `A${no}`, title: `T${no}`, pages: 40 })),
  firstNo: nos[0]!,
  lastNo: nos[nos.length - 1]!,
  pages: nos.length * 40,
  fill: (nos.length * 40) / 160,
});
const plan = (boxes: ProposedBox[]): BoxProposal => ({
  entity: 'item',
  thicknessMm: 20,
  pagesPerMm: 8,
  maxCount: 100,
  recordPages: 10,
  capacity: 160,
  boxes,
  alreadyBoxed: [],
  inVolume: 0,
  gaps: [],
  classes: 1,
  warnings: [],
});
const shape = (p: BoxProposal | null) => p?.boxes.map((b) => [b.code, b.firstNo, b.lastNo, b.pages, b.fill]);

describe('moveBoundary', () => {
  it('moves one record between neighbours and refigures both boxes', () => {
    const p = plan([box(3, [1, 2, 3, 4]), box(4, [5, 6])]);
    expect(shape(moveBoundary(p, 0, -1))).toEqual([
      ['J001-WS-2024-Y-H0003', 1, 3, 120, 0.75],
      ['J001-WS-2024-Y-H0004', 4, 6, 120, 0.75],
    ]);
    expect(shape(moveBoundary(p, 0, 1))).toEqual([
      ['J001-WS-2024-Y-H0003', 1, 5, 200, 1.25],
      ['J001-WS-2024-Y-H0004', 6, 6, 40, 0.25],
    ]);
  });

  it('opens a new box after the last of a class and closes up 盒号 when a box empties', () => {
    const p = plan([box(1, [1, 2]), box(1, [1], 2025)]);
    expect(shape(moveBoundary(p, 0, -1))?.map((b) => [b[0], b[1], b[2]])).toEqual([
      ['J001-WS-2024-Y-H0001', 1, 1],
      ['J001-WS-2024-Y-H0002', 2, 2],
      ['J001-WS-2025-Y-H0001', 1, 1],
    ]);
    const two = plan([box(1, [1, 2]), box(2, [3])]);
    expect(shape(moveBoundary(two, 0, 1))?.map((b) => [b[0], b[1], b[2]])).toEqual([['J001-WS-2024-Y-H0001', 1, 3]]);
  });

  it('refuses to cross a break in 件号 or a change of class', () => {
    expect(moveBoundary(plan([box(1, [1, 2]), box(2, [4, 5])]), 0, 1)).toBeNull();
    expect(moveBoundary(plan([box(1, [1, 2]), box(2, [4, 5])]), 0, -1)).toBeNull();
    expect(moveBoundary(plan([box(1, [1, 2]), box(1, [3], 2025)]), 0, 1)).toBeNull();
  });

  it('confirms the records in box order with each box’s size and 盒号', () => {
    expect(confirmInput(plan([box(1, [1, 2]), box(2, [3])]), ' A-01 ')).toEqual({
      entity: 'item',
      ids: ['2024-1', '2024-2', '2024-3'],
      boxes: [
        { boxNo: 1, size: 2, thicknessMm: 20 },
        { boxNo: 2, size: 1, thicknessMm: 20 },
      ],
      placeCode: 'A-01',
    });
  });
});
