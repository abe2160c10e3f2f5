/**
 * A printed document as data: what the standard documents produce and the engine lays out.
 * Units are millimetres from the page's top-left corner; the renderer converts to PDF points.
 */

export type PageSize = 'A4' | 'A4-landscape';

/** Width and height in mm. */
export const PAGE_MM: Record<PageSize, { w: number; h: number }> = {
  A4: { w: 210, h: 297 },
  'A4-landscape': { w: 297, h: 210 },
};

export type Align = 'left' | 'center' | 'right';

/** A heading line across the page. */
export interface TitleBlock {
  type: 'title';
  text: string;
  /** Font size in pt. */
  size: number;
  /** Extra space under it, in mm. */
  after?: number;
}

/** A free line of text (under a catalogue's title: 全宗号, 门类, 年度 …). */
export interface LineBlock {
  type: 'line';
  text: string;
  size: number;
  align?: Align;
}

/**
 * A ruled form of fixed cells (a cover, a 备考表): each row a fixed height, each cell a label
 * or a value. A value that does not fit wraps, then shrinks, and is cut with … only below
 * the smallest size: it never leaves its cell.
 */
export interface FormBlock {
  type: 'form';
  /** Column widths as fractions of the text width (they sum to 1). */
  columns: number[];
  rows: { height: number; cells: FormCell[] }[];
}

export interface FormCell {
  text: string;
  /** How many columns it spans (default 1). */
  span?: number;
  size: number;
  align?: Align;
  /** Top-aligned (long statements) instead of centred vertically. */
  top?: boolean;
}

/** A ruled table that breaks across pages, its header repeated on each. */
export interface TableBlock {
  type: 'table';
  columns: { header: string; width: number; align?: Align }[];
  rows: string[][];
  size: number;
  /** A row grows to this many lines, then its text shrinks (default 3). */
  maxLines?: number;
  /** What to print in an empty table (a volume with no items). */
  empty?: string;
}

/**
 * Small forms of a fixed size (归档章, labels) set left to right in rows across the page, a
 * caption under each; a row that does not fit goes to the next page.
 */
export interface TilesBlock {
  type: 'tiles';
  /** Each tile's width in mm (its form's columns are fractions of it). */
  width: number;
  /** Space between tiles, across and down, in mm. */
  gap: number;
  /** Caption size in pt. */
  captionSize: number;
  tiles: { form: FormBlock; caption: string }[];
}

/** Starts a new page (one 盒底备考表 a page), unless the current one is still empty. */
export interface BreakBlock {
  type: 'break';
}

export type Block = TitleBlock | LineBlock | FormBlock | TableBlock | TilesBlock | BreakBlock;

export interface DocSpec {
  /** The file's title (PDF metadata) and the audit's name of the document. */
  title: string;
  page: PageSize;
  /** Margins in mm. */
  margin: { top: number; right: number; bottom: number; left: number };
  blocks: Block[];
  /** Prints 第 n 页 共 m 页 at the foot of each page. */
  pageNumbers: boolean;
}

/** What the layout produces: drawing operations per page, in mm from the top-left. */
export type Op =
  | { op: 'text'; x: number; y: number; size: number; text: string }
  | { op: 'line'; x1: number; y1: number; x2: number; y2: number; width: number };

export interface LaidPage {
  size: PageSize;
  ops: Op[];
}

/** Text measuring, supplied by the font: the layout itself stays pure. */
export interface Metrics {
  /** Width in mm of `text` at `size` pt. */
  width(text: string, size: number): number;
}
