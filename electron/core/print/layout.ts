/**
 * Lays a document out into pages of drawing operations. Pure: the font comes in as Metrics,
 * so tests can lay out with a fake font and check where things land.
 */
import { fit, lineHeight, wrap } from './fit';
import {
  PAGE_MM,
  type Align,
  type DocSpec,
  type FormBlock,
  type LaidPage,
  type Metrics,
  type Op,
  type TableBlock,
  type TilesBlock,
} from './layout-types';

/** Space between a cell's rules and its text, in mm. */
const PAD = 1.2;
/** A table row is never lower than this (room to write by hand), in mm. */
const MIN_ROW = 7;
/** Room kept at the foot for the page number, in mm. */
const FOOTER = 8;
const RULE = 0.5;

class Pager {
  pages: LaidPage[] = [];
  ops: Op[] = [];
  y: number;
  readonly x0: number;
  readonly width: number;
  readonly bottom: number;

  constructor(
    private spec: DocSpec,
    readonly m: Metrics,
  ) {
    const { w, h } = PAGE_MM[spec.page];
    this.x0 = spec.margin.left;
    this.width = w - spec.margin.left - spec.margin.right;
    this.bottom = h - spec.margin.bottom - (spec.pageNumbers ? FOOTER : 0);
    this.y = spec.margin.top;
    this.newPage();
  }

  newPage(): void {
    this.ops = [];
    this.pages.push({ size: this.spec.page, ops: this.ops });
    this.y = this.spec.margin.top;
  }

  /** Starts a new page unless `h` mm still fit on this one (an empty page always takes it). */
  room(h: number): boolean {
    if (this.y + h <= this.bottom + 1e-6 || this.ops.length === 0) return false;
    this.newPage();
    return true;
  }

  text(text: string, x: number, top: number, size: number): void {
    // The baseline sits about four fifths down the line box.
    if (text) this.ops.push({ op: 'text', x, y: top + lineHeight(size) * 0.8, size, text });
  }

  line(x1: number, y1: number, x2: number, y2: number): void {
    this.ops.push({ op: 'line', x1, y1, x2, y2, width: RULE });
  }

  /** Lines of text in a box, aligned, centred vertically unless `top`. */
  lines(lines: string[], size: number, x: number, y: number, w: number, h: number, align: Align, top = false): void {
    const lh = lineHeight(size);
    let t = top ? y : y + (h - lines.length * lh) / 2;
    for (const l of lines) {
      const lw = this.m.width(l, size);
      const lx = align === 'left' ? x : align === 'right' ? x + w - lw : x + (w - lw) / 2;
      this.text(l, lx, t, size);
      t += lh;
    }
  }
}

/** A form across the text width, or (a tile) at x0 and `width` mm wide, never broken. */
function layoutForm(p: Pager, b: FormBlock, x0 = p.x0, width = p.width, tile = false): void {
  const xs = [x0];
  for (const f of b.columns) xs.push(xs[xs.length - 1]! + f * width);
  for (const row of b.rows) {
    // A form's first row, and the first on a new page, draws its top rule.
    if ((!tile && p.room(row.height)) || row === b.rows[0]) p.line(x0, p.y, x0 + width, p.y);
    let col = 0;
    p.line(xs[0]!, p.y, xs[0]!, p.y + row.height);
    for (const cell of row.cells) {
      const span = cell.span ?? 1;
      const x = xs[col]!;
      const w = xs[col + span]! - x;
      const f = fit(cell.text, w - 2 * PAD, row.height - 2 * PAD, cell.size, p.m);
      p.lines(f.lines, f.size, x + PAD, p.y + PAD, w - 2 * PAD, row.height - 2 * PAD, cell.align ?? 'center', cell.top);
      col += span;
      p.line(xs[col]!, p.y, xs[col]!, p.y + row.height);
    }
    p.y += row.height;
    p.line(x0, p.y, x0 + width, p.y);
  }
}

function layoutTiles(p: Pager, b: TilesBlock): void {
  const perRow = Math.max(1, Math.floor((p.width + b.gap) / (b.width + b.gap)));
  const capH = lineHeight(b.captionSize);
  for (let i = 0; i < b.tiles.length; i += perRow) {
    const row = b.tiles.slice(i, i + perRow);
    const formH = Math.max(...row.map((t) => t.form.rows.reduce((h, r) => h + r.height, 0)));
    p.room(formH + capH);
    const top = p.y;
    row.forEach((t, n) => {
      const x = p.x0 + n * (b.width + b.gap);
      p.y = top;
      layoutForm(p, t.form, x, b.width, true);
      const f = fit(t.caption, b.width, capH, b.captionSize, p.m);
      p.lines(f.lines, f.size, x, top + formH, b.width, capH, 'center');
    });
    p.y = top + formH + capH + b.gap;
  }
}

function layoutTable(p: Pager, b: TableBlock): void {
  const xs = [p.x0];
  for (const c of b.columns) xs.push(xs[xs.length - 1]! + c.width * p.width);
  const maxLines = b.maxLines ?? 3;
  const lh = lineHeight(b.size);
  const cellW = (i: number) => xs[i + 1]! - xs[i]! - 2 * PAD;
  const headerFits = b.columns.map((c, i) => fit(c.header, cellW(i), 2 * lh, b.size, p.m));
  const headerH = Math.max(MIN_ROW, ...headerFits.map((f) => f.lines.length * lineHeight(f.size) + 2 * PAD));

  // Each row rules its foot; the columns are ruled once per page, from the header down.
  let segTop = p.y;
  const columns = () => {
    for (const x of xs) p.line(x, segTop, x, p.y);
  };
  const header = () => {
    segTop = p.y;
    p.line(p.x0, p.y, p.x0 + p.width, p.y);
    headerFits.forEach((f, i) =>
      p.lines(f.lines, f.size, xs[i]! + PAD, p.y + PAD, cellW(i), headerH - 2 * PAD, 'center'),
    );
    p.y += headerH;
    p.line(p.x0, p.y, p.x0 + p.width, p.y);
  };
  p.room(headerH + MIN_ROW);
  header();
  if (b.rows.length === 0) {
    p.lines([b.empty ?? ''], b.size, p.x0, p.y, p.width, MIN_ROW, 'center');
    p.y += MIN_ROW;
    p.line(p.x0, p.y, p.x0 + p.width, p.y);
    p.line(xs[0]!, segTop, xs[0]!, p.y);
    p.line(xs[xs.length - 1]!, segTop, xs[xs.length - 1]!, p.y);
    return;
  }
  for (const row of b.rows) {
    // A row grows to maxLines; a cell that would need more shrinks into that height.
    const cells = b.columns.map((_, i) => {
      const text = row[i] ?? '';
      const lines = wrap(text, cellW(i), b.size, p.m);
      return lines.length <= maxLines ? { lines, size: b.size } : fit(text, cellW(i), maxLines * lh, b.size, p.m);
    });
    const h = Math.max(MIN_ROW, ...cells.map((c) => c.lines.length * lineHeight(c.size) + 2 * PAD));
    if (p.y + h > p.bottom + 1e-6) {
      columns();
      p.newPage();
      header();
    }
    cells.forEach((c, i) =>
      p.lines(c.lines, c.size, xs[i]! + PAD, p.y + PAD, cellW(i), h - 2 * PAD, b.columns[i]!.align ?? 'left'),
    );
    p.y += h;
    p.line(p.x0, p.y, p.x0 + p.width, p.y);
  }
  columns();
}

export function layoutDocument(spec: DocSpec, m: Metrics): LaidPage[] {
  const p = new Pager(spec, m);
  for (const b of spec.blocks) {
    if (b.type === 'title' || b.type === 'line') {
      const h = lineHeight(b.size) + (b.type === 'title' ? (b.after ?? 4) : 1);
      p.room(h);
      const lines = fit(b.text, p.width, lineHeight(b.size), b.size, m);
      p.lines(
        lines.lines,
        lines.size,
        p.x0,
        p.y,
        p.width,
        lineHeight(b.size),
        b.type === 'title' ? 'center' : (b.align ?? 'left'),
      );
      p.y += h;
    } else if (b.type === 'break') {
      if (p.ops.length) p.newPage();
    } else if (b.type === 'form') layoutForm(p, b);
    else if (b.type === 'tiles') layoutTiles(p, b);
    else layoutTable(p, b);
  }
  if (spec.pageNumbers) {
    const { h } = PAGE_MM[spec.page];
    const n = p.pages.length;
    p.pages.forEach((page, i) => {
      const text = `第 ${i + 1} 页  共 ${n} 页`;
      const size = 9;
      const x = spec.margin.left + (p.width - m.width(text, size)) / 2;
      page.ops.push({ op: 'text', x, y: h - spec.margin.bottom - 2, size, text });
    });
  }
  return p.pages;
}
