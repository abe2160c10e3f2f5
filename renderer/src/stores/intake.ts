/**
 * The digitization screens' shared state: where new pages go, the form templates, the
 * intake batches, the OCR queue and the hot folder. Pushed events (`scan.progress`,
 * `ocr.progress`, `hotfolder.status`) keep it current while a screen listens.
 */
import { defineStore, sameUser } from './define';
import type { BatchView, HotFolderView, OcrQueueView, TemplateSummary } from '../../../electron/contract';
import { call, errorMessage, subscribe } from '../api/client';

/** The item new pages are attached to; null id = the tray (待挂接). */
export interface IntakeTarget {
  itemId: string | null;
  archiveCode: string | null;
  title: string | null;
}

export interface ScanRun {
  batchId: string;
  pages: number;
  message: string;
}

const TRAY: IntakeTarget = { itemId: null, archiveCode: null, title: null };
/** Batch and page lists refetch at most this often while events stream in. */
const REFRESH_MS = 600;
const BATCH_LIMIT = 30;

interface IntakeState {
  target: IntakeTarget;
  /** 'auto', a template id, or 'none'. */
  template: string;
  templates: TemplateSummary[];
  batches: BatchView[];
  batchesError: string | null;
  ocr: OcrQueueView | null;
  /** The batch the OCR runner last reported on (the queue bar's cancel acts on it). */
  ocrBatchId: string | null;
  hotFolder: HotFolderView | null;
  scanning: ScanRun | null;
  /** Per batch: bumped when an event touches it, so an open page grid refetches. */
  batchTicks: Record<string, number>;
  setTarget: (t: IntakeTarget | null) => void;
  setTemplate: (template: string) => void;
  setHotFolder: (v: HotFolderView) => void;
  setScanning: (run: ScanRun | null) => void;
  loadTemplates: () => Promise<void>;
  refreshBatches: () => Promise<void>;
  refreshOcr: () => Promise<void>;
  loadHotFolder: () => Promise<void>;
  /** Asks open page grids to refetch (after a page action). */
  touchBatch: (batchId: string | null) => void;
  /** Listens to the core's events; returns the function that stops listening. */
  listen: () => () => void;
}

const initial = {
  target: TRAY,
  template: 'auto',
  templates: [] as TemplateSummary[],
  batches: [] as BatchView[],
  batchesError: null,
  ocr: null,
  ocrBatchId: null,
  hotFolder: null,
  scanning: null,
  batchTicks: {} as Record<string, number>,
};

let listeners = 0;
let unsubscribe: (() => void) | null = null;
let refreshTimer: number | undefined;
const touched = new Set<string>();

export const useIntake = defineStore<IntakeState>(
  'intake',
  (set, get) => {
    /** Throttled: the first event starts a timer, later ones ride along, one refetch when it fires. */
    const scheduleRefresh = (batchId: string | null) => {
      if (batchId) touched.add(batchId);
      if (refreshTimer !== undefined) return;
      refreshTimer = window.setTimeout(() => {
        refreshTimer = undefined;
        const ticks = { ...get().batchTicks };
        for (const id of touched) ticks[id] = (ticks[id] ?? 0) + 1;
        touched.clear();
        set({ batchTicks: ticks });
        void get().refreshBatches();
      }, REFRESH_MS);
    };

    return {
      ...initial,

      setTarget: (target) => set({ target: target ?? TRAY }),
      setTemplate: (template) => set({ template }),
      setHotFolder: (hotFolder) => set({ hotFolder }),
      setScanning: (scanning) => set({ scanning }),

      loadTemplates: async () => {
        const current = sameUser();
        try {
          const templates = await call('forms.templates.list', {});
          if (!current()) return;
          const { template } = get();
          const known = template === 'auto' || template === 'none' || templates.some((x) => x.id === template);
          set({ templates, template: known ? template : 'auto' });
        } catch {
          /* the choice falls back to 自动识别 / 仅识别全文 */
        }
      },

      refreshBatches: async () => {
        const current = sameUser();
        try {
          const batches = await call('scan.batches', { limit: BATCH_LIMIT });
          if (!current()) return;
          const { scanning } = get();
          // A scan that ended while nobody was listening is no longer running.
          const run = scanning && batches.find((b) => b.id === scanning.batchId);
          set({
            batches,
            batchesError: null,
            ...(run && run.status !== 'open' ? { scanning: null } : {}),
          });
        } catch (err) {
          if (current()) set({ batchesError: errorMessage(err) });
        }
      },

      refreshOcr: async () => {
        const current = sameUser();
        try {
          const ocr = await call('ocr.status', {});
          if (current()) set({ ocr });
        } catch {
          /* the bar keeps its last numbers */
        }
      },

      loadHotFolder: async () => {
        const current = sameUser();
        try {
          const hotFolder = await call('hotfolder.get', {});
          if (current()) set({ hotFolder });
        } catch {
          /* shown as 未开启 */
        }
      },

      touchBatch: (batchId) => {
        if (!batchId) return;
        const ticks = get().batchTicks;
        set({ batchTicks: { ...ticks, [batchId]: (ticks[batchId] ?? 0) + 1 } });
        scheduleRefresh(null);
      },

      listen: () => {
        listeners++;
        if (!unsubscribe) {
          const offs = [
            subscribe('ocr.progress', (ev) => {
              const { pageId: _p, batchId, status: _s, message: _m, ...queue } = ev;
              set({ ocr: queue, ...(batchId ? { ocrBatchId: batchId } : {}) });
              scheduleRefresh(batchId);
            }),
            subscribe('scan.progress', (ev) => {
              const { scanning } = get();
              if (scanning && scanning.batchId === ev.batchId) {
                set({
                  scanning: ev.status === 'open' ? { batchId: ev.batchId, pages: ev.pages, message: ev.message } : null,
                });
              }
              scheduleRefresh(ev.batchId);
            }),
            subscribe('hotfolder.status', (ev) => {
              const cur = get().hotFolder;
              set({
                hotFolder: cur
                  ? { ...cur, status: ev.status, message: ev.message }
                  : {
                      dir: ev.dir,
                      enabled: ev.status !== 'off',
                      itemId: null,
                      volumeId: null,
                      template: 'auto',
                      status: ev.status,
                      message: ev.message,
                    },
              });
            }),
          ];
          unsubscribe = () => offs.forEach((off) => off());
        }
        return () => {
          listeners--;
          if (listeners === 0 && unsubscribe) {
            unsubscribe();
            unsubscribe = null;
          }
        };
      },
    };
  },
  {
    // Another user at this PC starts with the tray as target and fresh lists; a pending refetch is dropped.
    reset: (api) => {
      window.clearTimeout(refreshTimer);
      refreshTimer = undefined;
      touched.clear();
      api.setState({ ...initial });
    },
  },
);
