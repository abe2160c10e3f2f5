/**
 * The demo's boxes, what they hold, where they and loose volumes stand and their 'shelve'
 * moves, with the change log: gathered while the records are read, written in bulk after
 * (one `INSERT … SELECT … FROM jsonb_each(?)` per table and chunk, as writer.ts does).
 */
import { getTableName } from 'drizzle-orm';
import { changeLog } from '../../../db/schema/audit';
import { boxContents, boxes, locations, placeMoves } from '../../../db/schema/shelving';
import { type Actor, type CoreContext, nodeIdOf } from '../kernel';
import { boxCode } from '../shelving';
import { bulkInsert } from './writer';

const CHUNK = 50_000;

/** A record to box or shelve, with its box class. */
export interface Row {
  id: string;
  fonds: string;
  categoryId: string;
  categoryCode: string;
  year: number;
  retention: 'Y' | 'D30' | 'D10';
  org: string;
}

/** Rows of boxes, contents, locations, moves and their change log, inserted a chunk at a time. */
export class BulkRows {
  private readonly now: string;
  private readonly node: string;
  private boxRows: string[] = [];
  private contentRows: string[] = [];
  private locationRows: string[] = [];
  boxCount = 0;
  private readonly insert: {
    boxes: ReturnType<CoreContext['sqlite']['prepare']>;
    contents: ReturnType<CoreContext['sqlite']['prepare']>;
    locations: ReturnType<CoreContext['sqlite']['prepare']>;
    moves: ReturnType<CoreContext['sqlite']['prepare']>;
    log: ReturnType<CoreContext['sqlite']['prepare']>;
  };

  constructor(
    private readonly ctx: CoreContext,
    actor: Actor,
  ) {
    this.now = ctx.nowIso();
    this.node = nodeIdOf(ctx);
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const db = ctx.sqlite;
    const ts = q(this.now);
    const fields = ['id', 'code', 'fondsCode', 'categoryId', 'categoryCode', 'year', 'retention', 'orgCode', 'boxNo'];
    this.insert = {
      boxes: db.prepare(
        bulkInsert(boxes, fields as (keyof typeof boxes.$inferInsert & string)[], {
          nodeId: q(this.node),
          createdBy: actor.id === null ? 'NULL' : q(actor.id),
          createdAt: ts,
          updatedAt: ts,
        }),
      ),
      contents: db.prepare(bulkInsert(boxContents, ['entity', 'entityId', 'boxId', 'position'], {})),
      locations: db.prepare(
        bulkInsert(locations, ['entity', 'entityId', 'placeId'], { placedAt: ts, placedBy: q(actor.name) }),
      ),
      moves: db.prepare(
        bulkInsert(placeMoves, ['id', 'entity', 'entityId', 'toPlaceId'], {
          nodeId: q(this.node),
          reason: "'shelve'",
          movedBy: actor.id === null ? 'NULL' : q(actor.id),
          movedByName: q(actor.name),
          movedAt: ts,
        }),
      ),
      log: db.prepare(
        `INSERT INTO "${getTableName(changeLog)}" ("${changeLog.entity.name}", "${changeLog.entityId.name}", "${changeLog.version.name}",
           "${changeLog.op.name}", "${changeLog.nodeId.name}", "${changeLog.ts.name}")
         SELECT value->>0, value->>1, 1, 'insert', ${q(this.node)}, ${ts} FROM jsonb_each(CAST(? AS TEXT))`,
      ),
    };
  }

  box(r: Row, nextNo: (r: Row) => number): string {
    const id = this.ctx.ids();
    const no = nextNo(r);
    const code = boxCode(
      { fondsCode: r.fonds, categoryCode: r.categoryCode, year: r.year, retention: r.retention, orgCode: r.org },
      no,
    );
    this.boxRows.push(
      JSON.stringify([id, code, r.fonds, r.categoryId, r.categoryCode, r.year, r.retention, r.org, no]),
    );
    this.boxCount++;
    return id;
  }

  content(entity: 'item' | 'volume', id: string, boxId: string, position: number): void {
    this.contentRows.push(`["${entity}","${id}","${boxId}",${position}]`);
  }

  locate(entity: 'box' | 'volume', id: string, placeId: string): void {
    this.locationRows.push(`["${entity}","${id}","${placeId}"]`);
  }

  /** Writes what was gathered; called once the reads are done (a connection cannot write while it iterates). */
  flush(): void {
    const run = (s: { run(json: string): unknown }, rows: string[]) => {
      for (let i = 0; i < rows.length; i += CHUNK) s.run(`[${rows.slice(i, i + CHUNK).join(',')}]`);
    };
    run(this.insert.boxes, this.boxRows);
    run(
      this.insert.log,
      this.boxRows.map((r) => `["box",${r.slice(1, r.indexOf(','))}]`),
    );
    run(this.insert.contents, this.contentRows);
    run(this.insert.locations, this.locationRows);
    const moves = this.locationRows.map((r) => `["${this.ctx.ids()}",${r.slice(1)}`);
    run(this.insert.moves, moves);
    run(
      this.insert.log,
      this.locationRows.map((r) => {
        const [entity, id] = JSON.parse(r) as [string, string];
        return JSON.stringify(['location', `${entity}:${id}`]);
      }),
    );
    this.boxRows = [];
    this.contentRows = [];
    this.locationRows = [];
  }
}
