/**
 * Where a scanned record should stand (its home): a box or a loose volume by its location, a
 * boxed volume or item by its box's, an item filed in a volume by that volume's. Read in bulk
 * (chunks of ids), so one scan and a 10,000-label report use the same code.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { boxContents, boxes, items, locations, places, volumes, type PlaceRecord } from '../../../db/schema';
import { type CoreContext, defineService, serviceOf } from '../kernel';
import type { ReportEntity } from '../../contract/stocktake';

export interface Home {
  placeId: string | null;
  /** The box it lies in (boxed volumes and items): it moves only with its box. */
  boxId: string | null;
}

export interface Ref {
  entity: ReportEntity;
  id: string;
}

export const refKey = (entity: string, id: string): string => `${entity}:${id}`;

const CHUNK = 500;
function chunked<T>(ids: string[], read: (part: string[]) => T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...read(ids.slice(i, i + CHUNK)));
  return out;
}
const unique = (xs: string[]) => [...new Set(xs)];

function locationsOf(ctx: CoreContext, entity: 'box' | 'volume', ids: string[]): Map<string, string> {
  const rows = chunked(unique(ids), (part) =>
    ctx.orm
      .select({ id: locations.entityId, placeId: locations.placeId })
      .from(locations)
      .where(and(eq(locations.entity, entity), inArray(locations.entityId, part)))
      .all(),
  );
  return new Map(rows.map((r) => [r.id, r.placeId]));
}

function boxesOf(ctx: CoreContext, entity: 'item' | 'volume', ids: string[]): Map<string, string> {
  const rows = chunked(unique(ids), (part) =>
    ctx.orm
      .select({ id: boxContents.entityId, boxId: boxContents.boxId })
      .from(boxContents)
      .where(and(eq(boxContents.entity, entity), inArray(boxContents.entityId, part)))
      .all(),
  );
  return new Map(rows.map((r) => [r.id, r.boxId]));
}

/** The homes of many records, keyed by refKey. */
export function homesOf(ctx: CoreContext, refs: Ref[]): Map<string, Home> {
  const ids = (e: ReportEntity) => refs.filter((r) => r.entity === e).map((r) => r.id);
  const itemIds = ids('item');
  const itemBox = boxesOf(ctx, 'item', itemIds);
  const loose = itemIds.filter((id) => !itemBox.has(id));
  const itemVolume = new Map(
    chunked(loose, (part) =>
      ctx.orm.select({ id: items.id, volumeId: items.volumeId }).from(items).where(inArray(items.id, part)).all(),
    )
      .filter((r) => r.volumeId)
      .map((r) => [r.id, r.volumeId!]),
  );
  const volumeIds = unique([...ids('volume'), ...itemVolume.values()]);
  const volumeBox = boxesOf(ctx, 'volume', volumeIds);
  const boxIds = unique([...ids('box'), ...itemBox.values(), ...volumeBox.values()]);
  const boxPlace = locationsOf(ctx, 'box', boxIds);
  const volumePlace = locationsOf(
    ctx,
    'volume',
    volumeIds.filter((id) => !volumeBox.has(id)),
  );
  const volumeHome = (id: string): Home => {
    const box = volumeBox.get(id);
    return box
      ? { placeId: boxPlace.get(box) ?? null, boxId: box }
      : { placeId: volumePlace.get(id) ?? null, boxId: null };
  };
  const out = new Map<string, Home>();
  for (const r of refs) {
    let home: Home;
    if (r.entity === 'box') home = { placeId: boxPlace.get(r.id) ?? null, boxId: null };
    else if (r.entity === 'volume') home = volumeHome(r.id);
    else {
      const box = itemBox.get(r.id);
      const vol = itemVolume.get(r.id);
      home = box
        ? { placeId: boxPlace.get(box) ?? null, boxId: box }
        : vol
          ? volumeHome(vol)
          : { placeId: null, boxId: null };
    }
    out.set(refKey(r.entity, r.id), home);
  }
  return out;
}

/** The codes people read (盒编码, 档号), keyed by refKey. */
export function codesOf(ctx: CoreContext, refs: Ref[]): Map<string, string> {
  const out = new Map<string, string>();
  const ids = (e: ReportEntity) => unique(refs.filter((r) => r.entity === e).map((r) => r.id));
  for (const r of chunked(ids('box'), (p) =>
    ctx.orm.select({ id: boxes.id, code: boxes.code }).from(boxes).where(inArray(boxes.id, p)).all(),
  ))
    out.set(refKey('box', r.id), r.code);
  for (const r of chunked(ids('volume'), (p) =>
    ctx.orm.select({ id: volumes.id, code: volumes.archiveCode }).from(volumes).where(inArray(volumes.id, p)).all(),
  ))
    out.set(refKey('volume', r.id), r.code);
  for (const r of chunked(ids('item'), (p) =>
    ctx.orm.select({ id: items.id, code: items.archiveCode }).from(items).where(inArray(items.id, p)).all(),
  ))
    out.set(refKey('item', r.id), r.code);
  return out;
}

/** How many items and volumes each box holds. */
export function contentCounts(ctx: CoreContext, boxIds: string[]): Map<string, number> {
  const rows = chunked(unique(boxIds), (p) =>
    ctx.orm
      .select({ boxId: boxContents.boxId, n: count() })
      .from(boxContents)
      .where(inArray(boxContents.boxId, p))
      .groupBy(boxContents.boxId)
      .all(),
  );
  return new Map(rows.map((r) => [r.boxId, r.n]));
}

/**
 * A place and its ancestors, top down, by primary key: a scan needs only the places it names,
 * not the whole tree (a shelf tree for 10,000 boxes has thousands of places).
 */
const placeById = defineService({
  name: 'stocktake.placeById',
  // Prepared once per core: a scan walks up to a dozen places, each lookup by primary key.
  create: (ctx) =>
    ctx.orm
      .select()
      .from(places)
      .where(eq(places.id, sql.placeholder('id')))
      .prepare(),
});

export function chainOf(ctx: CoreContext, placeId: string | null): PlaceRecord[] {
  const out: PlaceRecord[] = [];
  const byId = serviceOf(ctx, placeById);
  for (let id = placeId, n = 0; id && n < 32; n++) {
    const p = byId.get({ id });
    if (!p) break;
    out.unshift(p);
    id = p.parentId;
  }
  return out;
}

export const chainPath = (chain: PlaceRecord[]): string => chain.map((p) => p.name).join(' / ');
