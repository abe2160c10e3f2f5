/**
 * A ruled table's cells (imaging/cells.ts) and the rule finding they rely on: one-row
 * dividers too short for findRules, a divider and a rule partly lost under a seal, and
 * a bold title over the table that must neither become a rule nor lengthen one.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findCells, withCellRules } from '../../electron/core/imaging/cells';
import { inkExtent } from '../../electron/core/imaging/ink-bands';
import { type GreyImage, loadGrey } from '../../electron/core/imaging/raw';
import { findRules, inkOf } from '../../electron/core/imaging/rules';
import { unruleGrey } from '../../electron/core/imaging/unrule';

const W = 2480;
const H = 3508;
/** Table: x 240–2240, rows at y 1000, 1200, 1400, 1600; a label column split at x 700. */
const T = { x0: 240, x1: 2240, ys: [1000, 1200, 1400, 1600], split: 700 };

const line = (x1: number, y1: number, x2: number, y2: number, w = 4) =>
  `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#000" stroke-width="${w}"/>`;

async function page(extra: string, opts: { gapInTopRow?: boolean } = {}): Promise<GreyImage> {
  const [y0, y1, y2, y3] = T.ys as [number, number, number, number];
  const rules = [
    line(T.x0, y0, T.x1, y0),
    // The rule under the first row, with a stretch lost (a seal dropped out) inside a cell.
    ...(opts.gapInTopRow ? [line(T.x0, y1, 1000, y1), line(1150, y1, T.x1, y1)] : [line(T.x0, y1, T.x1, y1)]),
    line(T.x0, y2, T.x1, y2),
    line(T.x0, y3, T.x1, y3),
    line(T.x0, y0, T.x0, y3),
    line(T.x1, y0, T.x1, y3),
    line(T.split, y0, T.split, y3),
    // Row 2: a one-row divider (200 px, far below 1/12 of the page).
    line(1400, y1, 1400, y2),
    // Row 3: a divider whose upper 40 % is lost.
    line(1800, 1480, 1800, y3),
  ].join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#fff"/>${rules}${extra}</svg>`;
  return loadGrey(await sharp(Buffer.from(svg)).png().toBuffer());
}

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

describe('table cells', () => {
  it('closes one-row dividers, a divider broken under a seal, and a rule with a gap', async () => {
    const img = await page('', { gapInTopRow: true });
    const long = findRules(img);
    // findRules alone does not take the one-row dividers: text strokes are that short too.
    expect(long.vertical.some((v) => near(v.x1, 1400, 6))).toBe(false);
    expect(long.vertical.some((v) => near(v.x1, 1800, 6))).toBe(false);

    const rules = withCellRules(img, inkOf(img), long);
    const at1400 = rules.vertical.find((v) => near(v.x1, 1400, 6));
    const at1800 = rules.vertical.find((v) => near(v.x1, 1800, 6));
    expect(at1400).toBeDefined();
    // The broken divider is drawn on to the rule above it.
    expect(at1800).toBeDefined();
    expect(near(at1800!.y1, 1400, 8)).toBe(true);

    const cells = findCells(rules, W, H, 24);
    const rowOf = (y: number) => cells.filter((c) => c.y > y && c.y < y + 40);
    expect(rowOf(1000).map((c) => c.x)).toHaveLength(2);
    expect(rowOf(1200)).toHaveLength(3);
    expect(rowOf(1400)).toHaveLength(3);
    expect(cells).toHaveLength(8);
    // Each cell lies inside its rules (centre lines), at most a few pixels in.
    const second = rowOf(1200)[1]!;
    expect(near(second.x, 700, 12) && near(second.x + second.w, 1400, 12)).toBe(true);
    expect(near(second.y, 1200, 12) && near(second.y + second.h, 1400, 12)).toBe(true);
  });

  it('without the short dividers, the cells of those rows are one', async () => {
    const img = await page('');
    const cells = findCells(findRules(img), W, H, 24);
    expect(cells.filter((c) => c.y > 1200 && c.y < 1240)).toHaveLength(2);
  });

  it('does not take a bold title for a rule, nor lengthen a column rule by a stroke in line with it', async () => {
    // A title row of thick dashes (strokes of bold characters side by side), and a
    // vertical stroke just above the table in line with the label column's rule.
    let title = '';
    for (let x = 900; x < 1600; x += 90) title += line(x, 860, x + 70, 860, 10);
    const stroke = line(T.split, 900, T.split, 965, 6);
    const img = await page(title + stroke);
    const rules = findRules(img);
    expect(rules.horizontal.some((h) => near(h.y1, 860, 10))).toBe(false);
    const column = rules.vertical.find((v) => near(v.x1, T.split, 6))!;
    expect(column.y1).toBeGreaterThan(975);
    // So removing the rules leaves the stroke and the title alone.
    const clean = unruleGrey(img, rules);
    const ink = (x: number, y: number) => clean.data[y * W + x]! < 128;
    expect(ink(T.split, 930)).toBe(true);
    expect(ink(930, 860)).toBe(true);
    expect(ink(T.split, 1100)).toBe(false);
  });
});

describe('ink bands', () => {
  it('finds each line of a cell and skips a speck', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="100%" height="100%" fill="#fff"/>' +
      '<rect x="40" y="40" width="400" height="50" fill="#000"/><rect x="40" y="160" width="300" height="50" fill="#000"/>' +
      '<rect x="560" y="270" width="2" height="2" fill="#000"/></svg>';
    const img = await loadGrey(await sharp(Buffer.from(svg)).png().toBuffer());
    const ink = inkExtent(img, 140, 3, 10)!;
    expect(ink.bands.map((b) => [b.y0, b.y1])).toEqual([
      [40, 89],
      [160, 209],
    ]);
    expect([ink.x, ink.w]).toEqual([40, 400]);
  });
});
