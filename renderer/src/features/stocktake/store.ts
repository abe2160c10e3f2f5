/**
 * The 盘点 screen's state: the open stock-take (resumed on entry), its report, and the scan
 * log. Scans queue and go to the core one at a time, in the order the scanner typed them, so a
 * fast burst of labels is never lost or reordered; the report refreshes when the queue drains.
 */
import type { ScanLine, StocktakeReport } from '../../../../electron/contract';
import { errorMessage } from '../../api/client';
import { defineStore, sameUser } from '../../stores/define';
import * as api from './actions';

/** A line of the scan log: a scan's answer, or one still on its way (outcome 'pending'). */
export type LogLine = Omit<ScanLine, 'outcome'> & { outcome: ScanLine['outcome'] | 'pending' | 'error'; key: string };

interface StocktakeState {
  loading: boolean;
  report: StocktakeReport | null;
  log: LogLine[];
  queue: { code: string; source: 'wedge' | 'manual'; key: string }[];
  busy: boolean;
  error: string | null;
  enter: () => Promise<void>;
  start: (place: string, title: string) => Promise<void>;
  scan: (code: string, source?: 'wedge' | 'manual') => void;
  photo: (file: Blob, name: string) => Promise<void>;
  refresh: () => Promise<void>;
  accept: () => Promise<void>;
  cancel: () => Promise<void>;
  clearError: () => void;
}

let counter = 0;
const MAX_LOG = 200;
const lineOf = (l: ScanLine): LogLine => ({ ...l, key: `s${l.seq}` });

export const useStocktake = defineStore<StocktakeState>('stocktake', (set, get) => {
  const pump = async () => {
    if (get().busy) return;
    const id = get().report?.stocktake.id;
    if (!id) return;
    set({ busy: true });
    const current = sameUser();
    while (get().queue.length > 0) {
      const next = get().queue[0]!;
      let line: LogLine;
      try {
        line = { ...lineOf(await api.scanCode({ id, code: next.code, source: next.source })), key: next.key };
      } catch (err) {
        line = {
          key: next.key,
          seq: 0,
          code: next.code,
          source: next.source,
          outcome: 'error',
          entity: null,
          entityId: null,
          recordCode: null,
          at: null,
          message: errorMessage(err),
          scannedAt: '',
        };
      }
      if (!current()) return;
      set((s) => ({ queue: s.queue.slice(1), log: s.log.map((l) => (l.key === next.key ? line : l)) }));
    }
    set({ busy: false });
    await get().refresh();
  };
  return {
    loading: false,
    report: null,
    log: [],
    queue: [],
    busy: false,
    error: null,
    enter: async () => {
      const current = sameUser();
      set({ loading: true, error: null });
      try {
        const open = await api.listOpen();
        const report = open[0] ? await api.getReport(open[0].id) : null;
        if (!current()) return;
        set({ report, log: report ? report.recent.map(lineOf) : [], loading: false });
      } catch (err) {
        if (current()) set({ error: errorMessage(err), loading: false });
      }
    },
    start: async (place, title) => {
      try {
        const st = await api.startStocktake({ place, title });
        const report = await api.getReport(st.id);
        set({ report, log: [], error: null });
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
    scan: (code, source = 'wedge') => {
      const key = `q${++counter}`;
      const pending: LogLine = {
        key,
        seq: 0,
        code,
        source,
        outcome: 'pending',
        entity: null,
        entityId: null,
        recordCode: null,
        at: null,
        message: '',
        scannedAt: '',
      };
      set((s) => ({ queue: [...s.queue, { code, source, key }], log: [pending, ...s.log].slice(0, MAX_LOG) }));
      void pump();
    },
    photo: async (file, name) => {
      const id = get().report?.stocktake.id;
      if (!id) return;
      try {
        const base64 = await blobBase64(file);
        const r = await api.decodePhoto({ id, fileName: name, base64 });
        set((s) => ({ log: [...r.lines.reverse().map(lineOf), ...s.log].slice(0, MAX_LOG), error: null }));
        await get().refresh();
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
    refresh: async () => {
      const id = get().report?.stocktake.id;
      if (!id) return;
      const current = sameUser();
      try {
        const report = await api.getReport(id);
        if (current() && get().report?.stocktake.id === id) set({ report });
      } catch (err) {
        if (current()) set({ error: errorMessage(err) });
      }
    },
    accept: async () => {
      const id = get().report?.stocktake.id;
      if (!id) return;
      try {
        set({ report: await api.acceptStocktake(id), error: null });
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
    cancel: async () => {
      const id = get().report?.stocktake.id;
      if (!id) return;
      try {
        await api.cancelStocktake(id);
        set({ report: null, log: [], error: null });
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
    clearError: () => set({ error: null }),
  };
});

function blobBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const s = String(reader.result ?? '');
      resolve(s.slice(s.indexOf(',') + 1));
    };
    reader.readAsDataURL(blob);
  });
}
