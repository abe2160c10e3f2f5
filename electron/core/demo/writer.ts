/**
 * Bulk writes for the demo: reused prepared statements, batched transactions, and
 * SQLite settings suited to loading a million rows. Rows are exactly what the normal
 * create path writes (items, persons, links, volumes, page text and their change-log rows).
 * Raw SQL on purpose: one `INSERT … SELECT … FROM jsonb_each(?)` per table and batch is
 * what loads a million items in well under a minute; table and column names come from
 * the schema (columns.ts), so a rename still breaks the typecheck.
 */
import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, type Column, type Table } from 'drizzle-orm';
import { changeLog } from '../../../db/schema/audit';
import { itemPersons, items, persons, volumes } from '../../../db/schema/catalogue';
import { pageTexts } from '../../../db/schema/search';
import { ITEM_FIELDS, LINK_FIELDS, PAGE_TEXT_FIELDS, PERSON_FIELDS, VOLUME_FIELDS } from './columns';
import type { Batch } from './produce';

/** A SQL string literal: the run's node id and timestamp are the same on every row, so they are not bound per row. */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

const LOG_COLUMNS = (['entity', 'entityId', 'version', 'op', 'nodeId', 'ts'] as const)
  .map((k) => `"${changeLog[k].name}"`)
  .join(', ');

/**
 * `INSERT INTO t (fixed…, fields…) SELECT <fixed values>, value->>0, value->>1, … FROM
 * jsonb_each(?)`: each batch is one JSON array of rows, field k of a row at `value->>k`.
 */
export function bulkInsert<T extends Table>(
  table: T,
  fields: readonly (keyof T['$inferInsert'] & string)[],
  fixed: Partial<Record<keyof T['$inferInsert'] & string, string>>,
): string {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const name = (key: string) => `"${columns[key]!.name}"`;
  const constant = Object.entries(fixed) as [string, string][];
  const names = [...constant.map(([k]) => name(k)), ...fields.map(name)];
  const values = [...constant.map(([, v]) => v), ...fields.map((_, k) => `value->>${k}`)];
  return `INSERT INTO "${getTableName(table)}" (${names.join(', ')})
    SELECT ${values.join(', ')} FROM jsonb_each(CAST(? AS TEXT))`;
}

/**
 * items.access_level written with the row (the batch's volumes are loaded before its items),
 * so the insert trigger that keeps it finds nothing to correct and adds no update per row.
 */
function accessLevelSql(): string {
  const field = (k: (typeof ITEM_FIELDS)[number]) => `value->>${ITEM_FIELDS.indexOf(k)}`;
  return `max(${field('securityLevel')}, coalesce((SELECT v."${volumes.securityLevel.name}" FROM "${getTableName(volumes)}" v
    WHERE v."${volumes.id.name}" = ${field('volumeId')}), 0))`;
}

export class DemoWriter {
  private readonly items: Loader;
  private readonly volumes: Loader;
  private readonly persons: Loader;
  private readonly links: Loader;
  private readonly pages: Loader | null;
  private inTx = false;
  private readonly saved: {
    cache: number;
    fk: number;
    checkpoint: number;
    journal: string;
    mmap: number;
    threads: number;
  };

  constructor(
    private readonly db: Database.Database,
    nodeId: string,
    fonds: string,
    now: string,
    /** Prepare the page-text insert (only then: the catalogue-only load never touches page_texts). */
    withPages = false,
  ) {
    this.saved = {
      cache: db.pragma('cache_size', { simple: true }) as number,
      fk: db.pragma('foreign_keys', { simple: true }) as number,
      checkpoint: db.pragma('wal_autocheckpoint', { simple: true }) as number,
      journal: db.pragma('journal_mode', { simple: true }) as string,
      mmap: db.pragma('mmap_size', { simple: true }) as number,
      threads: db.pragma('threads', { simple: true }) as number,
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
    const stamps = { version: '1', createdAt: ts, updatedAt: ts };
    // The change-log rows are copied from the rows just written (rowids above the
    // table's previous maximum, in insertion order) rather than parsing the JSON again.
    const logged = (table: Table & { id: Column }, entity: string, insert: string): Loader => ({
      insert: db.prepare(insert),
      lastRowid: db.prepare(`SELECT coalesce(max(rowid), 0) FROM "${getTableName(table)}"`).pluck(),
      log: db.prepare(
        `INSERT INTO "${getTableName(changeLog)}" (${LOG_COLUMNS})
         SELECT '${entity}', "${table.id.name}", 1, 'insert', ${node}, ${ts} FROM "${getTableName(table)}" WHERE rowid > ? ORDER BY rowid`,
      ),
    });
    this.items = logged(
      items,
      'item',
      bulkInsert(items, ITEM_FIELDS, {
        nodeId: node,
        fondsCode: fondsL,
        remarks: "''",
        createdBy: 'NULL',
        accessLevel: accessLevelSql(),
        ...stamps,
      }),
    );
    this.volumes = logged(
      volumes,
      'volume',
      bulkInsert(volumes, VOLUME_FIELDS, {
        nodeId: node,
        fondsCode: fondsL,
        remarks: "''",
        createdBy: 'NULL',
        ...stamps,
      }),
    );
    this.persons = logged(persons, 'person', bulkInsert(persons, PERSON_FIELDS, { nodeId: node, ...stamps }));
    this.pages = withPages
      ? logged(
          pageTexts,
          'page_text',
          bulkInsert(pageTexts, PAGE_TEXT_FIELDS, { nodeId: node, source: "'demo'", ...stamps }),
        )
      : null;
    this.links = { insert: db.prepare(bulkInsert(itemPersons, LINK_FIELDS, {})) };
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

  /**
   * Settings for rebuilding the dropped indexes and ANALYZE, which read whole tables:
   * pages are read through a memory map instead of being copied into the page cache, and
   * the cache is kept small (measured: with the load's 256 MB cache, a third of the
   * rebuild went into page-cache lookups and recycling; 4 MB rebuilt fastest). The
   * sorter may use a second thread. Reads only: SQLite writes through the cache as usual.
   */
  forScans(): void {
    this.db.pragma(`mmap_size = ${2 ** 31 - 2 ** 16}`); // the bundled SQLite's maximum
    this.db.pragma('cache_size = -4096');
    this.db.pragma('threads = 2');
  }

  restore(): void {
    this.db.pragma(`mmap_size = ${this.saved.mmap}`);
    this.db.pragma(`threads = ${this.saved.threads}`);
    this.db.pragma(`cache_size = ${this.saved.cache}`);
    this.db.pragma(`wal_autocheckpoint = ${this.saved.checkpoint}`);
    this.db.pragma(`foreign_keys = ${this.saved.fk ? 'ON' : 'OFF'}`);
    if (this.saved.journal === 'wal') this.db.pragma('journal_mode = WAL');
  }

  /**
   * Writes one batch in its own transaction: persons, volumes and items, each followed
   * by their change-log rows (so the log holds them in the order the old row-by-row
   * writer did), then the item–person links and the items' page text.
   */
  write(b: Batch): void {
    this.begin();
    load(this.persons, b.persons, b.personRows);
    load(this.volumes, b.volumes, b.volumeRows);
    load(this.items, b.items, b.itemRows);
    load(this.links, b.links, b.linkRows);
    if (this.pages && b.pageRows) load(this.pages, b.pages, b.pageRows);
    this.commit();
  }
}

/** Inserts one table's rows of a batch (a JSON array in UTF-8) and, for logged tables, their change-log rows. */
interface Loader {
  insert: Database.Statement;
  lastRowid?: Database.Statement;
  log?: Database.Statement;
}

function load(t: Loader, count: number, json: Uint8Array): void {
  if (!count) return;
  const after = t.lastRowid?.get() as number | undefined;
  t.insert.run(json);
  if (after !== undefined) t.log!.run(after);
}

/** Secondary indexes of a table, to drop before a large load and rebuild (sorted) after (sqlite_master: SQLite's own catalogue, not in the schema). */
export function secondaryIndexes(db: Database.Database, table: string): { name: string; sql: string }[] {
  return db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
    .all(table) as { name: string; sql: string }[];
}
