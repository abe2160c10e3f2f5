/**
 * Bulk writes for the demo: reused prepared statements, batched transactions, and
 * SQLite settings suited to loading a million rows. Rows are exactly what the normal
 * create path writes (items, persons, links, volumes and their change-log rows).
 */
import type Database from 'better-sqlite3';

export interface ItemRowInput {
  id: string;
  categoryId: string;
  categoryCode: string;
  year: number;
  retention: string;
  orgCode: string;
  volumeId: string | null;
  itemNo: number;
  archiveCode: string;
  title: string;
  author: string;
  docNumber: string;
  date: string;
  pageCount: number | null;
  securityLevel: number;
  extra: string;
  personNames: string;
}

export interface VolumeRowInput {
  id: string;
  categoryId: string;
  categoryCode: string;
  year: number;
  retention: string;
  orgCode: string;
  volumeNo: number;
  archiveCode: string;
  title: string;
  startDate: string;
  endDate: string;
  securityLevel: number;
}

export class DemoWriter {
  private readonly insItem: Database.Statement;
  private readonly insVolume: Database.Statement;
  private readonly insPerson: Database.Statement;
  private readonly insLink: Database.Statement;
  private readonly insChange: Database.Statement;
  private inTx = false;
  private readonly saved: { cache: number; fk: number; checkpoint: number };

  constructor(
    private readonly db: Database.Database,
    private readonly nodeId: string,
    private readonly fonds: string,
    private readonly now: string,
  ) {
    this.saved = {
      cache: db.pragma('cache_size', { simple: true }) as number,
      fk: db.pragma('foreign_keys', { simple: true }) as number,
      checkpoint: db.pragma('wal_autocheckpoint', { simple: true }) as number,
    };
    // Bulk settings: a large page cache for the index B-trees, fewer WAL checkpoints,
    // and no per-row foreign-key probes (the generator links only rows it wrote).
    db.pragma('cache_size = -262144');
    db.pragma('wal_autocheckpoint = 20000');
    db.pragma('foreign_keys = OFF');
    if (process.env.DEMO_SYNC) db.pragma('synchronous = ' + process.env.DEMO_SYNC);
    if (process.env.DEMO_THREADS) db.pragma('threads = ' + process.env.DEMO_THREADS);
    this.insItem = db.prepare(
      `INSERT INTO items (id, node_id, version, fonds_code, category_id, category_code, year, retention, org_code, volume_id,
         item_no, archive_code, title, author, doc_number, date, page_count, security_level, remarks, extra, person_names,
         created_by, created_at, updated_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, NULL, ?, ?)`,
    );
    this.insVolume = db.prepare(
      `INSERT INTO volumes (id, node_id, version, fonds_code, category_id, category_code, year, retention, org_code, volume_no,
         archive_code, title, start_date, end_date, security_level, remarks, created_by, created_at, updated_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', NULL, ?, ?)`,
    );
    this.insPerson = db.prepare(
      'INSERT INTO persons (id, node_id, version, name, id_number, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)',
    );
    this.insLink = db.prepare('INSERT INTO item_persons (item_id, person_id, position) VALUES (?, ?, ?)');
    this.insChange = db.prepare(
      `INSERT INTO change_log (entity, entity_id, version, op, node_id, ts) VALUES (?, ?, 1, 'insert', ?, ?)`,
    );
  }

  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.inTx = true;
  }

  commit(): void {
    this.db.exec('COMMIT');
    this.inTx = false;
  }

  /** Undoes the open batch (earlier batches stay committed) and restores the settings. */
  abort(): void {
    if (this.inTx && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.inTx = false;
    this.restore();
  }

  restore(): void {
    this.db.pragma(`cache_size = ${this.saved.cache}`);
    this.db.pragma(`wal_autocheckpoint = ${this.saved.checkpoint}`);
    this.db.pragma(`foreign_keys = ${this.saved.fk ? 'ON' : 'OFF'}`);
  }

  person(id: string, name: string, idNumber: string): void {
    this.insPerson.run(id, this.nodeId, name, idNumber, this.now, this.now);
    this.insChange.run('person', id, this.nodeId, this.now);
  }

  volume(v: VolumeRowInput): void {
    this.insVolume.run(
      v.id,
      this.nodeId,
      this.fonds,
      v.categoryId,
      v.categoryCode,
      v.year,
      v.retention,
      v.orgCode,
      v.volumeNo,
      v.archiveCode,
      v.title,
      v.startDate,
      v.endDate,
      v.securityLevel,
      this.now,
      this.now,
    );
    this.insChange.run('volume', v.id, this.nodeId, this.now);
  }

  item(r: ItemRowInput, personIds: readonly string[]): void {
    this.insItem.run(
      r.id,
      this.nodeId,
      this.fonds,
      r.categoryId,
      r.categoryCode,
      r.year,
      r.retention,
      r.orgCode,
      r.volumeId,
      r.itemNo,
      r.archiveCode,
      r.title,
      r.author,
      r.docNumber,
      r.date,
      r.pageCount,
      r.securityLevel,
      r.extra,
      r.personNames,
      this.now,
      this.now,
    );
    for (let i = 0; i < personIds.length; i++) this.insLink.run(r.id, personIds[i], i);
    this.insChange.run('item', r.id, this.nodeId, this.now);
  }
}

/** Secondary indexes of a table, to drop before a large load and rebuild (sorted) after. */
export function secondaryIndexes(db: Database.Database, table: string): { name: string; sql: string }[] {
  return db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
    .all(table) as { name: string; sql: string }[];
}
