/**
 * 盒脊 and 盒底备考表 of 档案盒 (DA/T 22-2015, reference §3). The spine carries 全宗号, 年度,
 * 保管期限, 起止件号 and 盒号 (机构 when the box has one) in a strip as wide as the box's spine
 * (20/30/40/50 mm), several strips to an A4 sheet to cut out; the 备考表 (盒内文件情况说明,
 * 整理人, 整理日期, 检查人, 检查日期) takes one page a box, placed after its last item.
 */
import { RETENTION_LABELS } from '../../contract/domain';
import { type PrintBox, rangeLabel, rangeText } from './box-data';
import type { Block, DocSpec, FormBlock, FormCell } from './layout-types';

/** The strip's height in mm: the spine of a 310 mm box, less room to glue it on. */
const SPINE_ROWS = { label: 9, value: 28 };

function spineForm(b: PrintBox): FormBlock {
  const fields: [string, string][] = [
    ['全宗号', b.fondsCode],
    ['年度', String(b.year)],
    ['保管期限', RETENTION_LABELS[b.retention]],
    ...(b.orgCode ? ([['机构（问题）', b.orgCode]] as [string, string][]) : []),
    [rangeLabel(b), rangeText(b)],
    ['盒号', String(b.boxNo)],
  ];
  const cell = (text: string, size: number): FormCell => ({ text, size });
  return {
    type: 'form',
    columns: [1],
    rows: fields.flatMap(([label, value]) => [
      { height: SPINE_ROWS.label, cells: [cell(label, 9)] },
      { height: SPINE_ROWS.value, cells: [cell(value, 16)] },
    ]),
  };
}

export function boxSpineDoc(boxes: PrintBox[]): DocSpec {
  // Boxes of one spine width side by side; another width starts its own rows.
  const widths = [...new Set(boxes.map((b) => b.thicknessMm))].sort((a, b) => a - b);
  return {
    title: '盒脊',
    page: 'A4',
    margin: { top: 12, right: 10, bottom: 10, left: 10 },
    pageNumbers: false,
    blocks: widths.map((w): Block => ({
      type: 'tiles',
      width: w,
      gap: 4,
      captionSize: 6,
      tiles: boxes.filter((b) => b.thicknessMm === w).map((b) => ({ caption: b.code, form: spineForm(b) })),
    })),
  };
}

export interface BoxNotes {
  compiler: string;
  checker: string;
  date: string;
  checkDate?: string | undefined;
  statement?: string | undefined;
}

/** What the box holds, said for the clerk to complete: losses, changes and removals are theirs to add. */
const defaultStatement = (b: PrintBox) => {
  if (b.count === 0) return '';
  const unit = b.volumes > 0 ? '卷' : '件';
  return `本盒共 ${b.count} ${unit}，起止${unit}号 ${rangeText(b)}。`;
};

export function boxBackDoc(boxes: PrintBox[], notes: BoxNotes): DocSpec {
  const L = (text: string): FormCell => ({ text, size: 12 });
  const V = (text: string): FormCell => ({ text, size: 12 });
  return {
    title: '盒内备考表',
    page: 'A4',
    margin: { top: 20, right: 20, bottom: 15, left: 22 },
    pageNumbers: false,
    blocks: boxes.flatMap((b): Block[] => [
      { type: 'break' },
      { type: 'title', text: '备　考　表', size: 22, after: 8 },
      {
        type: 'line',
        text: `全宗号：${b.fondsCode}　年度：${b.year}　保管期限：${RETENTION_LABELS[b.retention]}　盒号：${b.boxNo}`,
        size: 11,
      },
      { type: 'line', text: `盒编码：${b.code}`, size: 9 },
      {
        type: 'form',
        columns: [0.2, 0.3, 0.2, 0.3],
        rows: [
          { height: 10, cells: [{ text: '盒内文件情况说明', size: 12, span: 4, align: 'left' }] },
          {
            height: 150,
            cells: [{ text: notes.statement ?? defaultStatement(b), size: 12, span: 4, align: 'left', top: true }],
          },
          { height: 14, cells: [L('整理人'), V(notes.compiler), L('整理日期'), V(notes.date)] },
          { height: 14, cells: [L('检查人'), V(notes.checker), L('检查日期'), V(notes.checkDate ?? '')] },
        ],
      },
    ]),
  };
}
