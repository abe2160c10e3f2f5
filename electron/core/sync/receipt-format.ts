/**
 * The bureau's receipt: per-record outcomes for one bundle, the new Acked-Through, the
 * files the bureau holds and the keys it trusts for the station. JSON, signed (raw
 * Ed25519 over the file's bytes, in `<Bundle-Id>.json.sig`… named `<Bundle-Id>.sig`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../kernel';
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

export function readReceiptFile(file: string): { json: Buffer; sig: Buffer | null } {
  let json: Buffer;
  try {
    json = fs.readFileSync(file);
  } catch {
    throw new AppError('RECEIPT_INVALID', `无法读取回执文件：${file}`);
  }
  let sig: Buffer | null = null;
  try {
    sig = fs.readFileSync(sigPathOf(file));
  } catch {
    sig = null;
  }
  return { json, sig };
}
