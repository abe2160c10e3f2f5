/** The line the screen shows for one scan: outcome, record and a Chinese explanation. */
import { REPORT_ENTITY_LABELS, type ScanLine } from '../../contract/stocktake';
import type { StocktakeScanRecord } from '../../../db/schema';
import { type Classified, unknownReason } from './classify';
import type { Home } from './homes';

export interface LineInput {
  scan: StocktakeScanRecord;
  verdict: Classified;
  home: Home | null;
  recordCode: string | null;
  inRange: (placeId: string) => boolean;
  pathOf: (placeId: string | null) => string;
}

export function lineOf({ scan, verdict, home, recordCode, inRange, pathOf }: LineInput): ScanLine {
  const at = scan.atPlaceId ? pathOf(scan.atPlaceId) : null;
  const kind = scan.entity && scan.entity !== 'place' ? REPORT_ENTITY_LABELS[scan.entity] : '';
  const should = home?.placeId ? pathOf(home.placeId) : '未登记位置';
  const name = `${kind} ${recordCode ?? scan.code}`;
  let message: string;
  switch (verdict.outcome) {
    case 'place':
      message = `当前位置：${at}${scan.atPlaceId && !inRange(scan.atPlaceId) ? '（不在本次盘点范围内）' : ''}`;
      break;
    case 'found':
      message = `${name} 在位（${should}）`;
      break;
    case 'misplaced':
      message = !at
        ? `${name} 不在本次盘点范围内（应在 ${should}），请先扫描所在库位的标签`
        : `${name} 错位：应在 ${should}，实际在 ${at}${home?.boxId && scan.entity !== 'box' ? '（在盒内，随盒处理，确认时不单独移动）' : ''}`;
      break;
    case 'twice':
      message = `${name} 已扫描过，本次不重复计数`;
      break;
    case 'unknown':
      message = `无法识别：${unknownReason(scan.code)}`;
      break;
  }
  return {
    seq: scan.seq,
    code: scan.code,
    source: scan.source,
    outcome: verdict.outcome,
    entity: scan.entity,
    entityId: scan.entityId,
    recordCode,
    at,
    message,
    scannedAt: scan.scannedAt,
  };
}
