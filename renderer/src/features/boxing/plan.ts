/**
 * The 装盒 dialog's editing of a proposal, by keyboard: moving the boundary after a box one
 * record up or down. Pure, so the dialog re-renders from data; the core checks the result
 * again on confirmation (one class per box, 件号 running on, 盒号 after the class's last).
 */
import type { BoxMember, BoxProposal, MethodInput, ProposedBox } from '../../../../electron/contract';

const sameClass = (a: ProposedBox, b: ProposedBox) => JSON.stringify(a.class) === JSON.stringify(b.class);

/** A box's figures recomputed from its members (pages, range, fill against the proposal's capacity). */
export function refigure(box: ProposedBox, members: BoxMember[], p: BoxProposal): ProposedBox {
  const pages = members.reduce((n, m) => n + (m.pages ?? p.recordPages), 0);
  const capacity = p.capacity;
  return {
    ...box,
    members,
    firstNo: members[0]?.no ?? 0,
    lastNo: members[members.length - 1]?.no ?? 0,
    pages,
    fill: Math.round((pages / capacity) * 1000) / 1000,
  };
}

/** The box code with another 盒号: the code's last part is always H + four digits. */
const renumbered = (b: ProposedBox, boxNo: number): ProposedBox => ({
  ...b,
  boxNo,
  code: b.code.replace(/H\d{4,}$/, `H${String(boxNo).padStart(4, '0')}`),
});

/**
 * Moves the boundary after box `i`: `-1` sends its last record to the next box (a new one when
 * the next box is of another class), `+1` takes the next box's first record. Refused (null)
 * across a break in 件号 or between classes; an emptied box goes and 盒号 close up.
 */
export function moveBoundary(p: BoxProposal, i: number, dir: -1 | 1): BoxProposal | null {
  const boxes = p.boxes.slice();
  const cur = boxes[i];
  if (!cur) return null;
  const next = boxes[i + 1] && sameClass(cur, boxes[i + 1]!) ? boxes[i + 1]! : null;
  if (dir === -1) {
    if (cur.members.length === 0) return null;
    const moved = cur.members[cur.members.length - 1]!;
    if (next && next.members[0] && next.members[0].no !== moved.no + 1) return null;
    boxes[i] = refigure(cur, cur.members.slice(0, -1), p);
    if (next) boxes[i + 1] = refigure(next, [moved, ...next.members], p);
    else boxes.splice(i + 1, 0, refigure(cur, [moved], p));
  } else {
    if (!next) return null;
    const moved = next.members[0]!;
    if (moved.no !== cur.lastNo + 1) return null;
    boxes[i] = refigure(cur, [...cur.members, moved], p);
    boxes[i + 1] = refigure(next, next.members.slice(1), p);
  }
  return { ...p, boxes: closeUp(p.boxes, boxes) };
}

const keyOf = (b: ProposedBox) => JSON.stringify(b.class);

/** Drops empty boxes and numbers each class's boxes on from the class's first 盒号 as proposed. */
function closeUp(before: ProposedBox[], boxes: ProposedBox[]): ProposedBox[] {
  const next = new Map<string, number>();
  for (const b of before) next.set(keyOf(b), Math.min(next.get(keyOf(b)) ?? Infinity, b.boxNo));
  return boxes
    .filter((b) => b.members.length > 0)
    .map((b) => {
      const no = next.get(keyOf(b))!;
      next.set(keyOf(b), no + 1);
      return b.boxNo === no ? b : renumbered(b, no);
    });
}

/** The confirmation the core checks again: records in box order, and each box's size and 盒号. */
export function confirmInput(p: BoxProposal, placeCode: string): MethodInput<'boxes.confirm'> {
  return {
    entity: p.entity,
    ids: p.boxes.flatMap((b) => b.members.map((m) => m.id)),
    boxes: p.boxes.map((b) => ({ boxNo: b.boxNo, size: b.members.length, thicknessMm: p.thicknessMm })),
    ...(placeCode.trim() ? { placeCode: placeCode.trim() } : {}),
  };
}
