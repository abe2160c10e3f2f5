/**
 * Our own searchable PDF: one page at its real size (from the dpi), the page image, and
 * over each recognised line its text, invisible (render mode 3), stretched (Tz) to the
 * line's box so a selection or a search hit lands on the printed words. PP-OCR finds
 * lines but writes no PDF; before this the page went through tesseract.js a second time
 * only for Tesseract's PDF.
 *
 * The font is a Type0/CIDFontType2 with Identity-H over a glyphless TrueType font: each
 * distinct character of the page gets a two-byte CID (1, 2, …) and the ToUnicode CMap
 * maps it back, so text extraction (pdftotext, pdf.js, Chromium's viewer) gives the
 * characters, Chinese and beyond the BMP included, without embedding any real glyphs.
 */
import zlib from 'node:zlib';
import type { GreyImage } from '../imaging';
import { ASCENT, ADVANCE, DESCENT, glyphlessFont, UNITS_PER_EM } from './glyphless-font';
import type { OcrBox } from './pool';
import { pngPassthrough } from './pdf-png';

export interface TextLayerLine {
  text: string;
  /** In image pixels, top-left origin. */
  bbox: OcrBox;
}

export interface TextLayerPage {
  image: GreyImage;
  /**
   * The same page encoded as PNG, when the caller has it: a greyscale PNG's compressed
   * rows go into the PDF as they are (PDF's Flate with PNG predictors reads them), which
   * saves deflating the page again.
   */
  png?: Buffer | null;
  dpi: number;
  lines: readonly TextLayerLine[];
}

/** PaddleOCR reads a box at least this much taller than wide as a vertical line (top to bottom). */
const VERTICAL = 1.5;

const num = (x: number) => {
  const s = x.toFixed(3);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
};

/** Hex of a string in UTF-16BE, as ToUnicode CMaps spell Unicode. */
const utf16Hex = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** Each distinct character (code point) of the page, numbered from CID 1 in order of appearance. */
function assignCids(lines: readonly TextLayerLine[]): Map<string, number> {
  const cids = new Map<string, number>();
  for (const l of lines) for (const ch of l.text) if (!cids.has(ch)) cids.set(ch, cids.size + 1);
  return cids;
}

function toUnicode(cids: Map<string, number>): string {
  const entries = [...cids];
  const blocks: string[] = [];
  // A bfchar block holds at most 100 entries.
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    blocks.push(
      `${part.length} beginbfchar\n${part.map(([ch, cid]) => `<${hex4(cid)}> <${utf16Hex(ch)}>`).join('\n')}\nendbfchar`,
    );
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** The content stream: the image over the whole page, then one invisible text run per line. */
function content(p: TextLayerPage, cids: Map<string, number>, w: number, h: number): string {
  const k = 72 / p.dpi;
  const ops = [`q ${num(w)} 0 0 ${num(h)} 0 0 cm /Im0 Do Q`, 'BT', '3 Tr'];
  const below = -DESCENT / UNITS_PER_EM;
  for (const l of p.lines) {
    const text = l.text.trim();
    const chars = [...text];
    if (!chars.length) continue;
    const { x0, y0, x1, y1 } = l.bbox;
    const bw = (x1 - x0) * k;
    const bh = (y1 - y0) * k;
    if (bw <= 0 || bh <= 0) continue;
    const vertical = bh >= VERTICAL * bw;
    // The em box (ascent + descent = 1 em) spans the box across the line; Tz stretches the run along it.
    const size = vertical ? bw : bh;
    const run = vertical ? bh : bw;
    const tz = (100 * run) / ((chars.length * size * ADVANCE) / UNITS_PER_EM);
    // Vertical lines run top to bottom: the text space is turned a quarter clockwise.
    const tm = vertical
      ? `0 -1 1 0 ${num(x0 * k + below * size)} ${num(h - y0 * k)}`
      : `1 0 0 1 ${num(x0 * k)} ${num(h - y1 * k + below * size)}`;
    const hex = chars.map((c) => hex4(cids.get(c)!)).join('');
    ops.push(`/F0 ${num(size)} Tf ${num(tz)} Tz ${tm} Tm <${hex}> Tj`);
  }
  ops.push('ET');
  return ops.join('\n');
}

/** One indirect object, numbered by its place in the list (from 1). */
export type PdfObject = { dict: string; stream?: Buffer };

const streamObj = (dict: string, data: Buffer, deflate = true): PdfObject => {
  const body = deflate ? zlib.deflateSync(data) : data;
  const filter = deflate ? ' /Filter /FlateDecode' : '';
  return { dict: `<< ${dict}${filter} /Length ${body.length} >>`, stream: body };
};

function imageObject(p: TextLayerPage): PdfObject {
  const { width, height } = p.image;
  const pass = p.png ? pngPassthrough(p.png, width, height) : null;
  const head = `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray`;
  if (pass) {
    const parms = `/DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent ${pass.bitDepth} /Columns ${width} >>`;
    return {
      dict: `<< ${head} /BitsPerComponent ${pass.bitDepth} /Filter /FlateDecode ${parms} /Length ${pass.data.length} >>`,
      stream: pass.data,
    };
  }
  const pixels = Buffer.from(p.image.data.buffer, p.image.data.byteOffset, p.image.data.length);
  return streamObj(`${head} /BitsPerComponent 8`, pixels);
}

/** A one-page PDF of the page image with the lines as an invisible, extractable text layer. */
export function textLayerPdf(p: TextLayerPage): Buffer {
  const k = 72 / p.dpi;
  const w = p.image.width * k;
  const h = p.image.height * k;
  const cids = assignCids(p.lines.map((l) => ({ ...l, text: l.text.trim() })));
  // Every CID but 0 (.notdef) shows the font's one empty glyph.
  const gids = Buffer.alloc(2 * (cids.size + 1), 0);
  for (let cid = 1; cid <= cids.size; cid++) gids.writeUInt16BE(1, 2 * cid);
  const font = glyphlessFont();
  const fontName = '/GlyphLessFont';
  const objects: PdfObject[] = [
    { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
    { dict: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    {
      dict:
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(w)} ${num(h)}]` +
        ' /Resources << /XObject << /Im0 4 0 R >> /Font << /F0 5 0 R >> >> /Contents 6 0 R >>',
    },
    imageObject(p),
    {
      dict: `<< /Type /Font /Subtype /Type0 /BaseFont ${fontName} /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>`,
    },
    streamObj('', Buffer.from(content(p, cids, w, h), 'latin1')),
    {
      dict:
        `<< /Type /Font /Subtype /CIDFontType2 /BaseFont ${fontName}` +
        ' /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>' +
        ` /FontDescriptor 9 0 R /DW ${ADVANCE} /CIDToGIDMap 10 0 R >>`,
    },
    streamObj('', Buffer.from(toUnicode(cids), 'latin1')),
    {
      dict:
        `<< /Type /FontDescriptor /FontName ${fontName} /Flags 4 /FontBBox [0 ${DESCENT} ${ADVANCE} ${ASCENT}]` +
        ` /ItalicAngle 0 /Ascent ${ASCENT} /Descent ${DESCENT} /CapHeight ${ASCENT} /StemV 80 /FontFile2 11 0 R >>`,
    },
    streamObj('', gids),
    streamObj(`/Length1 ${font.length}`, font),
  ];
  return serialize(objects);
}

/** Writes the objects (object n is objects[n - 1], object 1 the catalog) with their cross-reference table. */
export function serialize(objects: PdfObject[]): Buffer {
  // The binary comment marks the file as binary for tools that guess.
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = parts[0]!.length;
  const offsets: number[] = [];
  const push = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(at);
    push(Buffer.from(`${i + 1} 0 obj\n${o.dict}\n`, 'latin1'));
    if (o.stream) {
      push(Buffer.from('stream\n', 'latin1'));
      push(o.stream);
      push(Buffer.from('\nendstream\n', 'latin1'));
    }
    push(Buffer.from('endobj\n', 'latin1'));
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(at),
    '%%EOF\n',
  ];
  push(Buffer.from(xref.join('\n'), 'latin1'));
  return Buffer.concat(parts);
}
