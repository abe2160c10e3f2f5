/**
 * Rewrites a TrueType font so that every glyph's data has an even length.
 *
 * Why: fontkit's subsetter (used by pdf-lib to embed only the glyphs a document uses)
 * writes the short `loca` format (offsets halved) whenever the subset's glyph data is under
 * 64 KB, but copies each glyph at its own length. Noto Sans SC has odd-length glyphs, so in
 * a small subset every glyph after an odd one points a byte off and renders blank, while
 * the text still extracts. With even lengths the halved offsets are exact. Done once, in
 * memory, when the font is loaded; the shipped file is never changed.
 */

const u16 = (b: Buffer, o: number) => b.readUInt16BE(o);
const u32 = (b: Buffer, o: number) => b.readUInt32BE(o);

interface Table {
  tag: string;
  data: Buffer;
}

function tables(font: Buffer): Table[] {
  const n = u16(font, 4);
  const out: Table[] = [];
  for (let i = 0; i < n; i++) {
    const r = 12 + 16 * i;
    const tag = font.toString('latin1', r, r + 4);
    const offset = u32(font, r + 8);
    out.push({ tag, data: font.subarray(offset, offset + u32(font, r + 12)) });
  }
  return out;
}

function checksum(b: Buffer): number {
  let sum = 0;
  const padded = b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b;
  for (let o = 0; o < padded.length; o += 4) sum = (sum + u32(padded, o)) >>> 0;
  return sum;
}

/** The font with glyphs padded to even lengths and a long-format loca; other tables as they were. */
export function evenGlyphs(input: Uint8Array): Uint8Array {
  const font = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const ts = tables(font);
  const get = (tag: string) => ts.find((t) => t.tag === tag);
  const head = get('head');
  const maxp = get('maxp');
  const loca = get('loca');
  const glyf = get('glyf');
  if (!head || !maxp || !loca || !glyf) return input; // not a TrueType-outline font: nothing to fix
  const numGlyphs = u16(maxp.data, 4);
  const long = head.data.readInt16BE(50) === 1;
  const at = (i: number) => (long ? u32(loca.data, 4 * i) : 2 * u16(loca.data, 2 * i));

  const parts: Buffer[] = [];
  const newLoca = Buffer.alloc(4 * (numGlyphs + 1));
  let offset = 0;
  for (let i = 0; i < numGlyphs; i++) {
    newLoca.writeUInt32BE(offset, 4 * i);
    const g = glyf.data.subarray(at(i), at(i + 1));
    parts.push(g);
    offset += g.length;
    if (g.length % 2) {
      parts.push(Buffer.alloc(1));
      offset += 1;
    }
  }
  newLoca.writeUInt32BE(offset, 4 * numGlyphs);
  const newHead = Buffer.from(head.data);
  newHead.writeInt16BE(1, 50);
  newHead.writeUInt32BE(0, 8); // checkSumAdjustment: no reader of ours checks it
  glyf.data = Buffer.concat(parts);
  loca.data = newLoca;
  head.data = newHead;

  // Same table order and header; data 4-byte aligned.
  const headerLen = 12 + 16 * ts.length;
  const out = Buffer.alloc(headerLen + ts.reduce((n, t) => n + t.data.length + 3, 0));
  font.copy(out, 0, 0, 12);
  let pos = headerLen;
  ts.forEach((t, i) => {
    const r = 12 + 16 * i;
    out.write(t.tag, r, 'latin1');
    out.writeUInt32BE(checksum(t.data), r + 4);
    out.writeUInt32BE(pos, r + 8);
    out.writeUInt32BE(t.data.length, r + 12);
    t.data.copy(out, pos);
    pos += t.data.length;
    pos += (4 - (pos % 4)) % 4;
  });
  return new Uint8Array(out.buffer, out.byteOffset, pos);
}
