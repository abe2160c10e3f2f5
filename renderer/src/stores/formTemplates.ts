import { defineStore, sameUser } from './define';
import type { TemplateSummary } from '../../../electron/contract';
import { call, errorMessage } from '../api/client';

/** The templates a station has (built-in and its own): the list screen and the editor's id check share it. */
interface FormTemplatesState {
  list: TemplateSummary[];
  loaded: boolean;
  error: string | null;
  load: () => Promise<void>;
}

export const useFormTemplates = defineStore<FormTemplatesState>('formTemplates', (set) => ({
  list: [],
  loaded: false,
  error: null,
  load: async () => {
    const current = sameUser();
    try {
      const list = await call('forms.templates.list', {});
      if (current()) set({ list, loaded: true, error: null });
    } catch (err) {
      if (current()) set({ error: errorMessage(err), loaded: true });
    }
  },
}));
