/** Whether search can answer now: the index may be stale (after a bulk load) or being rebuilt. */
import type { SearchStatusView } from '../../contract/search';
import { type CoreContext, defineService, serviceOf } from '../kernel';
import { isStale } from './meta';

interface Progress {
  building: boolean;
  done: number;
  total: number;
}

const progress = defineService({
  name: 'search.buildProgress',
  create: (): Progress => ({ building: false, done: 0, total: 0 }),
});

export const buildProgress = (ctx: CoreContext): Progress => serviceOf(ctx, progress);

export function indexState(ctx: CoreContext): Pick<SearchStatusView, 'state' | 'done' | 'total'> {
  const p = buildProgress(ctx);
  if (p.building) return { state: 'building', done: p.done, total: p.total };
  return { state: isStale(ctx) ? 'stale' : 'ready', done: 0, total: 0 };
}
