/** Draws laid-out pages into a PDF with pdf-lib, the font embedded as a subset. */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { printFont } from './font';
import { layoutDocument } from './layout';
import { PAGE_MM, type Block, type DocSpec } from './layout-types';

const MM_PT = 72 / 25.4;

/**
 * fontkit whose fonts map text to glyphs one code point at a time, without OpenType shaping.
 * Why: pdf-lib shapes every string it draws, and shaping Noto Sans SC costs about 0.15 ms a
 * string, over a second for a 1,000-row catalogue; Chinese, digits and Latin letters in
 * these documents need no ligatures or contextual forms. Only pdf-lib's use is changed.
 */
export const plainFontkit: typeof fontkit = {
  ...fontkit,
  create(buffer, postscriptName) {
    const font = fontkit.create(buffer, postscriptName);
    font.layout = (text: string) => {
      const glyphs = Array.from(text, (ch) => font.glyphForCodePoint(ch.codePointAt(0)!));
      return {
        glyphs,
        positions: glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })),
      } as unknown as ReturnType<typeof font.layout>;
    };
    return font;
  },
};

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
  /** Characters the font lacks, printed as 〓 (see font.ts). */
  missingChars: string[];
}

/** Every string of a block through `f` (the font's cleaning of characters it lacks). */
function mapBlock(b: Block, f: (s: string) => string): Block {
  switch (b.type) {
    case 'break':
      return b;
    case 'title':
    case 'line':
      return { ...b, text: f(b.text) };
    case 'form':
      return { ...b, rows: b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, text: f(c.text) })) })) };
    case 'tiles':
      return {
        ...b,
        tiles: b.tiles.map((t) => ({ caption: f(t.caption), form: mapBlock(t.form, f) as typeof t.form })),
      };
    case 'table':
      return {
        ...b,
        columns: b.columns.map((c) => ({ ...c, header: f(c.header) })),
        rows: b.rows.map((r) => r.map(f)),
        ...(b.empty !== undefined ? { empty: f(b.empty) } : {}),
      };
  }
}

/** Lays the document out and writes its PDF; `now` stamps the file (the injected clock). */
export async function renderPdf(spec: DocSpec, now: Date): Promise<RenderedPdf> {
  const font = printFont();
  const missing = new Set<string>();
  const clean = (s: string) => font.clean(s, missing);
  const pages = layoutDocument({ ...spec, blocks: spec.blocks.map((b) => mapBlock(b, clean)) }, font.metrics);

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(plainFontkit);
  const pdfFont = await doc.embedFont(font.bytes, { subset: true });
  doc.setTitle(spec.title);
  doc.setCreator('档案 Dangan');
  doc.setProducer('档案 Dangan (pdf-lib)');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const black = rgb(0, 0, 0);
  for (const laid of pages) {
    const { w, h } = PAGE_MM[laid.size];
    const page = doc.addPage([w * MM_PT, h * MM_PT]);
    const H = h * MM_PT;
    for (const o of laid.ops) {
      if (o.op === 'text')
        page.drawText(o.text, { x: o.x * MM_PT, y: H - o.y * MM_PT, size: o.size, font: pdfFont, color: black });
      else
        page.drawLine({
          start: { x: o.x1 * MM_PT, y: H - o.y1 * MM_PT },
          end: { x: o.x2 * MM_PT, y: H - o.y2 * MM_PT },
          thickness: o.width,
          color: black,
        });
    }
  }
  const bytes = await doc.save({ useObjectStreams: true });
  return { bytes, pages: pages.length, missingChars: [...missing] };
}
