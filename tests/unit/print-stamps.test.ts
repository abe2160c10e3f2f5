import { describe, expect, it } from 'vitest';
import { zPrintDocument } from '../../electron/contract/print';
import { layoutDocument, stampDoc, type Metrics, type Op, type StampItem } from '../../electron/core/print';
import { printOptions } from '../../renderer/src/features/print/options';

// A fake font: every character one size wide, so where things land is predictable.
const m: Metrics = { width: (text, size) => Array.from(text).length * size * (25.4 / 72) };
const texts = (ops: Op[]) => ops.filter((o): o is Extract<Op, { op: 'text' }> => o.op === 'text');

const item = (n: number): StampItem => ({
  fondsCode: 'J001',
  year: 2016,
  itemNo: n,
  orgCode: 'BGS',
  retention: 'D10',
  pageCount: n,
  archiveCode: `J001-WS·2016-D10-BGS-${String(n).padStart(4, '0')}`,
});

describe('归档章 layout', () => {
  it('sets 45 × 16 mm stamps four across and twelve down an A4 sheet, then a new sheet', () => {
    const pages = layoutDocument(stampDoc(Array.from({ length: 50 }, (_, i) => item(i + 1))), m);
    expect(pages).toHaveLength(2);
    const captions = (ops: Op[]) => texts(ops).filter((o) => o.text.startsWith('J001-WS'));
    expect(captions(pages[0]!.ops)).toHaveLength(48);
    expect(captions(pages[1]!.ops)).toHaveLength(2);
    // Each stamp's outline: its top rule 45 mm long, from the left margin, 3 mm apart.
    const tops = pages[0]!.ops.filter(
      (o): o is Extract<Op, { op: 'line' }> => o.op === 'line' && o.y1 === 12 && o.y2 === 12,
    );
    expect(tops.map((o) => [o.x1, o.x2])).toEqual([
      [10, 55],
      [58, 103],
      [106, 151],
      [154, 199],
    ]);
    // Every text stays inside the sheet.
    for (const o of texts(pages[0]!.ops)) expect(o.x).toBeGreaterThanOrEqual(10);
  });
});

describe('打印 dialog options', () => {
  it("offers a volume's documents and the grid row's 归档章, each a valid print request", () => {
    const opts = printOptions({
      volume: { id: 'v1', archiveCode: 'J001-ZY·JT·2016-D30-001' },
      item: { id: 'i1', archiveCode: 'J001-ZY·JT·2016-D30-001-001' },
    });
    expect(opts.map((o) => o.label)).toEqual([
      '案卷封面',
      '卷内文件目录',
      '卷内备考表',
      '归档文件目录',
      '归档章',
      '归档章（所选文件）',
    ]);
    expect(opts.at(-1)!.input).toEqual({ kind: 'stamp', itemIds: ['i1'] });
    for (const o of opts) expect(zPrintDocument.safeParse(o.input).success).toBe(true);
  });

  it("offers the catalogues and 归档章 of the tree's class and year", () => {
    const opts = printOptions({ categoryCode: 'WS', categoryName: '文书', year: 2016 });
    expect(opts.map((o) => o.kind)).toEqual(['volume-catalogue', 'item-catalogue', 'stamp']);
    expect(opts[0]!.input).toEqual({ kind: 'volume-catalogue', categoryCode: 'WS', year: 2016 });
    expect(opts[0]!.scope).toBe('文书 WS · 2016 年度');
    for (const o of opts) expect(zPrintDocument.safeParse(o.input).success).toBe(true);
    expect(printOptions({})[0]!.scope).toBe('全部档案');
  });

  it('offers only the 归档文件目录 and 归档章 of rows marked in the grid, and a record only its own', () => {
    const selection = [
      { id: 'i2', archiveCode: 'J001-WS·2016-Y-0002' },
      { id: 'i1', archiveCode: 'J001-WS·2016-Y-0001' },
    ];
    const opts = printOptions({ selection, categoryCode: 'WS', item: selection[0] });
    expect(opts.map((o) => [o.label, o.scope])).toEqual([
      ['归档文件目录（所选文件）', '所选 2 件文件'],
      ['归档章（所选文件）', '所选 2 件文件'],
    ]);
    expect(opts[0]!.input).toEqual({ kind: 'item-catalogue', itemIds: ['i2', 'i1'] });
    for (const o of opts) expect(zPrintDocument.safeParse(o.input).success).toBe(true);
    const record = printOptions({ item: selection[1], recordOnly: true });
    expect(record.map((o) => o.key)).toEqual(['stamp-item']);
  });
});
