/**
 * Reading a ruled form cell by cell. Over a whole form, even with its rules removed,
 * Tesseract's layout analysis joins cells across columns, splits a value from its label
 * and takes rule remnants for quotes and bars; each cell cut on its own and read as one
 * line (or one block when it holds several lines) has none of that. Text outside the
 * table (the title, a note under it) is read as a region with layout analysis. Lines
 * come back in page coordinates, so template detection and the verification screen see
 * them where they are printed; the page text is the title, then the table row by row.
 */
import {
  findCells,
  withCellRules,
  type CellBox,
  inkExtent,
  cropGrey,
  encodeGreyPng,
  type GreyImage,
  TRANSIENT_PNG_LEVEL,
  inkOf,
  type Rules,
} from '../imaging';
import type { OcrLine, OcrOutput, OcrPool, Segmentation } from './pool';

interface Region {
  box: CellBox;
  psm: Segmentation;
}

/** A region read: where it lies (a cell's inside, for its row) and its lines. */
interface ReadRegion {
  box: CellBox;
  lines: OcrLine[];
}

const clampBox = (b: CellBox, w: number, h: number): CellBox => {
  const x = Math.max(0, Math.min(w - 1, Math.round(b.x)));
  const y = Math.max(0, Math.min(h - 1, Math.round(b.y)));
  return { x, y, w: Math.max(1, Math.min(w - x, Math.round(b.w))), h: Math.max(1, Math.min(h - y, Math.round(b.h))) };
};

/** The inked part of `box` with a margin of paper, and how to segment it; null when blank. */
function inkRegion(page: GreyImage, box: CellBox, pxPerMm: number, table: boolean): Region | null {
  const b = clampBox(box, page.width, page.height);
  const img = cropGrey(page, { left: b.x, top: b.y, width: b.w, height: b.h });
  const first = inkExtent(img, 140, 2, Math.round(0.8 * pxPerMm));
  if (!first) return null;
  // Bands much lower than the tallest are specks and remnants, not lines of text.
  const tall = Math.max(...first.bands.map((s) => s.y1 - s.y0 + 1));
  const lines = first.bands.filter((s) => s.y1 - s.y0 + 1 >= Math.max(0.35 * tall, 0.8 * pxPerMm));
  if (lines.length === 0) return null;
  const top = lines[0]!.y0;
  const rows = cropGrey(img, { left: 0, top, width: img.width, height: lines.at(-1)!.y1 - top + 1 });
  const ink = inkExtent(rows, 140, 3, rows.height);
  if (!ink || ink.h < 1.2 * pxPerMm || ink.w < 0.8 * pxPerMm) return null;
  const pad = Math.round(1.5 * pxPerMm);
  return {
    box: clampBox(
      { x: b.x + ink.x - pad, y: b.y + top + ink.y - pad, w: ink.w + 2 * pad, h: ink.h + 2 * pad },
      page.width,
      page.height,
    ),
    psm: !table ? 'auto' : lines.length > 1 ? 'block' : 'line',
  };
}

/** One region's lines, moved to page coordinates. */
async function readRegion(pool: OcrPool, page: GreyImage, r: Region, dpi: number): Promise<OcrLine[]> {
  const img = cropGrey(page, { left: r.box.x, top: r.box.y, width: r.box.w, height: r.box.h });
  const out = await pool.recognize(await encodeGreyPng(img, dpi, TRANSIENT_PNG_LEVEL), { psm: r.psm, dpi });
  const at = (b: OcrLine['bbox']) => ({
    x0: b.x0 + r.box.x,
    y0: b.y0 + r.box.y,
    x1: b.x1 + r.box.x,
    y1: b.y1 + r.box.y,
  });
  return out.lines
    .filter((l) => l.text.trim())
    .map((l) => ({ ...l, bbox: at(l.bbox), words: l.words.map((w) => ({ ...w, bbox: at(w.bbox) })) }));
}

/**
 * The table's lines in reading order, row by row. Rows start at the cells' top edges (a
 * cell whose top lies within `slack` of a row's top starts on that row). A line belongs
 * to the last row starting above its middle, so a value cell that spans two rows beside
 * two labels (迁移原因 / 签发机关 over one merged cell) gives each label its own line;
 * within a row, cells left to right and each cell's lines top to bottom.
 */
function tableRows(cells: ReadRegion[], slack: number): OcrLine[][] {
  const tops: number[] = [];
  for (const y of cells.map((c) => c.box.y).sort((a, b) => a - b))
    if (!tops.length || y - tops.at(-1)! > slack) tops.push(y);
  const rowAt = (y: number) =>
    Math.max(
      0,
      tops.findLastIndex((t) => t <= y + slack),
    );
  const rows: { x: number; y: number; line: OcrLine }[][] = tops.map(() => []);
  for (const c of cells) {
    const first = rowAt(c.box.y);
    for (const line of c.lines) {
      const row = Math.max(first, rowAt((line.bbox.y0 + line.bbox.y1) / 2 - slack));
      rows[row]!.push({ x: c.box.x, y: line.bbox.y0, line });
    }
  }
  return rows.filter((r) => r.length).map((r) => r.sort((a, b) => a.x - b.x || a.y - b.y).map((e) => e.line));
}

export interface CellPage {
  /** The processed page (cells are found on it, rules included). */
  grey: GreyImage;
  /** The page with its rules removed: what is read. */
  clean: GreyImage;
  rules: Rules;
  dpi: number;
}

/**
 * The page read cell by cell, or null when the rules enclose no cells (a page of
 * underlines, a single box). Every region is queued at once, so all the pool's workers
 * share one page.
 */
export async function readCells(pool: OcrPool, p: CellPage): Promise<OcrOutput | null> {
  const { grey, clean: page, rules, dpi } = p;
  const started = performance.now();
  const pxPerMm = dpi / 25.4;
  const cells = findCells(withCellRules(grey, inkOf(grey), rules), page.width, page.height, Math.round(2 * pxPerMm));
  if (cells.length < 2) return null;
  const top = Math.min(...cells.map((c) => c.y));
  const bottom = Math.max(...cells.map((c) => c.y + c.h));
  const left = Math.min(...cells.map((c) => c.x));
  const right = Math.max(...cells.map((c) => c.x + c.w));
  const inset = Math.round(0.5 * pxPerMm);
  const margin = Math.round(1 * pxPerMm);
  // Each cell cut a little inside its rules, so what is left of them stays out; beside
  // the table, margins wide enough to hold a note; above and below it, the full width.
  const regions: { box: CellBox; at: 'above' | 'cell' | 'side' | 'below' }[] = [
    ...cells.map((c) => ({
      box: { x: c.x + inset, y: c.y + inset, w: c.w - 2 * inset, h: c.h - 2 * inset },
      at: 'cell' as const,
    })),
    ...[
      { x: 0, y: top, w: left - margin, h: bottom - top },
      { x: right + margin, y: top, w: page.width - right - margin, h: bottom - top },
    ]
      .filter((b) => b.w > 8 * pxPerMm)
      .map((box) => ({ box, at: 'side' as const })),
    { box: { x: 0, y: 0, w: page.width, h: top - margin }, at: 'above' as const },
    { box: { x: 0, y: bottom + margin, w: page.width, h: page.height - bottom - margin }, at: 'below' as const },
  ].filter((r) => r.box.w > 2 * pxPerMm && r.box.h > 2 * pxPerMm);
  const read = await Promise.all(
    regions.map(async (r) => {
      const region = inkRegion(page, r.box, pxPerMm, r.at === 'cell');
      return { ...r, lines: region ? await readRegion(pool, page, region, dpi) : [] };
    }),
  );
  const above = read.filter((r) => r.at === 'above').flatMap((r) => r.lines);
  const below = read.filter((r) => r.at === 'below').flatMap((r) => r.lines);
  const rows = tableRows(
    read.filter((r) => (r.at === 'cell' || r.at === 'side') && r.lines.length > 0),
    Math.min(...cells.map((c) => c.h)) / 2,
  );
  const text = [
    ...above.map((l) => l.text.trim()),
    ...rows.map((row) => row.map((l) => l.text.trim()).join(' ')),
    ...below.map((l) => l.text.trim()),
  ].join('\n');
  const lines = [...above, ...rows.flat(), ...below];
  const chars = lines.reduce((s, l) => s + l.text.length, 0);
  const confidence = lines.reduce((s, l) => s + l.confidence * l.text.length, 0) / Math.max(1, chars);
  return {
    text,
    confidence,
    lines,
    ms: performance.now() - started,
    byCells: true,
  };
}
