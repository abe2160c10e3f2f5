/**
 * An .xlsx is a zip. Before exceljs inflates one (it needs roughly ten times the sheet
 * XML in memory), its central directory is read here and the workbook is refused when it
 * would inflate past caps known up front: a 1 MB zip bomb that inflates to 300 MB once
 * took a minute and 3.5 GB, and stalled every other user.
 *
 * The directory can lie, so every entry is also inflated here with its declared size as
 * the hard output limit (zlib stops there), over the same bytes jszip (inside exceljs)
 * will read: what exceljs then inflates is never more than the caps below.
 */
import { constants, inflateRawSync } from 'node:zlib';
import { AppError } from '../kernel';

/**
 * Total inflated bytes of all parts. Measured: a 12-column catalogue row of Chinese text
 * is ~610 bytes of sheet XML and shared strings, so 64 MiB holds ~100,000 rows — several
 * times any station's legacy ledger (the importer has no row limit of its own; this is
 * it) — and exceljs reads it in well under 1 GB. The same 64 MB as the file cap.
 */
export const MAX_XLSX_INFLATED = 64 * 1024 * 1024;
/** An Excel workbook has ~10–20 parts (one per sheet, styles, theme, rels); 1,000 allows hundreds of sheets. */
export const MAX_XLSX_ENTRIES = 1000;

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

const tooLarge = (message: string) => new AppError('IMPORT_FILE_TOO_LARGE', message);
const broken = () => new AppError('IMPORT_MALFORMED', '文件不是有效的 .xlsx 表格（可能已损坏）');

interface Entry {
  method: number;
  compressed: number;
  inflated: number;
  localOffset: number;
}

/** Throws IMPORT_FILE_TOO_LARGE past the caps, IMPORT_MALFORMED for a zip that cannot be read. */
export function checkXlsxBounds(zip: Buffer): void {
  const entries = centralDirectory(zip);
  if (entries.length > MAX_XLSX_ENTRIES) {
    throw tooLarge(`文件过大：表格中的部件超过 ${MAX_XLSX_ENTRIES} 个，请拆分后分批导入`);
  }
  let total = 0;
  for (const e of entries) total += e.inflated;
  if (total > MAX_XLSX_INFLATED) throw tooLarge(inflatedMessage());
  for (const e of entries) checkEntry(zip, e);
}

/**
 * What the central directory says the parts inflate to, in all: how much exceljs would
 * parse (the check above holds every part to its stated size). 0 when the directory
 * cannot be read or is over the caps: checkXlsxBounds then refuses the file at once.
 */
export function declaredInflatedBytes(zip: Buffer): number {
  try {
    return centralDirectory(zip).reduce((n, e) => n + e.inflated, 0);
  } catch {
    return 0;
  }
}

const inflatedMessage = () =>
  `文件过大：表格解压后超过 ${MAX_XLSX_INFLATED / 1024 / 1024}MB（约 10 万行），请拆分后分批导入`;

function centralDirectory(zip: Buffer): Entry[] {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const count = zip.readUInt16LE(eocd + 10);
  // 0xffff marks a zip64 count: more parts than the cap in any case.
  if (count > MAX_XLSX_ENTRIES) throw tooLarge(`文件过大：表格中的部件超过 ${MAX_XLSX_ENTRIES} 个，请拆分后分批导入`);
  let p = zip.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CEN_SIG) throw broken();
    const compressed = zip.readUInt32LE(p + 20);
    const inflated = zip.readUInt32LE(p + 24);
    // 0xffffffff marks a zip64 size (4 GB and more): past the cap, no need to read the extra field.
    if (compressed === 0xffffffff || inflated === 0xffffffff) throw tooLarge(inflatedMessage());
    out.push({ method: zip.readUInt16LE(p + 10), compressed, inflated, localOffset: zip.readUInt32LE(p + 42) });
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

/** Inflates one part with its declared size as the limit: a part that says 1 KB and holds 300 MB stops at 1 KB. */
function checkEntry(zip: Buffer, e: Entry): void {
  const p = e.localOffset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOC_SIG) throw broken();
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  if (start + e.compressed > zip.length) throw broken();
  const data = zip.subarray(start, start + e.compressed);
  if (e.method === 0) {
    if (e.compressed !== e.inflated) throw broken();
    return;
  }
  if (e.method !== 8) return; // not deflate: exceljs refuses it as unreadable
  try {
    inflateRawSync(data, { maxOutputLength: Math.max(1, e.inflated), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(inflatedMessage());
    throw broken();
  }
}
