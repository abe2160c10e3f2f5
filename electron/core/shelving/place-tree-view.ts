/** The place tree as the 库位 screen shows it: level names, paths and what stands where. */
import { sql } from 'drizzle-orm';
import { locations, type PlaceRecord } from '../../../db/schema';
import type { PlaceNode, PlaceTreeView } from '../../contract/places';
import { AppError, type CoreContext } from '../kernel';
import { levelName, placeLevels } from './place-levels';
import { loadPlaceTree, placePath, type PlaceTree } from './tree';

/** How many boxes and loose volumes stand at each place (a station has a few thousand rows at most). */
function standingCounts(ctx: CoreContext): Map<string, { boxes: number; volumes: number }> {
  const rows = ctx.orm
    .select({ placeId: locations.placeId, entity: locations.entity, n: sql<number>`count(*)` })
    .from(locations)
    .groupBy(locations.placeId, locations.entity)
    .all();
  const out = new Map<string, { boxes: number; volumes: number }>();
  for (const r of rows) {
    const c = out.get(r.placeId) ?? { boxes: 0, volumes: 0 };
    if (r.entity === 'box') c.boxes = r.n;
    else c.volumes = r.n;
    out.set(r.placeId, c);
  }
  return out;
}

export function placeTreeView(ctx: CoreContext): PlaceTreeView {
  const tree = loadPlaceTree(ctx);
  const levels = placeLevels(ctx);
  const counts = standingCounts(ctx);
  const out: PlaceNode[] = [];
  const walk = (p: PlaceRecord): { boxes: number; volumes: number } => {
    const here = counts.get(p.id) ?? { boxes: 0, volumes: 0 };
    const node: PlaceNode = {
      id: p.id,
      parentId: p.parentId,
      depth: p.depth,
      level: levelName(levels, p.depth),
      code: p.code,
      name: p.name,
      path: placePath(tree, p.id),
      position: p.position,
      capacity: p.capacity,
      version: p.version,
      boxes: here.boxes,
      volumes: here.volumes,
      boxesUnder: here.boxes,
      volumesUnder: here.volumes,
    };
    out.push(node);
    for (const c of tree.children.get(p.id) ?? []) {
      const sub = walk(c);
      node.boxesUnder += sub.boxes;
      node.volumesUnder += sub.volumes;
    }
    return { boxes: node.boxesUnder, volumes: node.volumesUnder };
  };
  for (const root of tree.children.get(null) ?? []) walk(root);
  return { levels, places: out };
}

/** A live place, or NOT_FOUND in Chinese. */
export function livePlace(tree: PlaceTree, id: string, what = '库位'): PlaceRecord {
  const p = tree.byId.get(id);
  if (!p) throw new AppError('NOT_FOUND', `${what}不存在或已删除`);
  return p;
}
