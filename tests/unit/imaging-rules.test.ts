import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GreyImage, loadGrey } from '../../electron/core/imaging/raw';
import { findRules } from '../../electron/core/imaging/rules';
import { tableFrame } from '../../electron/core/imaging/table';
import { removeRules } from '../../electron/core/imaging/unrule';
import { formPage, labelCells, ON_RULE, TABLE, turned } from './imaging-fixtures';

let form: GreyImage;
beforeAll(async () => {
  form = await loadGrey(await formPage());
});

const dark = (img: GreyImage, x0: number, y0: number, w: number, h: number) => {
  let n = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if (img.data[y * img.width + x]! < 128) n++;
  return n;
};

describe('ruling lines', () => {
  it('finds the rules of a table and its frame to within 4 px', () => {
    const rules = findRules(form);
    expect(rules.horizontal).toHaveLength(TABLE.rows + 1);
    expect(rules.vertical).toHaveLength(3);
    const rowH = TABLE.h / TABLE.rows;
    rules.horizontal.forEach((l, i) => {
      expect(Math.abs((l.y1 + l.y2) / 2 - (TABLE.y + i * rowH))).toBeLessThanOrEqual(2);
      expect(l.thickness).toBeGreaterThanOrEqual(3);
      expect(l.thickness).toBeLessThanOrEqual(6);
    });
    const frame = tableFrame(rules)!;
    expect(frame).not.toBeNull();
    expect(Math.abs(frame.x - TABLE.x)).toBeLessThanOrEqual(4);
    expect(Math.abs(frame.y - TABLE.y)).toBeLessThanOrEqual(4);
    expect(Math.abs(frame.w - TABLE.w)).toBeLessThanOrEqual(4);
    expect(Math.abs(frame.h - TABLE.h)).toBeLessThanOrEqual(4);
    // Underlined text and the paragraph's horizontal strokes are not rules.
    expect(rules.horizontal.every((l) => l.x2 - l.x1 > 2480 / 12)).toBe(true);
  });

  it.each([1.5, -2])('finds the same rules on a page turned %s°, following the tilt', async (deg) => {
    const page = await loadGrey(await turned(await formPage(), deg));
    const rules = findRules(page);
    expect(rules.horizontal).toHaveLength(TABLE.rows + 1);
    expect(rules.vertical).toHaveLength(3);
    for (const l of rules.horizontal) {
      const tilt = (Math.atan2(l.y2 - l.y1, l.x2 - l.x1) * 180) / Math.PI;
      expect(Math.abs(tilt - deg)).toBeLessThan(0.15);
    }
    // The frame is measured at the rules' middles: the table's size survives the turn.
    const frame = tableFrame(rules)!;
    expect(Math.abs(frame.w - TABLE.w)).toBeLessThanOrEqual(6);
    expect(Math.abs(frame.h - TABLE.h)).toBeLessThanOrEqual(6);
  });

  it('merges a broken rule and a double rule, and takes a 6 px rule', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="2480" height="3508"><rect width="100%" height="100%" fill="#fff"/>' +
      '<g stroke="#000"><line x1="300" y1="800" x2="2200" y2="800" stroke-width="6"/>' +
      '<line x1="300" y1="1200" x2="900" y2="1200" stroke-width="4"/><line x1="940" y1="1201" x2="1500" y2="1201" stroke-width="4"/>' +
      '<line x1="1540" y1="1202" x2="2200" y2="1202" stroke-width="4"/>' +
      '<line x1="300" y1="1600" x2="2200" y2="1600" stroke-width="2"/><line x1="300" y1="1604" x2="2200" y2="1604" stroke-width="2"/>' +
      '<line x1="300" y1="2000" x2="420" y2="2000" stroke-width="4"/></g></svg>';
    const page = await loadGrey(await sharp(Buffer.from(svg)).greyscale().toColourspace('b-w').png().toBuffer());
    const { horizontal, vertical } = findRules(page);
    expect(vertical).toEqual([]);
    // Three rules: the short line at y 2000 is under 1/12 of the page wide.
    expect(horizontal.map((l) => [Math.round((l.y1 + l.y2) / 2), l.x1, l.x2])).toEqual([
      [800, 300, 2199],
      [1201, 300, 2199],
      [1602, 300, 2199],
    ]);
    expect(horizontal[0]!.thickness).toBeCloseTo(6, 0);
  });

  it('gives no frame when there is no table', () => {
    const rules = findRules(form);
    expect(tableFrame({ horizontal: rules.horizontal, vertical: [] })).toBeNull();
    expect(tableFrame({ horizontal: [], vertical: [] })).toBeNull();
  });

  it('removes the rules and keeps the labels, including text written on a rule', async () => {
    const out = await loadGrey(await removeRules(form));
    expect(out.width).toBe(form.width);
    // The rules are gone: bands 5 px either side of each rule's centre line, away from the text on it.
    const rowH = TABLE.h / TABLE.rows;
    let before = 0;
    let after = 0;
    for (let i = 0; i <= TABLE.rows; i++) {
      const y = TABLE.y + i * rowH - 5;
      before += dark(form, TABLE.x - 5, y, ON_RULE.x - 20 - TABLE.x, 11);
      after += dark(out, TABLE.x - 5, y, ON_RULE.x - 20 - TABLE.x, 11);
    }
    for (const x of [TABLE.x, TABLE.x + TABLE.split, TABLE.x + TABLE.w]) {
      before += dark(form, x - 5, TABLE.y + 10, 11, TABLE.h - 20);
      after += dark(out, x - 5, TABLE.y + 10, 11, TABLE.h - 20);
    }
    expect(before).toBeGreaterThan(40_000);
    expect(after / before).toBeLessThan(0.02);
    // The labels inside their cells keep their ink.
    for (const c of labelCells()) {
      const was = dark(form, c.x, c.y, c.w, c.h);
      expect(was).toBeGreaterThan(500);
      expect(dark(out, c.x, c.y, c.w, c.h) / was).toBeGreaterThan(0.98);
    }
    // The characters sitting on the bottom rule keep everything above the rule.
    const box = { x: ON_RULE.x - 4, y: ON_RULE.baseline - ON_RULE.size, w: ON_RULE.size * 2 + 8, h: ON_RULE.size - 6 };
    const was = dark(form, box.x, box.y, box.w, box.h);
    expect(was).toBeGreaterThan(400);
    expect(dark(out, box.x, box.y, box.w, box.h) / was).toBeGreaterThan(0.95);
    // …while the rule under them is gone outside the strokes that cross it.
    const under = dark(out, box.x, TABLE.y + TABLE.h - 2, box.w, 5);
    expect(under).toBeLessThan(dark(form, box.x, TABLE.y + TABLE.h - 2, box.w, 5) * 0.5);
  });

  it('reads a PNG too, and leaves a page without rules exactly as it was', async () => {
    const font = 'font-family="\'Noto Sans CJK SC\'"';
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="2480" height="3508"><rect width="100%" height="100%" fill="#fff"/>' +
      `<text x="1240" y="360" font-size="96" text-anchor="middle" ${font}>情况说明</text>` +
      `<text x="240" y="600" font-size="50" ${font}>一、二、三、王、土、十、工、三十三、二十二、正、五、上下一二三</text>` +
      '</svg>';
    const plain = await sharp(Buffer.from(svg)).greyscale().toColourspace('b-w').png().toBuffer();
    const before = await loadGrey(plain);
    expect(findRules(before)).toEqual({ horizontal: [], vertical: [] });
    const after = await loadGrey(await removeRules(plain));
    expect(Buffer.compare(Buffer.from(after.data), Buffer.from(before.data))).toBe(0);
  });
});
