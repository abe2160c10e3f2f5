/** The archive-room screen's state: the rooms, the chosen room and period, its log and checks. */
import type { CheckList, ReadingLog, RoomView } from '../../../../electron/contract';
import { errorMessage } from '../../api/client';
import { defineStore, sameUser } from '../../stores/define';
import * as api from './actions';

export type RoomTab = 'readings' | 'checks';

/** 'YYYY-MM-DD' of a day `back` days before today, on this PC's calendar (the room's). */
export function dayBefore(back: number, from = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() - back);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface RoomState {
  rooms: RoomView[];
  roomId: string | null;
  tab: RoomTab;
  from: string;
  to: string;
  log: ReadingLog | null;
  checks: CheckList | null;
  error: string | null;
  loadRooms: () => Promise<void>;
  pick: (roomId: string) => void;
  setTab: (tab: RoomTab) => void;
  setPeriod: (from: string, to: string) => void;
  /** Reloads what the current tab shows. */
  refresh: () => Promise<void>;
}

export const useRoom = defineStore<RoomState>('room', (set, get) => ({
  rooms: [],
  roomId: null,
  tab: 'readings',
  from: dayBefore(29),
  to: dayBefore(0),
  log: null,
  checks: null,
  error: null,
  loadRooms: async () => {
    const current = sameUser();
    try {
      const rooms = await api.listRooms();
      if (!current()) return;
      const keep = rooms.some((r) => r.id === get().roomId) ? get().roomId : (rooms[0]?.id ?? null);
      set({ rooms, roomId: keep, error: null });
      await get().refresh();
    } catch (err) {
      if (current()) set({ error: errorMessage(err) });
    }
  },
  pick: (roomId) => {
    set({ roomId, log: null, checks: null });
    void get().refresh();
  },
  setTab: (tab) => {
    set({ tab });
    void get().refresh();
  },
  setPeriod: (from, to) => {
    set({ from, to });
    void get().refresh();
  },
  refresh: async () => {
    const { roomId, tab, from, to } = get();
    if (!roomId) return;
    const current = sameUser();
    try {
      if (tab === 'readings') {
        const log = await api.listReadings({ roomId, from, to });
        if (current() && get().roomId === roomId) set({ log, error: null });
      } else {
        const checks = await api.listChecks({ roomId });
        if (current() && get().roomId === roomId) set({ checks, error: null });
      }
    } catch (err) {
      if (current()) set({ error: errorMessage(err) });
    }
  },
}));
