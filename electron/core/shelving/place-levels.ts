/**
 * The level names of the place tree (库房/区/密集架/节/层 by default), kept in meta: a station
 * whose rooms have no 区 says so once, and every screen and label names its levels that way.
 */
import { DEFAULT_PLACE_LEVELS, type PlaceLevels } from '../../contract/places';
import { appendAudit } from '../audit';
import { AppError, type Actor, type CoreContext, getMeta, inTransaction, recordChange, setMeta } from '../kernel';
import { loadPlaceTree } from './tree';

const LEVELS_KEY = 'place_levels';

export function placeLevels(ctx: CoreContext): PlaceLevels {
  let names: string[] = [...DEFAULT_PLACE_LEVELS];
  const raw = getMeta(ctx, LEVELS_KEY);
  if (raw) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((n) => typeof n === 'string'))
        names = parsed as string[];
    } catch {
      // A damaged setting falls back to the default names rather than hiding the tree.
    }
  }
  return { names, depth: names.length };
}

/** The name of the level at a depth; beyond the configured levels, the deepest one's. */
export const levelName = (levels: PlaceLevels, depth: number): string =>
  levels.names[Math.min(depth, levels.names.length - 1)] ?? '';

export function setPlaceLevels(ctx: CoreContext, actor: Actor, names: string[]): PlaceLevels {
  const deepest = Math.max(-1, ...[...loadPlaceTree(ctx).byId.values()].map((p) => p.depth));
  if (names.length <= deepest)
    throw new AppError(
      'PLACE_TOO_DEEP',
      `已有第 ${deepest + 1} 级库位，层级不能少于 ${deepest + 1} 级；请先删除或上移较深的库位`,
    );
  const before = placeLevels(ctx);
  return inTransaction(
    ctx,
    () => {
      setMeta(ctx, LEVELS_KEY, JSON.stringify(names));
      recordChange(ctx, 'meta', LEVELS_KEY, 1, 'update');
      appendAudit(ctx, actor, {
        action: 'place.levels',
        entity: 'place',
        entityId: LEVELS_KEY,
        summary: `库位层级改为 ${names.join(' / ')}`,
        details: { before: before.names, after: names },
      });
      return placeLevels(ctx);
    },
    { catalogue: false },
  );
}
