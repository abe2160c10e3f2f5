/** Pure helpers for the search screen: query text edits and filter chips. */
import type { CategoryView, SearchFilters, SearchStatus } from '../../../../electron/contract';
import { retentionLabel, securityLabel } from '../../lib/format';
import { t } from '../../i18n/zh-CN';

/** Removes one chip's source text from the query (the first whole-word occurrence, else the first substring). */
export function removeSource(q: string, source: string): string {
  const words = q.split(/\s+/).filter(Boolean);
  const at = words.indexOf(source);
  if (at >= 0) {
    words.splice(at, 1);
    return words.join(' ');
  }
  const i = q.indexOf(source);
  if (i < 0) return q;
  return (q.slice(0, i) + ' ' + q.slice(i + source.length)).split(/\s+/).filter(Boolean).join(' ');
}

/** Drops undefined keys and empty lists, so `{}` means "no filter". */
export function cleanFilters(f: SearchFilters): SearchFilters {
  const out: SearchFilters = {};
  if (f.categoryIds?.length) out.categoryIds = f.categoryIds;
  if (f.yearFrom !== undefined) out.yearFrom = f.yearFrom;
  if (f.yearTo !== undefined) out.yearTo = f.yearTo;
  if (f.retention?.length) out.retention = f.retention;
  if (f.security?.length) out.security = f.security;
  if (f.status !== undefined) out.status = f.status;
  if (f.placeId) out.placeId = f.placeId;
  if (f.hasScans) out.hasScans = true;
  return out;
}

export const hasFilters = (f: SearchFilters): boolean => Object.keys(cleanFilters(f)).length > 0;

/**
 * Nothing to search: the screen shows its help and the saved and recent lists instead. Filters
 * alone are not a search (the core answers an empty query with "请输入检索词").
 */
export const isIdle = (q: string): boolean => !q.trim();

export const STATUS_LABEL: Record<SearchStatus, string> = {
  active: t('search.status.active'),
  deleted: t('search.status.deleted'),
  all: t('search.status.all'),
};

/** A filter set from the controls, shown as a chip; `clear` is what removing it patches in. */
export interface FilterChip {
  key: string;
  label: string;
  clear: Partial<SearchFilters>;
}

/** The chips for the filters set with the controls (not those written in the query). */
export function filterChips(f: SearchFilters, categories: CategoryView[]): FilterChip[] {
  const out: FilterChip[] = [];
  for (const id of f.categoryIds ?? []) {
    const cat = categories.find((c) => c.id === id);
    const name = cat ? `${cat.fullCode} ${cat.name}` : id;
    const rest = (f.categoryIds ?? []).filter((x) => x !== id);
    out.push({ key: `cat-${id}`, label: t('search.chip.category', { name }), clear: { categoryIds: rest } });
  }
  if (f.yearFrom !== undefined && f.yearTo !== undefined) {
    out.push({
      key: 'years',
      label: t('search.chip.years', { from: f.yearFrom, to: f.yearTo }),
      clear: { yearFrom: undefined, yearTo: undefined },
    });
  } else if (f.yearFrom !== undefined) {
    out.push({ key: 'years', label: t('search.chip.yearFrom', { from: f.yearFrom }), clear: { yearFrom: undefined } });
  } else if (f.yearTo !== undefined) {
    out.push({ key: 'years', label: t('search.chip.yearTo', { to: f.yearTo }), clear: { yearTo: undefined } });
  }
  if (f.retention?.length) {
    const v = f.retention.map(retentionLabel).join('、');
    out.push({ key: 'retention', label: t('search.chip.retention', { v }), clear: { retention: undefined } });
  }
  if (f.security?.length) {
    const v = f.security.map(securityLabel).join('、');
    out.push({ key: 'security', label: t('search.chip.security', { v }), clear: { security: undefined } });
  }
  if (f.status && f.status !== 'active') {
    out.push({
      key: 'status',
      label: t('search.chip.status', { v: STATUS_LABEL[f.status] }),
      clear: { status: undefined },
    });
  }
  if (f.placeId) out.push({ key: 'place', label: t('search.chip.place'), clear: { placeId: undefined } });
  if (f.hasScans) out.push({ key: 'hasScans', label: t('search.chip.hasScans'), clear: { hasScans: undefined } });
  return out;
}

/** One line describing a saved or recent search: its words, then its filters. */
export function describeSearch(q: string, f: SearchFilters, categories: CategoryView[]): string {
  const parts = filterChips(f, categories).map((c) => c.label);
  return [q.trim() || (parts.length ? t('search.side.emptyQuery') : ''), ...parts].filter(Boolean).join(' · ');
}
