import { describe, expect, it } from 'vitest';
import { layoutDocument, type DocSpec, type Metrics, type Op } from '../../electron/core/print';

// A fake font: every character is one size wide (1 pt = 25.4/72 mm), so positions are predictable.
const m: Metrics = { width: (text, size) => Array.from(text).length * size * (25.4 / 72) };
const texts = (ops: Op[]) => ops.filter((o): o is Extract<Op, { op: 'text' }> => o.op === 'text');

const margin = { top: 10, right: 10, bottom: 10, left: 10 };

describe('print layout', () => {
  it('wraps, then shrinks a long value so it never leaves its fixed cell', () => {
    const long = '关于北港路与滨江大道交叉口两车相撞事故的调查处理材料'.repeat(12);
    const spec: DocSpec = {
      title: 't',
      page: 'A4',
      margin,
      pageNumbers: false,
      blocks: [
        {
          type: 'form',
          columns: [0.25, 0.75],
          rows: [
            {
              height: 30,
              cells: [
                { text: '题名', size: 12 },
                { text: long, size: 18 },
              ],
            },
          ],
        },
      ],
    };
    const [page, ...more] = layoutDocument(spec, m);
    expect(more).toHaveLength(0);
    const value = texts(page!.ops).filter((o) => o.text !== '题名');
    // The cell: x from 10 + 0.25 × 190 to 200, y from 10 to 40 (mm).
    const cellX = 10 + 0.25 * 190;
    for (const o of value) {
      expect(o.x).toBeGreaterThanOrEqual(cellX);
      expect(o.x + m.width(o.text, o.size)).toBeLessThanOrEqual(200 + 1e-6);
      expect(o.y).toBeGreaterThan(10);
      expect(o.y).toBeLessThan(40);
    }
    expect(value[0]!.size).toBeLessThan(18);
    // Shrunk, not cut: every character is still printed.
    expect(value.map((o) => o.text).join('')).toBe(long);
  });

  it('cuts with … only what does not fit at the smallest size', () => {
    const spec: DocSpec = {
      title: 't',
      page: 'A4',
      margin,
      pageNumbers: false,
      blocks: [
        { type: 'form', columns: [1], rows: [{ height: 5, cells: [{ text: '很长的题名'.repeat(200), size: 12 }] }] },
      ],
    };
    const value = texts(layoutDocument(spec, m)[0]!.ops);
    expect(value.at(-1)!.text.endsWith('…')).toBe(true);
    for (const o of value) expect(o.y).toBeLessThan(15);
  });

  it('breaks a table across pages and repeats its header on each, with page numbers', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [String(i + 1), `第${i + 1}卷`]);
    const spec: DocSpec = {
      title: 't',
      page: 'A4-landscape',
      margin,
      pageNumbers: true,
      blocks: [
        { type: 'title', text: '案卷目录', size: 20 },
        {
          type: 'table',
          size: 9,
          columns: [
            { header: '案卷号', width: 0.2 },
            { header: '案卷题名', width: 0.8 },
          ],
          rows,
        },
      ],
    };
    const pages = layoutDocument(spec, m);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((p, i) => {
      const t = texts(p.ops).map((o) => o.text);
      expect(t).toContain('案卷题名');
      expect(t).toContain(`第 ${i + 1} 页  共 ${pages.length} 页`);
      // Nothing drawn below the bottom margin but the page number.
      for (const o of p.ops) if (o.op === 'line') expect(Math.max(o.y1, o.y2)).toBeLessThanOrEqual(210 - 10);
    });
    const printed = pages
      .flatMap((p) => texts(p.ops).map((o) => o.text))
      .filter((s) => s.startsWith('第') && s.endsWith('卷'));
    expect(printed).toEqual(rows.map((r) => r[1]));
    expect(texts(pages[0]!.ops)[0]!.text).toBe('案卷目录');
  });

  it('prints the empty-table note under the header when there are no rows', () => {
    const spec: DocSpec = {
      title: 't',
      page: 'A4',
      margin,
      pageNumbers: false,
      blocks: [
        { type: 'table', size: 9, columns: [{ header: '题名', width: 1 }], rows: [], empty: '（本卷暂无文件）' },
      ],
    };
    const t = texts(layoutDocument(spec, m)[0]!.ops).map((o) => o.text);
    expect(t).toEqual(['题名', '（本卷暂无文件）']);
  });
});
