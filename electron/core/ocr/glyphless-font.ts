/**
 * A TrueType font whose glyphs draw nothing, for the invisible text layer of our searchable
 * PDFs. Viewers need a font program to measure and select the text; the text itself comes
 * from the ToUnicode map, so one empty glyph serves every character. Built here (a few
 * hundred bytes) instead of shipping a font file: only the tables a CIDFontType2 needs
 * (glyphs are addressed by the PDF's CIDToGIDMap, so no cmap).
 */

/** Font units per em; with `ADVANCE` equal to it every glyph is one em wide (a CJK character). */
export const UNITS_PER_EM = 1000;
export const ADVANCE = 1000;
/** Above and below the baseline, in font units: the em box the text layer's line boxes map onto. */
export const ASCENT = 880;
export const DESCENT = -120;

class Writer {
  private readonly buf: Buffer;
  private pos = 0;
  constructor(size: number) {
    this.buf = Buffer.alloc(size);
  }
  u16(v: number): this {
    this.buf.writeUInt16BE(v & 0xffff, this.pos);
    this.pos += 2;
    return this;
  }
  i16(v: number): this {
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }
  u32(v: number): this {
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }
  zeros(n: number): this {
    this.pos += n;
    return this;
  }
  done(): Buffer {
    if (this.pos !== this.buf.length) throw new Error(`table size ${this.pos} ≠ ${this.buf.length}`);
    return this.buf;
  }
}

const NUM_GLYPHS = 2; // .notdef and the one empty glyph every CID maps to

function head(): Buffer {
  return new Writer(54)
    .u32(0x00010000) // version
    .u32(0x00010000) // fontRevision
    .u32(0) // checkSumAdjustment, set once the whole font is laid out
    .u32(0x5f0f3cf5) // magicNumber
    .u16(0b1011) // flags: baseline at y=0, lsb at x=0, integer ppem
    .u16(UNITS_PER_EM)
    .zeros(16) // created, modified
    .i16(0)
    .i16(DESCENT)
    .i16(ADVANCE)
    .i16(ASCENT) // xMin yMin xMax yMax
    .u16(0) // macStyle
    .u16(3) // lowestRecPPEM
    .i16(2) // fontDirectionHint
    .i16(0) // indexToLocFormat: short offsets
    .i16(0) // glyphDataFormat
    .done();
}

function hhea(): Buffer {
  return new Writer(36)
    .u32(0x00010000)
    .i16(ASCENT)
    .i16(DESCENT)
    .i16(0) // lineGap
    .u16(ADVANCE) // advanceWidthMax
    .i16(0)
    .i16(0)
    .i16(0) // min left/right bearing, xMaxExtent
    .i16(1)
    .i16(0)
    .i16(0) // caret slope rise/run, offset
    .zeros(8) // reserved
    .i16(0) // metricDataFormat
    .u16(NUM_GLYPHS) // numberOfHMetrics
    .done();
}

function maxp(): Buffer {
  // Version 1.0 (TrueType outlines): numGlyphs, then limits that are all zero but maxZones.
  const w = new Writer(32).u32(0x00010000).u16(NUM_GLYPHS).zeros(8).u16(2);
  return w.zeros(16).done();
}

function hmtx(): Buffer {
  const w = new Writer(4 * NUM_GLYPHS);
  for (let i = 0; i < NUM_GLYPHS; i++) w.u16(ADVANCE).i16(0);
  return w.done();
}

/** Short offsets: every glyph starts and ends at 0, i.e. has no outline. */
const loca = (): Buffer => Buffer.alloc(2 * (NUM_GLYPHS + 1));

function checksum(data: Buffer): number {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

let cached: Buffer | null = null;

/** The font file (an sfnt), the same bytes every time. */
export function glyphlessFont(): Buffer {
  if (cached) return cached;
  // The table directory is sorted by tag.
  const tables: [string, Buffer][] = [
    // No outlines, but some readers (pdf.js) take an empty table for a missing one.
    ['glyf', Buffer.alloc(4)],
    ['head', head()],
    ['hhea', hhea()],
    ['hmtx', hmtx()],
    ['loca', loca()],
    ['maxp', maxp()],
  ];
  const n = tables.length;
  const log2 = Math.floor(Math.log2(n));
  const dir = new Writer(12 + 16 * n)
    .u32(0x00010000)
    .u16(n)
    .u16(16 << log2)
    .u16(log2)
    .u16(16 * n - (16 << log2));
  let offset = 12 + 16 * n;
  const body: Buffer[] = [];
  let headAt = 0;
  for (const [tag, data] of tables) {
    if (tag === 'head') headAt = offset;
    dir.u32(Buffer.from(tag, 'latin1').readUInt32BE(0)).u32(checksum(data)).u32(offset).u32(data.length);
    const pad = Buffer.alloc((4 - (data.length % 4)) % 4);
    body.push(data, pad);
    offset += data.length + pad.length;
  }
  const font = Buffer.concat([dir.done(), ...body]);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  cached = font;
  return font;
}
