/**
 * Hand-built .xlsx zips for the bounded-import tests: a valid one-sheet workbook whose
 * sheet XML carries a huge run of spaces (legal between XML elements), compressed
 * without ever holding the run in memory: one 1 MiB chunk deflated with a full flush
 * (a byte-aligned, self-contained piece of a raw deflate stream) repeated N times, then
 * the final empty block. N MiB of XML for ~1 KB per MiB of zip.
 */
import { constants, deflateRawSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer, prev = 0): number {
  let c = ~prev >>> 0;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

interface Part {
  name: string;
  /** The raw deflate stream. */
  data: Buffer;
  crc: number;
  size: number;
}

const part = (name: string, text: string): Part => {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
};

/**
 * `mib` MiB of spaces inside the sheet XML (a header row and one data row), deflated to a
 * few hundred bytes per MiB. The CRC is computed up to 16 MiB; past that it is left 0 (a
 * byte-wise CRC of hundreds of MiB would cost seconds, and a refused file is never read).
 */
function spacesSheet(mib: number): Part {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>题名</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>关于户口整顿的通知</t></is></c></row>',
  );
  const tail = Buffer.from('</sheetData></worksheet>');
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const flushed = (b: Buffer) => deflateRawSync(b, { finishFlush: constants.Z_FULL_FLUSH });
  const chunkZ = flushed(chunk);
  let crc = 0;
  if (mib <= 16) {
    crc = crc32(head);
    for (let i = 0; i < mib; i++) crc = crc32(chunk, crc);
    crc = crc32(tail, crc);
  }
  const pieces = [flushed(head), ...Array.from({ length: mib }, () => chunkZ), deflateRawSync(tail)];
  const data = Buffer.concat(pieces);
  return { name: 'xl/worksheets/sheet1.xml', data, crc, size: head.length + mib * chunk.length + tail.length };
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="目录" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/** A zip container around the parts; `declare` overrides the inflated size the headers state. */
function zip(parts: Part[], declare?: (p: Part) => number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const size = declare ? declare(p) : p.size;
    const loc = Buffer.alloc(30);
    loc.writeUInt32LE(0x04034b50, 0);
    loc.writeUInt16LE(20, 4);
    loc.writeUInt16LE(0x0800, 6); // UTF-8 names
    loc.writeUInt16LE(8, 8);
    loc.writeUInt32LE(p.crc, 14);
    loc.writeUInt32LE(p.data.length, 18);
    loc.writeUInt32LE(size, 22);
    loc.writeUInt16LE(name.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(p.crc, 16);
    cen.writeUInt32LE(p.data.length, 20);
    cen.writeUInt32LE(size, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(loc, name, p.data);
    centrals.push(cen, name);
    offset += loc.length + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const skeleton = () => [
  part('[Content_Types].xml', CONTENT_TYPES),
  part('_rels/.rels', ROOT_RELS),
  part('xl/workbook.xml', WORKBOOK),
  part('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
];

/** A workbook whose sheet inflates to `mib` MiB; `lie` makes its headers claim 1 KB instead. */
export function bombXlsx(mib: number, opts: { lie?: boolean } = {}): Buffer {
  const parts = [...skeleton(), spacesSheet(mib)];
  return zip(parts, opts.lie ? (p) => (p.size > 1024 ? 1024 : p.size) : undefined);
}

/** A small valid workbook padded with `extra` empty parts. */
export function manyPartsXlsx(extra: number): Buffer {
  const pad = Array.from({ length: extra }, (_, i) => part(`xl/media/pad${i}.xml`, ''));
  return zip([...skeleton(), spacesSheet(0), ...pad]);
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const colName = (i: number) => String.fromCharCode(65 + i);

/** A real one-sheet workbook of `rows` (inline-string cells): the large sheet of the responsiveness test. */
export function rowsXlsx(rows: string[][]): Buffer {
  const body = rows
    .map(
      (r, y) =>
        `<row r="${y + 1}">${r.map((v, x) => `<c r="${colName(x)}${y + 1}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`).join('')}</row>`,
    )
    .join('');
  const sheet = part(
    'xl/worksheets/sheet1.xml',
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData>${body}</sheetData></worksheet>`,
  );
  return zip([...skeleton(), sheet]);
}
