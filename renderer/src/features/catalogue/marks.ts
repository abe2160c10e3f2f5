/**
 * Rows marked in the catalogue grid (空格 marks or unmarks the current row, Esc clears): a
 * selection for what works on several records at once, such as printing the 归档文件目录
 * or 归档章 of just those. Cleared whenever the grid's query changes.
 */
import { defineStore } from '../../stores/define';

export interface MarkedRow {
  id: string;
  archiveCode: string;
}

interface MarksState {
  /** In the order marked. */
  rows: MarkedRow[];
  toggle: (row: MarkedRow) => void;
  clear: () => void;
}

export const useMarks = defineStore<MarksState>('catalogueMarks', (set) => ({
  rows: [],
  toggle: (row) =>
    set((s) => ({
      rows: s.rows.some((r) => r.id === row.id) ? s.rows.filter((r) => r.id !== row.id) : [...s.rows, row],
    })),
  clear: () => set((s) => (s.rows.length ? { rows: [] } : s)),
}));
