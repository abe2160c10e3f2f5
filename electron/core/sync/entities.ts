/**
 * Which records travel in a bundle, and how a record's full current state is read.
 * Accounts ('user') never leave the station: they hold password hashes and mean nothing
 * at the bureau. A record is sent only by the node that created it (one writer per record).
 */
import type { CoreContext } from '../kernel/context';
import { sha256Hex } from './crypto';

interface EntitySpec {
  table: string;
  /** Columns naming files in the content store. */
  files: readonly string[];
}

export const SYNC_ENTITIES: Readonly<Record<string, EntitySpec>> = {
  category: { table: 'categories', files: [] },
  volume: { table: 'volumes', files: [] },
  item: { table: 'items', files: [] },
  person: { table: 'persons', files: [] },
  page: {
    table: 'pages',
    files: ['original_sha256', 'processed_sha256', 'thumb_sha256', 'pdf_sha256', 'words_sha256'],
  },
  page_text: { table: 'page_texts', files: [] },
};

export const isSyncEntity = (entity: string): boolean => Object.hasOwn(SYNC_ENTITIES, entity);

/** One line of `changes.ndjson`: a record's full current state (or its tombstone). */
export interface RecordState {
  entity: string;
  id: string;
  version: number;
  deleted: boolean;
  nodeId: string;
  fields: Record<string, unknown>;
  /** Plaintext sha256 of every file the record refers to. */
  files: string[];
  /** sha256 of the canonical JSON of the lines above: what the bureau compares. */
  hash: string;
}

/** JSON with object keys sorted at every level: the same state always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export const stateHash = (s: Omit<RecordState, 'hash'>): string =>
  sha256Hex(
    canonicalJson({
      entity: s.entity,
      id: s.id,
      version: s.version,
      deleted: s.deleted,
      nodeId: s.nodeId,
      fields: s.fields,
      files: s.files,
    }),
  );

type Row = Record<string, unknown>;

/** Reads records' states, statement per entity prepared once. */
export class StateReader {
  private stmts = new Map<string, import('better-sqlite3').Statement>();
  private persons: import('better-sqlite3').Statement;

  constructor(private readonly ctx: CoreContext) {
    this.persons = ctx.sqlite.prepare(
      'SELECT person_id AS personId, position FROM item_persons WHERE item_id = ? ORDER BY position, person_id',
    );
  }

  read(entity: string, id: string): RecordState | null {
    const spec = SYNC_ENTITIES[entity];
    if (!spec) return null;
    let stmt = this.stmts.get(entity);
    if (!stmt) {
      stmt = this.ctx.sqlite.prepare(`SELECT * FROM ${spec.table} WHERE id = ?`);
      this.stmts.set(entity, stmt);
    }
    const row = stmt.get(id) as Row | undefined;
    if (!row) return null;
    const fields: Row = { ...row };
    if (entity === 'item') fields.persons = this.persons.all(id);
    const files = spec.files.map((c) => row[c]).filter((v): v is string => typeof v === 'string' && v.length === 64);
    const base = {
      entity,
      id,
      version: Number(row.version ?? 1),
      deleted: row.deleted_at != null,
      nodeId: String(row.node_id ?? ''),
      fields,
      files: [...new Set(files)].sort(),
    };
    return { ...base, hash: stateHash(base) };
  }
}
