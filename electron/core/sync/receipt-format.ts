/**
 * The bureau's receipt: per-record outcomes for one bundle, the new Acked-Through, the
 * files the bureau holds and the keys it trusts for the station. JSON, signed (raw
 * Ed25519 over the file's bytes, in `<Bundle-Id>.json.sig`… named `<Bundle-Id>.sig`).
 */
import path from 'node:path';
import { AppError, BoundedFileError, formatBytes, readBoundedFile, readBoundedFileOrNull } from '../kernel';
import { verifyBytes } from './crypto';

export type RecordOutcome = 'applied' | 'duplicate' | 'conflict' | 'rejected';

export interface ReceiptRecord {
  entity: string;
  id: string;
  version: number;
  outcome: RecordOutcome;
  reason?: string;
}

export interface Receipt {
  format: 'dangan-receipt/1';
  stationId: string;
  bundleId: string;
  bundleSeq: number;
  epoch: number;
  bureauNodeId: string;
  bureauKey: string;
  importedAt: string;
  ackedThrough: number;
  trustVersion: number;
  trustedKeys: string[];
  counts: Record<RecordOutcome, number>;
  records: ReceiptRecord[];
  files: string[];
}

export const receiptPaths = (stickDir: string, stationId: string, bundleId: string) => {
  const dir = path.join(stickDir, 'receipts', stationId);
  return { dir, json: path.join(dir, `${bundleId}.json`), sig: path.join(dir, `${bundleId}.sig`) };
};

/** The `.sig` beside a receipt file. */
export const sigPathOf = (jsonFile: string): string => jsonFile.replace(/\.json$/, '') + '.sig';

/** Parses and checks a receipt against the pinned bureau key; RECEIPT_INVALID otherwise. */
export function openReceipt(json: Buffer, sig: Buffer | null, bureauPem: string): Receipt {
  if (!sig) throw new AppError('RECEIPT_INVALID', '回执缺少签名文件（.sig）');
  if (!verifyBytes(bureauPem, json, sig)) throw new AppError('RECEIPT_INVALID', '回执签名与登记时确认的县局密钥不符');
  let r: Receipt;
  try {
    r = JSON.parse(json.toString('utf8')) as Receipt;
  } catch {
    throw new AppError('RECEIPT_INVALID', '回执内容无法解析');
  }
  if (r.format !== 'dangan-receipt/1' || !Array.isArray(r.records) || !/^[0-9a-f]{64}$/.test(r.bundleId)) {
    throw new AppError('RECEIPT_INVALID', '回执格式不受支持');
  }
  return r;
}

/**
 * The largest receipt read. A receipt has no size limit of its own: it answers for every
 * record of one bundle (about 80 bytes each, more with a reason) and names every file
 * the bureau holds from it (about 70 bytes each), and a station's first bundle can carry
 * a whole archive. 256 MiB covers well over a million records and files; anything larger
 * is not a receipt, and is refused before a byte is read.
 */
export const RECEIPT_MAX_BYTES = 256 * 1024 * 1024;
/** The signature beside it: 64 raw bytes; a little room. */
const SIG_MAX_BYTES = 4096;

/**
 * A receipt and its signature from a stick or a typed path: each only if it is a regular
 * file (no link, FIFO or device: `/dev/zero` as a receipt would fill memory) and small enough.
 */
export function readReceiptFile(file: string): { json: Buffer; sig: Buffer | null } {
  try {
    const json = readBoundedFile(file, RECEIPT_MAX_BYTES);
    const sig = readBoundedFileOrNull(sigPathOf(file), SIG_MAX_BYTES);
    return { json, sig };
  } catch (e) {
    if (!(e instanceof BoundedFileError)) throw e;
    const which = e.file === file ? '回执文件' : '回执的签名文件';
    const why =
      e.reason === 'not-regular'
        ? `${which}不是普通文件（符号链接、管道或设备），拒绝读取`
        : e.reason === 'too-big'
          ? `${which}过大（上限 ${formatBytes(e.file === file ? RECEIPT_MAX_BYTES : SIG_MAX_BYTES)}），不是有效的回执`
          : `无法读取${which}`;
    throw new AppError('RECEIPT_INVALID', `${why}：${e.file}`);
  }
}
