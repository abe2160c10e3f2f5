import { useCallback, useEffect, useRef, useState } from 'react';
import type { ItemRow, MethodInput } from '../../../../electron/contract';
import { call, errorMessage } from '../../api/client';

export const PAGE_SIZE = 100;
/** The contract caps `limit` at 500. */
const MAX_PAGES_PER_REQUEST = 5;
type Query = Omit<MethodInput<'catalogue.query'>, 'offset' | 'limit'>;

/**
 * Pages of catalogue rows fetched on demand: only the pages the viewport needs are
 * requested (debounced while the user drags the scrollbar), cached by page index.
 * After a refresh (same query, new nonce) the old pages stay visible until replaced.
 */
export function useRowPages(query: Query, nonce: number) {
  const queryKey = JSON.stringify(query);
  const cache = useRef(new Map<number, ItemRow[]>());
  const stale = useRef(new Map<number, ItemRow[]>());
  const inflight = useRef(new Set<number>());
  const gen = useRef(0);
  const wanted = useRef<[number, number]>([0, 0]);
  const timer = useRef<number | undefined>(undefined);
  const lastKey = useRef<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);

  /** Fetches `count` consecutive pages in one request (the big cost is the offset, not the limit). */
  const fetchRun = useCallback(
    (page: number, count: number) => {
      for (let p = page; p < page + count; p++) inflight.current.add(p);
      const g = gen.current;
      const q = JSON.parse(queryKey) as Query;
      call('catalogue.query', { ...q, offset: page * PAGE_SIZE, limit: count * PAGE_SIZE })
        .then((res) => {
          if (g !== gen.current) return;
          for (let i = 0; i < count; i++) {
            inflight.current.delete(page + i);
            cache.current.set(page + i, res.rows.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE));
          }
          setTotal(res.total);
          setError(null);
          setTick((x) => x + 1);
        })
        .catch((err: unknown) => {
          if (g !== gen.current) return;
          for (let p = page; p < page + count; p++) inflight.current.delete(p);
          setError(errorMessage(err));
        });
    },
    [queryKey],
  );

  const loadWanted = useCallback(() => {
    const [start, end] = wanted.current;
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.min(Math.floor(end / PAGE_SIZE), first + MAX_PAGES_PER_REQUEST - 1);
    // Group the missing visible pages into contiguous runs: one request per run.
    let runStart = -1;
    for (let p = first; p <= last + 1; p++) {
      const missing = p <= last && !cache.current.has(p) && !inflight.current.has(p);
      if (missing && runStart < 0) runStart = p;
      if (!missing && runStart >= 0) {
        fetchRun(runStart, p - runStart);
        runStart = -1;
      }
    }
  }, [fetchRun]);

  useEffect(() => {
    const sameQuery = lastKey.current === queryKey;
    lastKey.current = queryKey;
    gen.current++;
    stale.current = sameQuery ? cache.current : new Map();
    cache.current = new Map();
    inflight.current = new Set();
    if (!sameQuery) wanted.current = [0, 0];
    loadWanted();
  }, [queryKey, nonce, loadWanted]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  /** Called with the visible index range; fetches missing pages after a short pause. */
  const ensureRange = useCallback(
    (start: number, end: number) => {
      wanted.current = [start, end];
      window.clearTimeout(timer.current);
      const first = Math.floor(start / PAGE_SIZE);
      const last = Math.floor(end / PAGE_SIZE);
      let missing = false;
      for (let p = first; p <= last; p++) if (!cache.current.has(p)) missing = true;
      if (!missing) return;
      timer.current = window.setTimeout(loadWanted, 30);
    },
    [loadWanted],
  );

  const getRow = useCallback((index: number): ItemRow | undefined => {
    const page = Math.floor(index / PAGE_SIZE);
    const i = index % PAGE_SIZE;
    return cache.current.get(page)?.[i] ?? stale.current.get(page)?.[i];
  }, []);

  return { total, error, ensureRange, getRow };
}
