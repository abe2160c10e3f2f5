import { defineStore, sameUser } from './define';
import type { JobProgressEvent, KeysView, SyncStatus } from '../../../electron/contract';
import { call, errorMessage, subscribe } from '../api/client';

/** The stick folder typed last, remembered for this browser tab (export, receipt, add station). */
const STICK_KEY = 'dangan.sync.stick';

interface SyncState {
  status: SyncStatus | null;
  keys: KeysView | null;
  error: string | null;
  loading: boolean;
  stick: string;
  /** The running export's last progress event (null when none runs). */
  progress: JobProgressEvent | null;
  refresh: () => Promise<void>;
  setStick: (dir: string) => void;
  /** Listens to the export's progress events; returns the unsubscribe function. */
  listen: () => () => void;
  clearProgress: () => void;
}

export const useSync = defineStore<SyncState>(
  'sync',
  (set) => ({
    status: null,
    keys: null,
    error: null,
    loading: false,
    stick: sessionStorage.getItem(STICK_KEY) ?? '',
    progress: null,

    refresh: async () => {
      set({ loading: true });
      const current = sameUser();
      try {
        const [status, keys] = await Promise.all([call('sync.status', {}), call('sync.keys.get', {})]);
        if (current()) set({ status, keys, error: null, loading: false });
      } catch (err) {
        if (current()) set({ error: errorMessage(err), loading: false });
      }
    },

    setStick: (dir) => {
      sessionStorage.setItem(STICK_KEY, dir);
      set({ stick: dir });
    },

    listen: () =>
      subscribe('job.progress', (ev) => {
        if (ev.kind === 'export' && ev.jobId.startsWith('sync-')) set({ progress: ev });
      }),

    clearProgress: () => set({ progress: null }),
  }),
  // The stick folder is where this PC mounts the USB stick, not the user's: it stays.
  { reset: (api, initial) => api.setState({ ...initial, stick: api.getState().stick }, true) },
);

/** Joins a folder and names with the separator the folder already uses (Windows or POSIX). */
export function joinPath(dir: string, ...names: string[]): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  const base = dir.replace(/[\\/]+$/, '');
  return [base, ...names].join(sep);
}
