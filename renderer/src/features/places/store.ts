/** The 库位 screen's state: the tree, the selected place and what stands there. */
import type { PlaceHoldingsView, PlaceTreeView } from '../../../../electron/contract';
import { errorMessage } from '../../api/client';
import { defineStore, sameUser } from '../../stores/define';
import * as api from './actions';

interface PlacesState {
  tree: PlaceTreeView | null;
  selectedId: string | null;
  /** Collapsed places (all open by default; a station has hundreds of places at most). */
  collapsed: Record<string, boolean>;
  holdings: PlaceHoldingsView | null;
  error: string | null;
  notice: string | null;
  load: () => Promise<void>;
  select: (id: string | null) => void;
  toggle: (id: string, open?: boolean) => void;
  /** Runs a change, then reloads the tree and the holdings; shows its error instead of throwing. */
  run: (fn: () => Promise<string | null>) => Promise<boolean>;
}

export const usePlaces = defineStore<PlacesState>('places', (set, get) => ({
  tree: null,
  selectedId: null,
  collapsed: {},
  holdings: null,
  error: null,
  notice: null,
  load: async () => {
    const current = sameUser();
    try {
      const tree = await api.loadTree();
      if (!current()) return;
      const keep = tree.places.some((p) => p.id === get().selectedId) ? get().selectedId : (tree.places[0]?.id ?? null);
      set({ tree, selectedId: keep });
      const holdings = keep ? await api.loadHoldings(keep) : null;
      if (current()) set({ holdings });
    } catch (err) {
      if (current()) set({ error: errorMessage(err) });
    }
  },
  select: (id) => {
    set({ selectedId: id, holdings: null });
    if (!id) return;
    const current = sameUser();
    api
      .loadHoldings(id)
      .then((holdings) => current() && get().selectedId === id && set({ holdings }))
      .catch((err: unknown) => current() && set({ error: errorMessage(err) }));
  },
  toggle: (id, open) =>
    set((s) => ({ collapsed: { ...s.collapsed, [id]: open === undefined ? !s.collapsed[id] : !open } })),
  run: async (fn) => {
    set({ error: null, notice: null });
    try {
      const notice = await fn();
      set({ notice });
      await get().load();
      return true;
    } catch (err) {
      set({ error: errorMessage(err) });
      return false;
    }
  },
}));
