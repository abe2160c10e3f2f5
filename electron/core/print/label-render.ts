/**
 * Draws labels onto their stock with pdf-lib: each label's barcode as filled rectangles
 * (barcode.ts) with its quiet zones kept clear, the human-readable text under or beside it
 * fitted to one line each, and the clerk's offset applied to every cell. The test print draws
 * the cells' outlines, a cross at each corner and the offset in force instead.
 */
import {
  fill,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingGrayscaleColor,
} from 'pdf-lib';
import { LABEL_SHEET_NAMES, type LabelSettings, type LabelSheet, type Symbology } from '../../contract/labels';
import { encodeBarcode } from './barcode';
import { fit, lineHeight } from './fit';
import { printFont } from './font';
import { plainFontkit } from './render';
import { cellOf, type Cell, sheetGeometry } from './label-sheets';
import type { LabelContent } from './label-data';

const MM_PT = 72 / 25.4;
/** Space kept clear inside a label's edge (die-cut labels shift a little), in mm. */
const PAD = 2;
/** The narrowest bar printed, in mm (below it cheap scanners stop reading). */
const MAX_MODULE = 0.5;

interface Canvas {
  page: PDFPage;
  font: PDFFont;
  pageH: number;
  clean(s: string): string;
}

export interface RenderedLabels {
  bytes: Uint8Array;
  pages: number;
  missingChars: string[];
}

async function open(title: string, now: Date) {
  const font = printFont();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(plainFontkit);
  const pdfFont = await doc.embedFont(font.bytes, { subset: true });
  doc.setTitle(title);
  doc.setCreator('档案 Dangan');
  doc.setProducer('档案 Dangan (pdf-lib, bwip-js)');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  return { font, doc, pdfFont };
}

/** One line of text whose top is at `top` mm, shrunk then cut to fit `width`; returns its height. */
function line(c: Canvas, text: string, x: number, top: number, width: number, size: number, center = false): number {
  const f = fit(c.clean(text), width, lineHeight(size), size, printFont().metrics);
  const t = f.lines[0] ?? '';
  const w = printFont().metrics.width(t, f.size);
  const left = center ? x + (width - w) / 2 : x;
  // The baseline sits about four fifths down the line box.
  const base = top + lineHeight(f.size) * 0.8;
  c.page.drawText(t, { x: left * MM_PT, y: (c.pageH - base) * MM_PT, size: f.size, font: c.font });
  return lineHeight(f.size);
}

/** The barcode's dark modules as one path of rectangles, `m` mm a module, top-left at (x, y). */
function bars(c: Canvas, code: ReturnType<typeof encodeBarcode>, x: number, y: number, m: number, barH: number) {
  const ops = [pushGraphicsState(), setFillingGrayscaleColor(0)];
  for (const r of code.rects) {
    const h = code.rows === 1 ? barH : r.h * m;
    const top = code.rows === 1 ? y : y + r.y * m;
    ops.push(rectangle((x + r.x * m) * MM_PT, (c.pageH - top - h) * MM_PT, r.w * m * MM_PT, h * MM_PT));
  }
  ops.push(fill(), popGraphicsState());
  c.page.pushOperators(...ops);
}

function drawLabel(c: Canvas, cell: Cell, l: LabelContent, symbology: Symbology): void {
  const code = encodeBarcode(l.payload, symbology);
  const x0 = cell.x + PAD;
  const y0 = cell.y + PAD;
  const w = cell.w - 2 * PAD;
  const h = cell.h - 2 * PAD;
  const headSize = Math.min(11, Math.max(7, h / 3.3));
  const lineSize = Math.min(8, headSize - 2);
  if (symbology === 'qr') {
    // The square at the left, the text beside it.
    const side = Math.min(h, w * 0.45);
    const m = side / (code.cols + 2 * code.quiet);
    bars(c, code, x0 + code.quiet * m, y0 + (h - code.rows * m) / 2, m, 0);
    const tx = x0 + side + 1;
    let y = y0 + code.quiet * m;
    y += line(c, l.heading, tx, y, w - side - 1, headSize);
    for (const t of l.lines) y += line(c, t, tx, y, w - side - 1, lineSize);
    return;
  }
  const textH = lineHeight(headSize) + l.lines.length * lineHeight(lineSize) + 0.5;
  const m = Math.min(MAX_MODULE, w / (code.cols + 2 * code.quiet));
  const barW = code.cols * m;
  const barH = Math.max(5, h - textH);
  bars(c, code, x0 + (w - barW) / 2, y0, m, barH);
  let y = y0 + barH + 0.5;
  y += line(c, l.heading, x0, y, w, headSize, true);
  for (const t of l.lines) y += line(c, t, x0, y, w, lineSize, true);
}

export interface LabelJob {
  sheet: LabelSheet;
  symbology: Symbology;
  start: number;
  settings: LabelSettings;
}

/** The labels on as many sheets (roll pages) as they need, the first sheet's used cells skipped. */
export async function renderLabels(labels: LabelContent[], job: LabelJob, now: Date): Promise<RenderedLabels> {
  const { font, doc, pdfFont } = await open('条码标签', now);
  const g = sheetGeometry(job.sheet, job.settings);
  const offset = job.settings.offsets[job.sheet];
  const missing = new Set<string>();
  const pages: PDFPage[] = [];
  labels.forEach((l, n) => {
    const cell = cellOf(g, n, job.start, offset);
    while (pages.length <= cell.page) pages.push(doc.addPage([g.page.w * MM_PT, g.page.h * MM_PT]));
    const canvas = {
      page: pages[cell.page]!,
      font: pdfFont,
      pageH: g.page.h,
      clean: (s: string) => font.clean(s, missing),
    };
    drawLabel(canvas, cell, l, job.symbology);
  });
  const bytes = await doc.save({ useObjectStreams: true });
  return { bytes, pages: pages.length, missingChars: [...missing] };
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;

/**
 * One sheet (one roll label) of outlines: held against a real sheet to the light, it shows
 * how far the printer feeds off; the clerk enters that as the offset and prints it again.
 */
export async function renderLabelTest(sheet: LabelSheet, settings: LabelSettings, now: Date): Promise<RenderedLabels> {
  const { font, doc, pdfFont } = await open('标签对齐测试页', now);
  const g = sheetGeometry(sheet, settings);
  const offset = settings.offsets[sheet];
  const page = doc.addPage([g.page.w * MM_PT, g.page.h * MM_PT]);
  const missing = new Set<string>();
  const c: Canvas = { page, font: pdfFont, pageH: g.page.h, clean: (s) => font.clean(s, missing) };
  const stroke = (x1: number, y1: number, x2: number, y2: number, width = 0.3) =>
    page.drawLine({
      start: { x: x1 * MM_PT, y: (g.page.h - y1) * MM_PT },
      end: { x: x2 * MM_PT, y: (g.page.h - y2) * MM_PT },
      thickness: width,
      color: rgb(0, 0, 0),
    });
  const offsetText = `偏移 左右 ${signed(offset.x)} 毫米　上下 ${signed(offset.y)} 毫米`;
  for (let n = 0; n < g.cols * g.rows; n++) {
    const cell = cellOf(g, n, 1, offset);
    const { x, y, w, h } = cell;
    stroke(x, y, x + w, y, 0.2);
    stroke(x, y + h, x + w, y + h, 0.2);
    stroke(x, y, x, y + h, 0.2);
    stroke(x + w, y, x + w, y + h, 0.2);
    // A cross at each corner, 3 mm inside: the corner of the real label should sit on it.
    for (const [cx, cy] of [
      [x + 3, y + 3],
      [x + w - 3, y + 3],
      [x + 3, y + h - 3],
      [x + w - 3, y + h - 3],
    ] as const) {
      stroke(cx - 1.5, cy, cx + 1.5, cy);
      stroke(cx, cy - 1.5, cx, cy + 1.5);
    }
    const size = Math.min(9, h / 5);
    let ty = y + h / 2 - lineHeight(size);
    ty += line(c, `${LABEL_SHEET_NAMES[sheet]} 第 ${n + 1} 格`, x + 5, ty, w - 10, size, true);
    line(c, offsetText, x + 5, ty, w - 10, size * 0.8, true);
  }
  const bytes = await doc.save({ useObjectStreams: true });
  return { bytes, pages: 1, missingChars: [...missing] };
}
