/**
 * The one way to make a zustand store in the renderer. Every store is registered here with
 * what it does when the person at the PC changes: by default it goes back to the state it was
 * created with; a store may say how instead (clear its timers, keep a machine-level setting),
 * or say why it holds nothing of the user's. The session store calls `resetUserState()` at
 * logout, idle logout, an expired session and when a different user logs in, so no store
 * needs its own subscription and a new store cannot forget.
 */
import { create, type StateCreator, type StoreApi, type UseBoundStore } from 'zustand';

export interface StoreOptions<T> {
  /** How the store forgets the user; `initial` is its state at creation. Default: `setState(initial, true)`. */
  reset?: (api: StoreApi<T>, initial: T) => void;
  /** Instead of a reset: why this store holds nothing tied to the logged-in user. */
  notPerUser?: string;
}

interface Entry {
  /** Null for a cache that is no store (page images). */
  api: StoreApi<unknown> | null;
  reset: (() => void) | null;
}

const registry = new Map<string, Entry>();
/** Bumped by every reset, so an answer that arrives for the previous user can be dropped. */
let generation = 0;

/** Call before a request; false once the user has changed since (the answer is not for this one). */
export function sameUser(): () => boolean {
  const at = generation;
  return () => at === generation;
}

export function defineStore<T>(
  name: string,
  creator: StateCreator<T, [], []>,
  options: StoreOptions<T> = {},
): UseBoundStore<StoreApi<T>> {
  if (registry.has(name)) throw new Error(`store ${name} defined twice`);
  const store = create<T>()(creator);
  const initial = store.getState();
  const { reset, notPerUser } = options;
  const forget = notPerUser ? null : reset ? () => reset(store, initial) : () => store.setState(initial, true);
  registry.set(name, { api: store as StoreApi<unknown>, reset: forget });
  return store;
}

/** A per-user cache kept outside any store (fetched page images): emptied with the stores. */
export function registerUserCache(name: string, clear: () => void): void {
  if (registry.has(name)) throw new Error(`cache ${name} registered twice`);
  registry.set(name, { api: null, reset: clear });
}

/** Every per-user store back to its empty state: the next person at this PC sees nothing of the last one's. */
export function resetUserState(): void {
  generation++;
  for (const { reset } of registry.values()) reset?.();
}

/** The registered stores: their names, APIs and whether they reset at logout (for the registry test). */
export function registeredStores(): { name: string; api: StoreApi<unknown>; perUser: boolean }[] {
  return [...registry].flatMap(([name, e]) => (e.api ? [{ name, api: e.api, perUser: e.reset !== null }] : []));
}

/** The names of the registered caches that are no store. */
export const registeredCaches = (): string[] => [...registry].filter(([, e]) => !e.api).map(([name]) => name);

/**
 * The e2e test of logout reads every store through this: a JSON copy (no functions, nothing
 * to call), and only in a tab whose sessionStorage the test set before the app loaded. A
 * script able to set that flag can already read the page, so this opens nothing new.
 */
export const STORE_SNAPSHOT_FLAG = 'dangan.e2e.storeSnapshot';

function exposeSnapshotForTests(): void {
  try {
    if (typeof window === 'undefined' || sessionStorage.getItem(STORE_SNAPSHOT_FLAG) !== '1') return;
  } catch {
    return;
  }
  const snapshot = (): string =>
    JSON.stringify(Object.fromEntries(registeredStores().map(({ name, api }) => [name, api.getState()])));
  Object.defineProperty(window, '__danganStoreSnapshot', { value: snapshot });
}
exposeSnapshotForTests();
