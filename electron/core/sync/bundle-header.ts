/**
 * The header of a station's bundle (`bag-info.txt` fields an import decides on), parsed
 * strictly: a bundle whose header is missing or malformed is refused as tampered.
 */
import path from 'node:path';
import { readBoundedFile } from '../kernel';
import { TAG_MAX_BYTES, intField, type BagInfo } from './bagit';

export interface BundleHeader {
  stationId: string;
  nodeId: string;
  seq: number;
  epoch: number;
  prev: string;
  ackedThrough: number;
  changeTo: number;
  records: number;
  files: number;
  nextKey: string | null;
  /** The newest downlink the station had applied when it wrote this bundle. */
  downlink: { seq: number; id: string } | null;
}

export function parseHeader(info: BagInfo | null): BundleHeader | null {
  if (!info || info['Bundle-Type'] !== 'changes') return null;
  const seq = intField(info, 'Bundle-Seq');
  const epoch = intField(info, 'Epoch');
  const acked = intField(info, 'Acked-Through');
  const records = intField(info, 'Record-Count');
  const files = intField(info, 'File-Count');
  const range = /^(\d+)-(\d+)$/.exec(info['Change-Range'] ?? '');
  const stationId = info['Station-Id'] ?? '';
  const prev = info['Prev-Bundle-Id'] ?? '';
  const downlinkSeq = intField(info, 'Downlink-Seq');
  if (seq === null || seq < 1 || epoch === null || acked === null || records === null || files === null || !range)
    return null;
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(stationId) || !/^[0-9a-f]{64}$/.test(prev)) return null;
  return {
    stationId,
    nodeId: info['Station-Node-Id'] ?? '',
    seq,
    epoch,
    prev,
    ackedThrough: acked,
    changeTo: Number(range[2]),
    records,
    files,
    nextKey: info['Next-Signing-Key'] ?? null,
    downlink:
      downlinkSeq && /^[0-9a-f]{64}$/.test(info['Downlink-Id'] ?? '')
        ? { seq: downlinkSeq, id: info['Downlink-Id']! }
        : null,
  };
}

export const readTag = (dir: string, rel: string): string | null => {
  try {
    return readBoundedFile(path.join(dir, ...rel.split('/')), TAG_MAX_BYTES).toString('utf8');
  } catch {
    return null;
  }
};
