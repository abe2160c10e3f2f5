import { defineStore, sameUser } from './define';
import type { CategoryView } from '../../../electron/contract';
import { call, errorMessage } from '../api/client';
import { toast } from './toasts';

interface SchemeState {
  categories: CategoryView[];
  loaded: boolean;
  load: (force?: boolean) => Promise<CategoryView[]>;
}

export const useScheme = defineStore<SchemeState>('scheme', (set, get) => ({
  categories: [],
  loaded: false,
  load: async (force = false) => {
    if (get().loaded && !force) return get().categories;
    const current = sameUser();
    try {
      const categories = await call('scheme.list', {});
      if (!current()) return get().categories;
      set({ categories, loaded: true });
      return categories;
    } catch (err) {
      toast.error(errorMessage(err));
      return get().categories;
    }
  },
}));

export interface CategoryOption {
  cat: CategoryView;
  depth: number;
}

/** Categories ordered as a tree (parents first, children by sortOrder), with depth. */
export function orderedCategories(list: CategoryView[]): CategoryOption[] {
  const byParent = new Map<string | null, CategoryView[]>();
  for (const c of list) {
    const k = c.parentId && list.some((p) => p.id === c.parentId) ? c.parentId : null;
    const arr = byParent.get(k) ?? [];
    arr.push(c);
    byParent.set(k, arr);
  }
  const out: CategoryOption[] = [];
  const walk = (parent: string | null, depth: number) => {
    const kids = (byParent.get(parent) ?? []).sort(
      (a, b) => a.sortOrder - b.sortOrder || a.fullCode.localeCompare(b.fullCode),
    );
    for (const c of kids) {
      out.push({ cat: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
