/**
 * Full-text search: input schemas and result shapes (one file for the domain, so the
 * contract's main files stay short). Fields and filters are described in
 * electron/core/search/README.md.
 */
import { z } from 'zod';
import type { Retention, SecurityLevel } from './domain';
import { zId, zRetention, zSecurity, zYear } from './schemas';

/** Where a text lives in a record; the keys of the `字段:` query prefixes. */
export const SEARCH_FIELDS = [
  'title',
  'names',
  'idno',
  'code',
  'docno',
  'author',
  'extra',
  'remarks',
  'fulltext',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export const SEARCH_FIELD_LABELS: Record<SearchField, string> = {
  title: '题名',
  names: '姓名',
  idno: '身份证',
  code: '档号',
  docno: '文号',
  author: '责任者',
  extra: '著录项',
  remarks: '备注',
  fulltext: '全文',
};

export const SEARCH_STATUSES = ['active', 'deleted', 'all'] as const;
export type SearchStatus = (typeof SEARCH_STATUSES)[number];

export const zSearchFilters = z
  .object({
    categoryIds: z.array(zId).max(50).optional(),
    yearFrom: zYear.optional(),
    yearTo: zYear.optional(),
    retention: z.array(zRetention).max(3).optional(),
    security: z.array(zSecurity).max(3).optional(),
    status: z.enum(SEARCH_STATUSES, { error: '状态只能是 在库、已删除 或 全部' }).optional(),
    hasScans: z.boolean().optional(),
    /** 库位: only records standing at this place or under it. */
    placeId: zId.optional(),
    /**
     * At the county bureau: only records from these stations ('' stands for the bureau's
     * own records). Ignored at a station, which holds no other station's records.
     */
    stationIds: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{0,32}$/, { error: '派出所编号只能由字母、数字、- 和 _ 组成' }))
      .max(50)
      .optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof zSearchFilters>;

/** Long input is cut (not refused): a pasted paragraph still searches its start. */
const zQueryText = z
  .string({ error: '检索词必须是文字' })
  .transform((s) => s.slice(0, 500))
  .pipe(z.string());

export const zSearchQuery = z.object({
  q: zQueryText,
  filters: zSearchFilters.default({}),
  sort: z.enum(['relevance', 'date-desc', 'date-asc'], { error: '排序方式无效' }).default('relevance'),
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

export const zSavedSearchInput = z.object({
  name: z.string().trim().min(1, { error: '请填写名称' }).max(40, { error: '名称不能超过40个字' }),
  q: zQueryText,
  filters: zSearchFilters.default({}),
});
export const zRecentSearchInput = z.object({ q: zQueryText, filters: zSearchFilters.default({}) });

/** A piece of a snippet; `hit` marks the matched text (the UI highlights it, never as HTML). */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** One understood part of the query, shown as a removable chip. */
export interface SearchChip {
  /** 'text' for a search word, else the filter it sets. */
  kind: 'text' | 'category' | 'year' | 'retention' | 'security' | 'status' | 'hasScans';
  /** The source text of the chip in the query (removing the chip removes it). */
  source: string;
  label: string;
  field: SearchField | null;
}

export interface SearchHit {
  id: string;
  archiveCode: string;
  title: string;
  categoryId: string;
  categoryName: string;
  year: number;
  date: string;
  retention: Retention;
  securityLevel: SecurityLevel;
  personNames: string;
  deleted: boolean;
  /** The field the snippet comes from (the best match). */
  field: SearchField;
  snippet: SnippetPart[];
  /** Higher is better: matches in 题名 and names weigh most. */
  score: number;
  /** At the bureau, a record mirrored from a station: which one ('id' is the station's record id). */
  station?: { id: string; name: string };
}

/** At the bureau: how many matches each station holds ('' is the bureau's own records). */
export interface StationFacet {
  stationId: string;
  name: string;
  count: number;
}

export interface SearchResult {
  total: number;
  offset: number;
  hits: SearchHit[];
  chips: SearchChip[];
  /** The filters in force: the request's, merged with those written in the query. */
  filters: SearchFilters;
  /** Why the result is empty or partial, for the user (e.g. the index is being rebuilt). */
  notice: string | null;
  tookMs: number;
  /**
   * At the bureau only: matches per station for the query and every filter except the
   * station filter (so the other stations stay visible as choices).
   */
  facets?: { stations: StationFacet[] };
}

export interface SearchStatusView {
  state: 'ready' | 'stale' | 'building';
  /** While building: documents done and to do. */
  done: number;
  total: number;
  docs: number;
  retiredDocs: number;
}

export interface SavedSearch {
  id: string;
  name: string;
  q: string;
  filters: SearchFilters;
  createdAt: string;
}

export interface RecentSearch {
  q: string;
  filters: SearchFilters;
  at: string;
}
