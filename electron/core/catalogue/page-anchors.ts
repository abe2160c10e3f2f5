/**
 * Deep pages without counting a million index entries each time.
 *
 * SQLite's OFFSET walks every entry before the page, so page 9,000 of the grid costs a
 * walk of 900,000 entries. For each sorted query the grid has shown, this keeps the
 * sort key of every STRIDE-th row ("anchors"), built a little at a time in the
 * background; a deep page then seeks to the nearest anchor and walks at most STRIDE
 * entries. Anchors belong to one data version: any committed change discards them.
 */
import { type CoreContext, defineService, serviceOf } from '../kernel';

// Raw on purpose: anchor seeks over named covering indexes with row-value comparisons, in background slices.

export const DEFAULT_STRIDE = 2048;
/** How long one background step may hold the event loop (ms). */
const SLICE_MS = 4;

export interface SortSpec {
  /** Key columns in index order, e.g. ['archive_code', 'access_level', 'rowid']. */
  columns: string[];
  desc: boolean;
  /** The FROM clause, naming the covering index when there is one. */
  from: string;
}

interface AnchorSet {
  keys: unknown[][];
  complete: boolean;
  building: boolean;
}

interface Store {
  version: number;
  sets: Map<string, AnchorSet>;
}

/** Per core: the stride and the anchors of the current data version. */
const anchors = defineService({
  name: 'catalogue.pageAnchors',
  create: (): { stride: number; store: Store | null } => ({ stride: DEFAULT_STRIDE, store: null }),
});

/** Tests use a small stride to exercise the seek path on small catalogues. */
export function setAnchorStride(ctx: CoreContext, stride: number): void {
  serviceOf(ctx, anchors).stride = stride;
}

const strideOf = (ctx: CoreContext) => serviceOf(ctx, anchors).stride;

function storeOf(ctx: CoreContext): Store {
  const a = serviceOf(ctx, anchors);
  if (!a.store || a.store.version !== ctx.dataVersion) a.store = { version: ctx.dataVersion, sets: new Map() };
  return a.store;
}

const tuple = (n: number) => `(${Array.from({ length: n }, () => '?').join(', ')})`;

/** `(a, b, rowid) >= (?, ?, ?)` (or <= for a descending sort): rows from the anchor on. */
export const seekClause = (sort: SortSpec, inclusive: boolean) =>
  `(${sort.columns.join(', ')}) ${sort.desc ? '<' : '>'}${inclusive ? '=' : ''} ${tuple(sort.columns.length)}`;

const orderBy = (sort: SortSpec) => sort.columns.map((c) => `${c} ${sort.desc ? 'DESC' : 'ASC'}`).join(', ');

/**
 * Where to start reading for `offset`: the nearest anchor at or before it, as an extra
 * WHERE clause with its parameters and the offset left to walk from there.
 */
export function nearestAnchor(
  ctx: CoreContext,
  key: string,
  sort: SortSpec,
  offset: number,
): { clause: string; params: unknown[]; offset: number } | null {
  const set = storeOf(ctx).sets.get(key);
  if (!set) return null;
  const i = Math.min(Math.floor(offset / strideOf(ctx)), set.keys.length - 1);
  if (i <= 0) return null;
  return { clause: seekClause(sort, true), params: set.keys[i]!, offset: offset - i * strideOf(ctx) };
}

/** Starts (once per query and data version) building the anchors in small background steps. */
export function ensureAnchors(
  ctx: CoreContext,
  key: string,
  where: { sql: string; params: unknown[] },
  sort: SortSpec,
): void {
  const store = storeOf(ctx);
  if (store.sets.has(key)) return;
  const set: AnchorSet = { keys: [], complete: false, building: true };
  store.sets.set(key, set);
  const version = store.version;
  const cols = sort.columns.join(', ');
  const stride = strideOf(ctx);
  const first = ctx.sqlite
    .prepare(`SELECT ${cols} FROM ${sort.from} WHERE ${where.sql} ORDER BY ${orderBy(sort)} LIMIT 1`)
    .raw();
  const next = ctx.sqlite
    .prepare(
      `SELECT ${cols} FROM ${sort.from} WHERE ${where.sql} AND ${seekClause(sort, true)} ORDER BY ${orderBy(sort)} LIMIT 1 OFFSET ?`,
    )
    .raw();
  const step = () => {
    // Stop if the data changed, and never read inside a long job's open transaction
    // (its rows may still be rolled back).
    if (!ctx.sqlite.open || ctx.services.isClosing || ctx.dataVersion !== version || storeOf(ctx) !== store) return;
    if (ctx.sqlite.inTransaction) return void setTimeout(step, 20);
    const until = performance.now() + SLICE_MS;
    do {
      const last = set.keys.at(-1);
      const row = (last ? next.get(...where.params, ...last, stride) : first.get(...where.params)) as
        unknown[] | undefined;
      if (!row) {
        set.complete = true;
        set.building = false;
        return;
      }
      set.keys.push(row);
    } while (performance.now() < until);
    setImmediate(step);
  };
  setImmediate(step);
}

/** Build state, for tests and diagnostics: how many anchor sets exist and how many are complete. */
export function anchorProgress(ctx: CoreContext): { sets: number; complete: number; anchors: number } {
  const sets = [...storeOf(ctx).sets.values()];
  return {
    sets: sets.length,
    complete: sets.filter((s) => s.complete).length,
    anchors: sets.reduce((n, s) => n + s.keys.length, 0),
  };
}
