/**
 * The place tree read whole: a station has hundreds of places at most, so walking it in memory
 * is simpler and faster than recursive SQL, and every caller sees the same paths.
 */
import { asc, inArray, isNull } from 'drizzle-orm';
import { locations, places, type PlaceRecord } from '../../../db/schema';
import type { CoreContext } from '../kernel';

export interface PlaceTree {
  byId: Map<string, PlaceRecord>;
  children: Map<string | null, PlaceRecord[]>;
}

export function loadPlaceTree(ctx: CoreContext): PlaceTree {
  const rows = ctx.orm
    .select()
    .from(places)
    .where(isNull(places.deletedAt))
    .orderBy(asc(places.depth), asc(places.position), asc(places.code))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const children = new Map<string | null, PlaceRecord[]>();
  for (const r of rows) {
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  return { byId, children };
}

/** The place and every place under it, in tree order. */
export function subtreeIds(tree: PlaceTree, rootId: string): string[] {
  const out: string[] = [];
  const walk = (id: string) => {
    out.push(id);
    for (const c of tree.children.get(id) ?? []) walk(c.id);
  };
  if (tree.byId.has(rootId)) walk(rootId);
  return out;
}

/** 'A库房 / 2区 / 3列 / 1节 / 4层': the names from the top down to the place. */
export function placePath(tree: PlaceTree, id: string | null): string {
  const names: string[] = [];
  for (let p = id ? tree.byId.get(id) : undefined; p; p = p.parentId ? tree.byId.get(p.parentId) : undefined)
    names.unshift(p.name);
  return names.join(' / ');
}

export interface Holding {
  entity: 'box' | 'volume';
  entityId: string;
  placeId: string;
}

/** What stands in a place range: every box and loose volume placed at or under the root. */
export function holdingsUnder(ctx: CoreContext, tree: PlaceTree, rootId: string): Holding[] {
  const ids = subtreeIds(tree, rootId);
  if (ids.length === 0) return [];
  const out: Holding[] = [];
  // SQLite binds at most 32,766 parameters: a station's tree is far smaller, chunk anyway.
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...ctx.orm
        .select({ entity: locations.entity, entityId: locations.entityId, placeId: locations.placeId })
        .from(locations)
        .where(inArray(locations.placeId, ids.slice(i, i + 500)))
        .all(),
    );
  return out;
}
