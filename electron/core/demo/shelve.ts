/**
 * The demo's paper on the shelves: a 库房 (linked to the room log's demo room) with its
 * 区, 2–4 密集架, 节 and 层 (the default levels), and boxes for the demo's records by the rules
 * of reference §3 — one 全宗/门类/年度/保管期限/机构 per box, 件号 in order, 20–40 items or 5–10
 * volumes a box (some classes' volumes stand loose) — every box and loose volume on a 层 with
 * its 'shelve' move. Written in bulk like the catalogue (writer.ts): a million items make tens
 * of thousands of boxes, too many for a row-by-row moveTo; the rows are the ones moveTo writes.
 * Run again after more demo items, it boxes only what is not boxed yet and fills on from the
 * last 层 used.
 */
import { and, eq, isNull, max } from 'drizzle-orm';
import { rooms } from '../../../db/schema/room';
import { boxes, places, type PlaceRecord } from '../../../db/schema/shelving';
import { type Actor, type CoreContext, nodeIdOf, recordChange } from '../kernel';
import { holdingsUnder, loadPlaceTree } from '../shelving';
import { Rng } from './rng';
import { BulkRows, type Row } from './shelve-rows';

/** The demo room of the room log (scripts/cli/commands/demo.ts) and the 库房 that shares its code. */
export const DEMO_ROOM_CODE = 'KF01';
/** Boxes (or loose volumes) a 层 holds: a 900 mm 节 of 30 mm boxes. */
const PER_SHELF = 30;
const LAYERS = 5;

export interface ShelveResult {
  places: number;
  boxes: number;
  boxedItems: number;
  boxedVolumes: number;
  looseVolumes: number;
}

export function shelveDemo(ctx: CoreContext, actor: Actor, seed: string): ShelveResult {
  if (!ctx.sqlite.inTransaction) throw new Error('shelveDemo must run inside a transaction');
  const rng = new Rng(`${seed}:shelves`);
  const out: ShelveResult = { places: 0, boxes: 0, boxedItems: 0, boxedVolumes: 0, looseVolumes: 0 };
  const shelf = new Shelves(ctx, out);
  const bulk = new BulkRows(ctx, actor);
  const nextNo = boxNumbers(ctx);
  // Items filed by 件 (no volume) and volumes, each in 档号 order, not yet in a box.
  const looseItems = ctx.sqlite
    .prepare(
      `SELECT i.id, i.fonds_code AS fonds, i.category_id AS categoryId, i.category_code AS categoryCode, i.year,
        i.retention, i.org_code AS org FROM items i
       WHERE i.volume_id IS NULL AND i.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM box_contents b WHERE b.entity = 'item' AND b.entity_id = i.id)
       ORDER BY i.category_id, i.year, i.retention, i.org_code, i.item_no`,
    )
    .iterate() as IterableIterator<Row>;
  pack(
    looseItems,
    () => rng.range(20, 40),
    (rows) => {
      const boxId = bulk.box(rows[0]!, nextNo);
      rows.forEach((r, k) => bulk.content('item', r.id, boxId, k + 1));
      out.boxedItems += rows.length;
      shelf.place(bulk, 'box', boxId);
    },
  );
  const vols = ctx.sqlite
    .prepare(
      `SELECT v.id, v.fonds_code AS fonds, v.category_id AS categoryId, v.category_code AS categoryCode, v.year,
        v.retention, v.org_code AS org FROM volumes v
       WHERE v.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM box_contents b WHERE b.entity = 'volume' AND b.entity_id = v.id)
         AND NOT EXISTS (SELECT 1 FROM locations l WHERE l.entity = 'volume' AND l.entity_id = v.id)
       ORDER BY v.category_id, v.year, v.retention, v.org_code, v.volume_no`,
    )
    .all() as Row[];
  pack(
    vols.values(),
    () => rng.range(5, 10),
    (rows) => {
      // About one class in four keeps its volumes loose on the shelf (thick case files).
      if (rng.chance(0.25)) {
        for (const r of rows) shelf.place(bulk, 'volume', r.id);
        out.looseVolumes += rows.length;
        return;
      }
      const boxId = bulk.box(rows[0]!, nextNo);
      rows.forEach((r, k) => bulk.content('volume', r.id, boxId, k + 1));
      out.boxedVolumes += rows.length;
      shelf.place(bulk, 'box', boxId);
    },
  );
  shelf.flush();
  bulk.flush();
  out.boxes = bulk.boxCount;
  return out;
}

const classOf = (r: Row) => `${r.fonds}|${r.categoryId}|${r.year}|${r.retention}|${r.org}`;

/** Cuts rows (in order) into runs of one class, each run into boxes of `size()` rows. */
function pack(rows: Iterator<Row>, size: () => number, box: (rows: Row[]) => void): void {
  let run: Row[] = [];
  let limit = size();
  for (let n = rows.next(); !n.done; n = rows.next()) {
    const r = n.value;
    if (run.length > 0 && (run.length >= limit || classOf(run[0]!) !== classOf(r))) {
      box(run);
      run = [];
      limit = size();
    }
    run.push(r);
  }
  if (run.length > 0) box(run);
}

/** 盒号 runs within a box class: the next free one, after what the archive already holds. */
function boxNumbers(ctx: CoreContext): (r: Row) => number {
  const taken = new Map(
    ctx.orm
      .select({ c: boxes.categoryId, y: boxes.year, r: boxes.retention, o: boxes.orgCode, m: max(boxes.boxNo) })
      .from(boxes)
      .groupBy(boxes.categoryId, boxes.year, boxes.retention, boxes.orgCode)
      .all()
      .map((b) => [`${b.c}|${b.y}|${b.r}|${b.o}`, b.m ?? 0]),
  );
  return (r) => {
    const k = `${r.categoryId}|${r.year}|${r.retention}|${r.org}`;
    const no = (taken.get(k) ?? 0) + 1;
    taken.set(k, no);
    return no;
  };
}

/**
 * The 库房's tree, grown as boxes arrive: 层 after 层 of a 节, the same 节 across the 密集架,
 * then the next 节, so that every rack fills evenly and a rerun carries on where it stopped.
 */
class Shelves {
  private readonly byCode = new Map<string, PlaceRecord>();
  private readonly root: PlaceRecord;
  private readonly racks: number;
  private ordinal: number;
  private pending: PlaceRecord[] = [];

  constructor(
    private readonly ctx: CoreContext,
    private readonly out: ShelveResult,
  ) {
    const tree = loadPlaceTree(ctx);
    for (const p of tree.byId.values()) this.byCode.set(p.code, p);
    const room = ctx.orm
      .select({ id: rooms.id, name: rooms.name })
      .from(rooms)
      .where(eq(rooms.code, DEMO_ROOM_CODE))
      .get();
    this.root = this.ensure(null, 0, DEMO_ROOM_CODE, room?.name ?? '一号库房', 1, room?.id ?? null);
    this.flush();
    if (room && this.root.roomId === null)
      ctx.orm
        .update(places)
        .set({ roomId: room.id })
        .where(and(eq(places.id, this.root.id), isNull(places.deletedAt)))
        .run();
    this.ordinal = holdingsUnder(ctx, loadPlaceTree(ctx), this.root.id).length;
    const existing = [...this.byCode.values()].filter(
      (p) => p.depth === 2 && p.code.startsWith(`${DEMO_ROOM_CODE}-A-`),
    );
    this.racks = existing.length || 3;
  }

  flush(): void {
    for (const row of this.pending) {
      this.ctx.orm.insert(places).values(row).run();
      recordChange(this.ctx, 'place', row.id, 1, 'insert');
    }
    this.pending = [];
  }

  place(bulk: BulkRows, entity: 'box' | 'volume', id: string): void {
    const slot = Math.floor(this.ordinal++ / PER_SHELF);
    const layer = (slot % LAYERS) + 1;
    const g = Math.floor(slot / LAYERS);
    const rack = (g % this.racks) + 1;
    const section = Math.floor(g / this.racks) + 1;
    bulk.locate(entity, id, this.shelf(rack, section, layer).id);
  }

  private shelf(rack: number, section: number, layer: number): PlaceRecord {
    const two = (n: number) => String(n).padStart(2, '0');
    const zone = this.ensure(this.root, 1, `${DEMO_ROOM_CODE}-A`, 'A区', 1, null);
    const r = this.ensure(zone, 2, `${zone.code}-${two(rack)}`, `${rack}号密集架`, rack, null);
    const s = this.ensure(r, 3, `${r.code}-${two(section)}`, `${section}节`, section, null);
    return this.ensure(s, 4, `${s.code}-${layer}`, `${layer}层`, layer, null, PER_SHELF);
  }

  private ensure(
    parent: PlaceRecord | null,
    depth: number,
    code: string,
    name: string,
    position: number,
    roomId: string | null,
    capacity: number | null = null,
  ): PlaceRecord {
    const had = this.byCode.get(code);
    if (had) return had;
    const now = this.ctx.nowIso();
    const row: PlaceRecord = {
      id: this.ctx.ids(),
      nodeId: nodeIdOf(this.ctx),
      version: 1,
      parentId: parent?.id ?? null,
      depth,
      code,
      name,
      position,
      roomId,
      capacity,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    // Written by flush(): places are made while the records are still being read.
    this.pending.push(row);
    this.byCode.set(code, row);
    this.out.places++;
    return row;
  }
}
