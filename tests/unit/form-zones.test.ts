import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../electron/core/forms/builtin';
import { formFrame, inkBox, placer, writingBox } from '../../electron/core/forms/zones';
import type { Line, Rules } from '../../electron/core/imaging/rules';
import { tableFrame } from '../../electron/core/imaging/table';

const S = 300 / 25.4;
const h = (x1: number, x2: number, y: number): Line => ({ x1, y1: y, x2, y2: y, thickness: 4 });
const v = (x: number, y1: number, y2: number): Line => ({ x1: x, y1, x2: x, y2, thickness: 4 });

describe('form frame', () => {
  const t = BUILTIN_TEMPLATES.find((x) => x.id === 'residence-permit-application')!;
  const f = t.frame!;
  const [x0, y0, x1, y1] = [f.x * S, f.y * S, (f.x + f.w) * S, (f.y + f.h) * S];
  const rowH = 13 * S;
  // The table's frame and row rules, and the rules of its first row's cells.
  const table: Rules = {
    horizontal: [0, 1, 2, 3, 4, 5, 6].map((i) => h(x0, x1, y0 + i * rowH)),
    vertical: [v(x0, y0, y1), v(x1, y0, y1), v(x0 + 20 * S, y0, y0 + rowH), v(x0 + 80 * S, y0, y0 + rowH)],
  };
  // A bold title's strokes above the table: one runs into the first row's cell rule.
  const title: Rules = {
    horizontal: [h(x0 + 70 * S, x0 + 90 * S, y0 - 9 * S)],
    vertical: [v(x0 + 80 * S, y0 - 15 * S, y0 + rowH)],
  };
  const page = { width: 2480, dpi: 300 };

  it('keeps a title stroke touching the table from moving the frame up a row', () => {
    const rules = {
      horizontal: [...title.horizontal, ...table.horizontal],
      vertical: [...title.vertical, ...table.vertical],
    };
    // The plain table frame takes the title stroke in: its top is 9 mm too high.
    expect(tableFrame(rules)!.y).toBeLessThan(y0 - 8 * S);
    const frame = formFrame(rules, t, page)!;
    expect(frame.y).toBe(Math.round(y0));
    expect(frame.h).toBe(Math.round(y1 - y0));
    const name = t.fields.find((x) => x.key === 'name')!;
    expect(placer(t, { ...page, height: 3508 }, frame)(name.box).y).toBe(Math.round(name.box.y * S));
  });

  it('falls back to every rule when the long ones alone make no frame', () => {
    // A scan at half the stated resolution: every rule is shorter than the share asked for.
    const half = (l: Line): Line => ({ ...l, x1: l.x1 / 2, x2: l.x2 / 2, y1: l.y1 / 2, y2: l.y2 / 2 });
    const small = { horizontal: table.horizontal.map(half), vertical: table.vertical.map(half) };
    expect(formFrame(small, t, page)).toEqual(tableFrame(small));
  });
});

describe('writing box', () => {
  const blank = (w: number, hh: number) => ({ data: new Uint8Array(w * hh).fill(240), width: w, height: hh });
  const fill = (img: ReturnType<typeof blank>, x: number, y: number, w: number, hh: number) => {
    for (let r = y; r < y + hh; r++) img.data.fill(20, r * img.width + x, r * img.width + x + w);
  };

  it('leaves dust under a line out, but keeps every line of a block', () => {
    const img = blank(400, 120);
    fill(img, 20, 20, 300, 30); // the line
    fill(img, 150, 100, 4, 4); // a speck 50 px under it
    expect(inkBox(img, 140, 25)!.h).toBe(84);
    expect(writingBox(img, 140, 25, 14, 12)).toEqual({ x: 20, y: 20, w: 300, h: 30 });
    // A second line of writing is not dust.
    fill(img, 20, 80, 200, 30);
    expect(writingBox(img, 140, 25, 14, 12)).toEqual({ x: 20, y: 20, w: 300, h: 90 });
  });

  it('keeps the strokes of 二 together and returns null for an empty zone', () => {
    const img = blank(200, 100);
    fill(img, 40, 30, 60, 5);
    fill(img, 30, 45, 80, 5); // 10 px gap: within the joining gap
    expect(writingBox(img, 140, 25, 14, 12)).toEqual({ x: 30, y: 30, w: 80, h: 20 });
    expect(writingBox(blank(50, 50), 140, 25, 14, 12)).toBeNull();
  });
});
