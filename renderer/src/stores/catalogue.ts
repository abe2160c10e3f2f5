import { defineStore } from './define';
import type { CatalogueScope } from '../../../electron/contract';
import type { schemas } from '../../../electron/contract';

export type SortColumn = (typeof schemas.SORTABLE_COLUMNS)[number];
export type FilterColumn = (typeof schemas.FILTERABLE_COLUMNS)[number];
export interface SortSpec {
  column: SortColumn;
  dir: 'asc' | 'desc';
}

const LAST_KEY = 'dangan.catalogue.last';

interface LastUsed {
  categoryId: string | null;
  year: number | null;
}

function readLast(): LastUsed {
  try {
    const raw = localStorage.getItem(LAST_KEY);
    if (raw) {
      const v = JSON.parse(raw) as Partial<LastUsed>;
      return {
        categoryId: typeof v.categoryId === 'string' ? v.categoryId : null,
        year: typeof v.year === 'number' ? v.year : null,
      };
    }
  } catch {
    /* ignore malformed storage */
  }
  return { categoryId: null, year: null };
}

interface CatalogueState {
  scope: CatalogueScope;
  treeKey: string | null;
  /** The tree key of the selected node's parent (to step back when the node goes away). */
  parentKey: string | null;
  filters: Partial<Record<FilterColumn, string>>;
  sort: SortSpec;
  includeDeleted: boolean;
  /** 库位 filter: only what stands at this place or under it. */
  placeId: string | null;
  selectedIndex: number;
  /** Where a Shift+↑↓ or Shift+click range began (装盒 of a selection); null: one row. */
  anchorIndex: number | null;
  /** Bumped after every mutation so the grid and the tree refetch. */
  refreshNonce: number;
  last: LastUsed;
  setScope: (scope: CatalogueScope, treeKey: string | null, parentKey?: string | null) => void;
  setFilters: (filters: Partial<Record<FilterColumn, string>>) => void;
  toggleSort: (column: SortColumn) => void;
  setIncludeDeleted: (v: boolean) => void;
  setPlaceId: (placeId: string | null) => void;
  select: (index: number) => void;
  /** Moves the current row and keeps (or starts) the range from the anchor. */
  extendTo: (index: number) => void;
  refresh: () => void;
  remember: (categoryId: string, year: number) => void;
}

export const useCatalogue = defineStore<CatalogueState>(
  'catalogue',
  (set, get) => ({
    scope: {},
    treeKey: null,
    parentKey: null,
    filters: {},
    sort: { column: 'archiveCode', dir: 'asc' },
    includeDeleted: false,
    placeId: null,
    selectedIndex: 0,
    anchorIndex: null,
    refreshNonce: 0,
    last: readLast(),
    setScope: (scope, treeKey, parentKey = null) =>
      set({ scope, treeKey, parentKey, selectedIndex: 0, anchorIndex: null }),
    setFilters: (filters) => set({ filters, selectedIndex: 0, anchorIndex: null }),
    toggleSort: (column) => {
      const cur = get().sort;
      const dir = cur.column === column && cur.dir === 'asc' ? 'desc' : 'asc';
      set({ sort: { column, dir }, selectedIndex: 0, anchorIndex: null });
    },
    setIncludeDeleted: (includeDeleted) => set({ includeDeleted, selectedIndex: 0, anchorIndex: null }),
    setPlaceId: (placeId) => set({ placeId, selectedIndex: 0, anchorIndex: null }),
    select: (selectedIndex) => set({ selectedIndex, anchorIndex: null }),
    extendTo: (selectedIndex) => set({ selectedIndex, anchorIndex: get().anchorIndex ?? get().selectedIndex }),
    refresh: () => set({ refreshNonce: get().refreshNonce + 1 }),
    remember: (categoryId, year) => {
      const last = { categoryId, year };
      try {
        localStorage.setItem(LAST_KEY, JSON.stringify(last));
      } catch {
        /* storage full or disabled */
      }
      set({ last });
    },
  }),
  // The last-used 门类 and 年度 are this PC's (kept in localStorage), read afresh.
  { reset: (api, initial) => api.setState({ ...initial, last: readLast() }, true) },
);
