/** The search screen's state: the query, filters and results survive a switch to another screen. */
import { defineStore } from '../../stores/define';
import type { RecentSearch, SavedSearch, SearchFilters, SearchHit, SearchResult } from '../../../../electron/contract';
import { call, errorMessage } from '../../api/client';
import { cleanFilters, isIdle } from './query';

export type SearchSort = 'relevance' | 'date-desc' | 'date-asc';
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'date-desc', 'date-asc'];
export const PAGE_SIZE = 50;

interface SearchState {
  q: string;
  /** The filters set with the controls (the query's own filter words stay in `q`). */
  filters: SearchFilters;
  sort: SearchSort;
  /** The q of the last search started, so the live search does not repeat it. */
  ranQ: string | null;
  result: SearchResult | null;
  /** Every hit loaded so far (the first page plus each "加载更多"). */
  hits: SearchHit[];
  loading: boolean;
  error: string | null;
  /** The chosen hit's index, -1 for none (Enter in the box then searches instead of opening). */
  selected: number;
  openId: string | null;
  recent: RecentSearch[];
  saved: SavedSearch[];
  /** Bumped to ask the page to focus the search box (Ctrl+K, "/"). */
  focusNonce: number;
  setQ: (q: string) => void;
  setFilters: (patch: Partial<SearchFilters>) => void;
  clearFilters: () => void;
  setSort: (sort: SearchSort) => void;
  /** Searches from the first page; `record` adds the search to the recent list. */
  run: (opts?: { record?: boolean }) => Promise<void>;
  loadMore: () => Promise<void>;
  /** Puts a saved or recent search in place and runs it. */
  apply: (q: string, filters: SearchFilters) => void;
  select: (index: number) => void;
  open: (id: string | null) => void;
  loadLists: () => Promise<void>;
  requestFocus: () => void;
}

const initial = {
  q: '',
  filters: {} as SearchFilters,
  sort: 'relevance' as SearchSort,
  ranQ: null,
  result: null,
  hits: [] as SearchHit[],
  loading: false,
  error: null,
  selected: -1,
  openId: null,
  recent: [] as RecentSearch[],
  saved: [] as SavedSearch[],
};

/** Each search takes a number; a late answer to an older one is dropped. */
let seq = 0;

export const useSearch = defineStore<SearchState>(
  'search',
  (set, get) => ({
    ...initial,
    focusNonce: 0,

    setQ: (q) => set({ q }),
    setFilters: (patch) => {
      set({ filters: cleanFilters({ ...get().filters, ...patch }) });
      void get().run();
    },
    clearFilters: () => {
      set({ filters: {} });
      void get().run();
    },
    setSort: (sort) => {
      set({ sort });
      void get().run();
    },

    run: async ({ record = false } = {}) => {
      const { q, filters, sort } = get();
      const id = ++seq;
      set({ ranQ: q });
      if (isIdle(q)) {
        set({ result: null, hits: [], error: null, loading: false, selected: -1 });
        return;
      }
      set({ loading: true });
      try {
        const result = await call('search.query', { q, filters, sort, offset: 0, limit: PAGE_SIZE });
        if (id !== seq) return;
        set({ result, hits: result.hits, loading: false, error: null, selected: -1 });
      } catch (err) {
        if (id !== seq) return;
        set({ result: null, hits: [], loading: false, error: errorMessage(err), selected: -1 });
        return;
      }
      if (record) {
        try {
          await call('search.recent.add', { q, filters });
          set({ recent: await call('search.recent.list', {}) });
        } catch {
          /* the search itself worked; a missing recent entry is not worth a message */
        }
      }
    },

    loadMore: async () => {
      // The next page of the search on screen, even if the box has been edited since.
      const { ranQ: q, filters, sort, hits, result, loading } = get();
      if (q === null || !result || loading || hits.length >= result.total) return;
      const id = seq;
      set({ loading: true });
      try {
        const more = await call('search.query', { q, filters, sort, offset: hits.length, limit: PAGE_SIZE });
        if (id !== seq) return;
        const seen = new Set(hits.map((h) => h.id));
        const next = [...hits, ...more.hits.filter((h) => !seen.has(h.id))];
        set({ hits: next, result: { ...more, hits: next }, loading: false });
      } catch (err) {
        if (id === seq) set({ loading: false, error: errorMessage(err) });
      }
    },

    apply: (q, filters) => {
      set({ q, filters: cleanFilters(filters) });
      void get().run({ record: true });
    },
    select: (index) => set({ selected: Math.max(-1, Math.min(index, get().hits.length - 1)) }),
    open: (openId) => set({ openId }),

    loadLists: async () => {
      try {
        const [recent, saved] = await Promise.all([call('search.recent.list', {}), call('search.saved.list', {})]);
        set({ recent, saved });
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },

    requestFocus: () => set({ focusNonce: get().focusNonce + 1 }),
  }),
  {
    // Another user at this PC must not see the previous one's query, results or lists; a search still running is dropped.
    reset: (api) => {
      seq++;
      api.setState({ ...initial });
    },
  },
);
