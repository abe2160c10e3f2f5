/** Whether search can answer now: the index may be stale (after a bulk load) or being rebuilt. */
import type { SearchStatusView } from '../../contract/search';
import type { CoreContext } from '../kernel/context';
import { isStale } from './meta';

interface Progress {
  building: boolean;
  done: number;
  total: number;
}

const progress = new WeakMap<object, Progress>();

export function buildProgress(ctx: CoreContext): Progress {
  let p = progress.get(ctx.sqlite);
  if (!p) progress.set(ctx.sqlite, (p = { building: false, done: 0, total: 0 }));
  return p;
}

export function indexState(ctx: CoreContext): Pick<SearchStatusView, 'state' | 'done' | 'total'> {
  const p = buildProgress(ctx);
  if (p.building) return { state: 'building', done: p.done, total: p.total };
  return { state: isStale(ctx) ? 'stale' : 'ready', done: 0, total: 0 };
}
