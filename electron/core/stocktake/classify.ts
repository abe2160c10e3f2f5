/**
 * What one scan means, decided the same way live (as the clerk scans) and when the report is
 * rebuilt from the stored scans (after a restart, at acceptance): a pure function of the scan,
 * the record's home, the range, and whether the record was scanned before.
 */
import type { ReportEntity, ScanOutcome } from '../../contract/stocktake';
import { parseLabel } from '../shelving';
import type { Home } from './homes';

export interface ScanFacts {
  code: string;
  entity: ReportEntity | 'place' | null;
  /** Where the clerk stands (the last place label scanned, this one if it is a place). */
  atPlaceId: string | null;
  home: Home | null;
  seenBefore: boolean;
}

export interface Classified {
  outcome: ScanOutcome;
  /** Misplaced: accepting moves it (a box, or a volume standing outside any box, found at a known place). */
  movable: boolean;
}

export function classify(f: ScanFacts, inRange: (placeId: string) => boolean): Classified {
  if (f.entity === null) return { outcome: 'unknown', movable: false };
  if (f.entity === 'place') return { outcome: 'place', movable: false };
  if (f.seenBefore) return { outcome: 'twice', movable: false };
  const homePlace = f.home?.placeId ?? null;
  const movable = f.atPlaceId !== null && (f.entity === 'box' || (f.entity === 'volume' && !f.home?.boxId));
  // Scanned before any place label: in place if it belongs to the range, else found "somewhere here".
  if (f.atPlaceId === null)
    return homePlace !== null && inRange(homePlace)
      ? { outcome: 'found', movable: false }
      : { outcome: 'misplaced', movable: false };
  return homePlace === f.atPlaceId ? { outcome: 'found', movable: false } : { outcome: 'misplaced', movable };
}

const KIND_NAMES = { place: '库位', box: '档案盒', volume: '案卷', item: '件' } as const;

/** Why a label is unknown, in Chinese. */
export function unknownReason(code: string): string {
  const parsed = parseLabel(code);
  if (!parsed) return '不是本系统的标签';
  return `系统中没有这个${KIND_NAMES[parsed.kind]}（${parsed.key}）`;
}
