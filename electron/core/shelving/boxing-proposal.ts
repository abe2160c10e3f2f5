/**
 * 装盒 proposal (reference §3): the selection grouped by class (one 全宗, 门类, 年度, 保管期限
 * and 机构 per box), each class in 件号 order, boxes filled up to the spine's thickness by page
 * count and to a maximum count, numbered after the class's last box. Nothing is written: the
 * clerk looks, edits and confirms (boxes.ts).
 */
import type { z } from 'zod';
import type { BoxProposal, ProposedBox, zBoxPropose } from '../../contract/boxes';
import type { CoreContext } from '../kernel';
import { boxCode } from './box-code';
import { boxingSettings } from './box-settings';
import {
  type BoxEntity,
  type Boxable,
  boxablesById,
  boxablesOfClass,
  classKey,
  classText,
  nextBoxNo,
} from './box-records';

export interface FillRule {
  thicknessMm: number;
  pagesPerMm: number;
  maxCount: number;
  /** Pages a record with no page count fills. */
  recordPages: number;
}

/** The pages a record fills: its count, or the default when nobody counted. */
export const filledPages = (r: { pages: number | null }, recordPages: number): number => r.pages ?? recordPages;
export const capacityOf = (thicknessMm: number, pagesPerMm: number): number => Math.floor(thicknessMm * pagesPerMm);

/** Records of one class in order, and the classes in a stable order (year, 门类, 期限, 机构). */
export function byClass(rows: readonly Boxable[]): Boxable[][] {
  const groups = new Map<string, Boxable[]>();
  for (const r of rows) {
    const k = classKey(r.class);
    const g = groups.get(k) ?? [];
    g.push(r);
    groups.set(k, g);
  }
  const order = (g: Boxable[]) => {
    const c = g[0]!.class;
    return [String(c.year), c.categoryCode, c.retention, c.orgCode, c.fondsCode].join('\u0001');
  };
  return [...groups.values()]
    .map((g) => g.sort((a, b) => a.no - b.no))
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

export function boxOf(members: Boxable[], boxNo: number, rule: FillRule, capacity: number): ProposedBox {
  const c = members[0]!.class;
  const thicknessMm = rule.thicknessMm;
  const pages = members.reduce((n, m) => n + filledPages(m, rule.recordPages), 0);
  return {
    boxNo,
    code: boxCode(c, boxNo),
    class: c,
    thicknessMm,
    members: members.map(({ id, no, archiveCode, title, pages: p }) => ({ id, no, archiveCode, title, pages: p })),
    firstNo: members[0]!.no,
    lastNo: members[members.length - 1]!.no,
    pages,
    fill: Math.round((pages / capacity) * 1000) / 1000,
  };
}

/** Fills boxes class by class; a gap in 件号 always closes a box. Pure: tests call it directly. */
export function planBoxes(
  rows: readonly Boxable[],
  rule: FillRule,
  firstBoxNo: (r: Boxable) => number,
): { boxes: ProposedBox[]; gaps: BoxProposal['gaps'] } {
  const capacity = capacityOf(rule.thicknessMm, rule.pagesPerMm);
  const boxes: ProposedBox[] = [];
  const gaps: BoxProposal['gaps'] = [];
  for (const group of byClass(rows)) {
    let no = firstBoxNo(group[0]!);
    let cur: Boxable[] = [];
    let pages = 0;
    const close = () => {
      if (cur.length) boxes.push(boxOf(cur, no++, rule, capacity));
      cur = [];
      pages = 0;
    };
    for (const r of group) {
      const prev = cur[cur.length - 1];
      if (prev && r.no !== prev.no + 1) {
        gaps.push({ class: classText(r.class), after: prev.no, before: r.no });
        close();
      } else if (prev && (cur.length >= rule.maxCount || pages + filledPages(r, rule.recordPages) > capacity)) close();
      cur.push(r);
      pages += filledPages(r, rule.recordPages);
    }
    close();
  }
  return { boxes, gaps };
}

type ProposeInput = z.output<typeof zBoxPropose>;

/** The records a selection names, in its order, with those it cannot box counted apart. */
function selected(ctx: CoreContext, clearance: number, sel: ProposeInput['selection']) {
  if (sel.class) return { ...boxablesOfClass(ctx, clearance, sel.class), deleted: 0 };
  const entity: BoxEntity = sel.itemIds ? 'item' : 'volume';
  const ids = sel.itemIds ?? sel.volumeIds ?? [];
  const found = boxablesById(ctx, entity, ids);
  const rows = [...new Set(ids)].flatMap((id) => found.get(id) ?? []);
  return { entity, rows, deleted: new Set(ids).size - rows.length };
}

export function proposeBoxing(ctx: CoreContext, clearance: number, input: ProposeInput): BoxProposal {
  const { entity, rows, deleted } = selected(ctx, clearance, input.selection);
  const inVolume = rows.filter((r) => r.volumeId !== null);
  const loose = rows.filter((r) => r.volumeId === null);
  const alreadyBoxed = loose.filter((r) => r.boxId !== null);
  const free = loose.filter((r) => r.boxId === null);
  const setting = boxingSettings(ctx);
  const rule: FillRule = {
    thicknessMm: input.thicknessMm,
    pagesPerMm: input.pagesPerMm ?? setting.pagesPerMm,
    maxCount: input.maxCount ?? setting.maxCount,
    recordPages: setting.recordPages,
  };
  const { boxes, gaps } = planBoxes(free, rule, (r) => nextBoxNo(ctx, r.class));
  const classes = new Set(free.map((r) => classKey(r.class))).size;
  const capacity = capacityOf(rule.thicknessMm, rule.pagesPerMm);
  const unit = entity === 'item' ? '件' : '卷';
  const warnings: string[] = [];
  if (classes > 1) warnings.push(`所选记录分属 ${classes} 个类别（年度、门类、保管期限或机构不同），已按类别分别装盒`);
  for (const g of gaps)
    warnings.push(
      `${g.class}：${entity === 'item' ? '件号' : '案卷号'}不连续（${g.after} 之后是 ${g.before}），在此处分盒`,
    );
  if (alreadyBoxed.length) warnings.push(`${alreadyBoxed.length} ${unit}已在盒中，未列入`);
  if (inVolume.length) warnings.push(`${inVolume.length} 件属于案卷，应随案卷装盒，未列入`);
  if (deleted) warnings.push(`${deleted} 条记录已删除，未列入`);
  for (const b of boxes)
    if (b.fill > 1) warnings.push(`第 ${b.boxNo} 盒（${b.code}）：单${unit}页数超过盒的容量，请换更厚的盒`);
  return {
    entity,
    ...rule,
    capacity,
    boxes,
    alreadyBoxed: alreadyBoxed
      .slice(0, 200)
      .map((r) => ({ id: r.id, archiveCode: r.archiveCode, boxCode: r.boxCode! })),
    inVolume: inVolume.length,
    gaps,
    classes,
    warnings,
  };
}
