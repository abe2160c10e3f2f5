/**
 * Bulk writes for the demo: reused prepared statements, batched transactions, and
 * SQLite settings suited to loading a million rows. Rows are exactly what the normal
 * create path writes (items, persons, links, volumes and their change-log rows).
 */
import type Database from 'better-sqlite3';
import { SEP, type Batch } from './produce';

/** A SQL string literal: the run's node id and timestamp are the same on every row, so they are not bound per row. */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export class DemoWriter {
  private readonly insItem: Database.Statement;
  private readonly insVolume: Database.Statement;
  private readonly insPerson: Database.Statement;
  private readonly insLink: Database.Statement;
  private readonly insChange: Database.Statement;
  private inTx = false;
  private readonly saved: { cache: number; fk: number; checkpoint: number; journal: string };

  constructor(
    private readonly db: Database.Database,
    nodeId: string,
    fonds: string,
    now: string,
  ) {
    this.saved = {
      cache: db.pragma('cache_size', { simple: true }) as number,
      fk: db.pragma('foreign_keys', { simple: true }) as number,
      checkpoint: db.pragma('wal_autocheckpoint', { simple: true }) as number,
      journal: db.pragma('journal_mode', { simple: true }) as string,
    };
    // A rollback journal instead of WAL for the load: new pages are written once, straight
    // into the file, instead of into the WAL and again at checkpoint. Still crash-safe.
    if (this.saved.journal === 'wal') db.pragma('journal_mode = DELETE');
    // Bulk settings: a large page cache for the index B-trees, fewer WAL checkpoints,
    // and no per-row foreign-key probes (the generator links only rows it wrote).
    db.pragma('cache_size = -262144');
    db.pragma('wal_autocheckpoint = 20000');
    db.pragma('foreign_keys = OFF');
    const node = lit(nodeId);
    const ts = lit(now);
    const fondsL = lit(fonds);
    this.insItem = db.prepare(
      `INSERT INTO items (id, node_id, version, fonds_code, category_id, category_code, year, retention, org_code, volume_id,
         item_no, archive_code, title, author, doc_number, date, page_count, security_level, remarks, extra, person_names,
         created_by, created_at, updated_at)
       VALUES (?, ${node}, 1, ${fondsL}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, NULL, ${ts}, ${ts})`,
    );
    this.insVolume = db.prepare(
      `INSERT INTO volumes (id, node_id, version, fonds_code, category_id, category_code, year, retention, org_code, volume_no,
         archive_code, title, start_date, end_date, security_level, remarks, created_by, created_at, updated_at)
       VALUES (?, ${node}, 1, ${fondsL}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', NULL, ${ts}, ${ts})`,
    );
    this.insPerson = db.prepare(
      `INSERT INTO persons (id, node_id, version, name, id_number, created_at, updated_at) VALUES (?, ${node}, 1, ?, ?, ${ts}, ${ts})`,
    );
    this.insLink = db.prepare('INSERT INTO item_persons (item_id, person_id, position) VALUES (?, ?, ?)');
    this.insChange = db.prepare(
      `INSERT INTO change_log (entity, entity_id, version, op, node_id, ts) VALUES (?, ?, 1, 'insert', ${node}, ${ts})`,
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
    if (this.saved.journal === 'wal') this.db.pragma('journal_mode = WAL');
  }

  /** Writes one batch in its own transaction. Field order: see produce.ts. */
  write(b: Batch): void {
    this.begin();
    const p = b.persons ? b.personRows.split(SEP) : [];
    for (let i = 0; i < p.length; i += 3) {
      this.insPerson.run(p[i], p[i + 1], p[i + 2]);
      this.insChange.run('person', p[i]);
    }
    const v = b.volumes ? b.volumeRows.split(SEP) : [];
    for (let i = 0; i < v.length; i += 12) {
      this.insVolume.run(
        v[i],
        v[i + 1],
        v[i + 2],
        +v[i + 3]!,
        v[i + 4],
        v[i + 5],
        +v[i + 6]!,
        v[i + 7],
        v[i + 8],
        v[i + 9],
        v[i + 10],
        +v[i + 11]!,
      );
      this.insChange.run('volume', v[i]);
    }
    const f = b.items ? b.itemRows.split(SEP) : [];
    for (let i = 0; i < f.length; i += 18) {
      const id = f[i]!;
      this.insItem.run(
        id,
        f[i + 1],
        f[i + 2],
        +f[i + 3]!,
        f[i + 4],
        f[i + 5],
        f[i + 6] || null,
        +f[i + 7]!,
        f[i + 8],
        f[i + 9],
        f[i + 10],
        f[i + 11],
        f[i + 12],
        f[i + 13] === '' ? null : +f[i + 13]!,
        +f[i + 14]!,
        f[i + 15],
        f[i + 16],
      );
      const links = f[i + 17];
      if (links) {
        const ps = links.split(',');
        for (let k = 0; k < ps.length; k++) this.insLink.run(id, ps[k], k);
      }
      this.insChange.run('item', id);
    }
    this.commit();
  }
}

/** Secondary indexes of a table, to drop before a large load and rebuild (sorted) after. */
export function secondaryIndexes(db: Database.Database, table: string): { name: string; sql: string }[] {
  return db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
    .all(table) as { name: string; sql: string }[];
}
