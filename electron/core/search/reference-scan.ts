/**
 * The matching rules applied by plain code, without the index: each word (normalised)
 * must be a substring of one of the item's normalised fields (the field its prefix
 * names, if any), and the item must pass the filters and the clearance. The exactness
 * test and the benchmark compare the index against this.
 */
import type { SecurityLevel } from '../../contract/domain';
import type { SearchFilters } from '../../contract/search';
import { fieldsOf, type ItemSource } from './document';
import { normalize } from './normalize';
import type { ParsedWord } from './query-parse';
import { FIELD_CAP, FULLTEXT, FULLTEXT_CAP, fieldIndex } from './terms';

/** Between fields in a scanned text: not a unit any normalised word contains. */
const FIELD_BREAK = '\u0002';

export interface ScanDoc {
  id: string;
  /** The normalised fields joined by FIELD_BREAK, in SEARCH_FIELDS order. */
  text: string;
  categoryId: string;
  year: number;
  retention: string;
  securityLevel: number;
  deleted: boolean;
  hasScans: boolean;
}

export function scanDocOf(src: ItemSource): ScanDoc {
  const text = fieldsOf(src)
    .map((f, i) => normalize(f).text.slice(0, i === FULLTEXT ? FULLTEXT_CAP : FIELD_CAP))
    .join(FIELD_BREAK);
  return {
    id: src.id,
    text,
    categoryId: src.categoryId,
    year: src.year,
    retention: src.retention,
    securityLevel: src.securityLevel,
    deleted: src.deleted,
    hasScans: src.pages.length > 0,
  };
}

export function scanMatches(
  docs: ScanDoc[],
  words: ParsedWord[],
  filters: SearchFilters,
  clearance: SecurityLevel,
): string[] {
  const status = filters.status ?? 'active';
  const out: string[] = [];
  for (const d of docs) {
    if (d.securityLevel > clearance) continue;
    if (status !== 'all' && d.deleted !== (status === 'deleted')) continue;
    if (filters.categoryIds && !filters.categoryIds.includes(d.categoryId)) continue;
    if (filters.yearFrom !== undefined && d.year < filters.yearFrom) continue;
    if (filters.yearTo !== undefined && d.year > filters.yearTo) continue;
    if (filters.retention && !filters.retention.includes(d.retention as never)) continue;
    if (filters.security && !filters.security.includes(d.securityLevel as SecurityLevel)) continue;
    if (filters.hasScans && !d.hasScans) continue;
    if (words.every((w) => wordIn(d.text, w))) out.push(d.id);
  }
  return out;
}

function wordIn(text: string, w: ParsedWord): boolean {
  if (!text.includes(w.text)) return false;
  if (!w.field) return true;
  return text.split(FIELD_BREAK)[fieldIndex(w.field)]!.includes(w.text);
}
