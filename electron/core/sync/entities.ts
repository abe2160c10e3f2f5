/**
 * Which records travel in a bundle, and how a record's full current state is read.
 * Accounts ('user') never leave the station: they hold password hashes and mean nothing
 * at the bureau. A record is sent only by the node that created it (one writer per record).
 * Loans, their decisions and the signatures travel too (issue 19), so the county bureau sees
 * who approved what and when; so do the records those signatures sign (appraisal decisions,
 * destruction lists and their tombstones, legal holds, opening reviews, 密级 changes, and the
 * arrangement batches with their steps, assignments and sign-offs). A tombstone carries the
 * catalogue entry only (the destroyed personal fields never were in it). The bureau keeps them
 * in its mirror, read-only.
 */
import { eq, getTableName, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  appraisalDecisions,
  arrangementAssignments,
  arrangementBatches,
  arrangementSignoffs,
  arrangementSteps,
  categories,
  destructionLists,
  destructionTombstones,
  itemPersons,
  items,
  loanDecisions,
  loanRecords,
  legalHolds,
  loanRequests,
  openingReviews,
  pageTexts,
  pages,
  persons,
  securityChanges,
  signatures,
  statisticsClosures,
  statisticsIndicatorSnapshots,
  statisticsProfiles,
  volumes,
} from '../../../db/schema';
import { sha256Hex } from './crypto';
import { type CoreContext } from '../kernel';

interface EntitySpec {
  /** The table's SQL name. */
  table: string;
  /**
   * SQL names of the columns every synced record has (and deleted_at where the table has it);
   * version is null for insert-only tables (signatures, loan decisions): always version 1.
   */
  columns: { id: string; version: string | null; nodeId: string; deletedAt: string | null };
  /** Columns (SQL names) naming files in the content store. */
  files: readonly string[];
  /** Columns (SQL names) the node derives for itself and never sends (not part of the record's state). */
  local: readonly string[];
  /**
   * A child row with no node_id (nor version) of its own: it belongs to the node of its parent
   * row, and its version follows from its state (arrangement steps: 1 open, 2 completed, as
   * the change log numbers them).
   */
  owner?: {
    table: string;
    id: string;
    nodeId: string;
    fk: string;
    version: (fields: Record<string, unknown>) => number;
  };
  /** The id is unique only within its station (a year): the bureau does not refuse it when another station has it. */
  stationScopedId?: boolean;
}

/** The columns every synced table has (a table without deletedAt is never soft-deleted, one without version never changes). */
type SyncedTable = SQLiteTable & {
  id: SQLiteColumn;
  version?: SQLiteColumn;
  nodeId: SQLiteColumn;
  deletedAt?: SQLiteColumn;
};

/** Names from the schema: a renamed table or column breaks the typecheck here, not the wire format silently. */
const spec = (
  table: SyncedTable,
  files: readonly SQLiteColumn[] = [],
  local: readonly SQLiteColumn[] = [],
): EntitySpec => ({
  table: getTableName(table),
  columns: {
    id: table.id.name,
    version: table.version?.name ?? null,
    nodeId: table.nodeId.name,
    deletedAt: table.deletedAt?.name ?? null,
  },
  files: files.map((c) => c.name),
  local: local.map((c) => c.name),
});

export const SYNC_ENTITIES: Readonly<Record<string, EntitySpec>> = {
  category: spec(categories),
  volume: spec(volumes),
  // access_level: kept by the node's own triggers from the level and the volume (db/migrations/0009).
  item: spec(items, [], [items.accessLevel]),
  person: spec(persons),
  page: spec(pages, [
    pages.originalSha256,
    pages.processedSha256,
    pages.thumbSha256,
    pages.pdfSha256,
    pages.wordsSha256,
  ]),
  page_text: spec(pageTexts),
  loan_request: spec(loanRequests),
  loan_record: spec(loanRecords),
  loan_decision: spec(loanDecisions),
  signature: spec(signatures),
  appraisal_decision: spec(appraisalDecisions),
  destruction_list: spec(destructionLists),
  legal_hold: spec(legalHolds),
  destruction_tombstone: spec(destructionTombstones),
  opening_review: spec(openingReviews),
  security_change: spec(securityChanges),
  arrangement_batch: spec(arrangementBatches),
  arrangement_step: {
    table: getTableName(arrangementSteps),
    // nodeId names the link to the owner: the node itself is the batch's (owner below).
    columns: { id: arrangementSteps.id.name, version: null, nodeId: arrangementSteps.batchId.name, deletedAt: null },
    files: [],
    local: [],
    owner: {
      table: getTableName(arrangementBatches),
      id: arrangementBatches.id.name,
      nodeId: arrangementBatches.nodeId.name,
      fk: arrangementSteps.batchId.name,
      // Written once open, then once when its last sign-off closes it (arrangement/sign-off.ts).
      version: (f) => (f[arrangementSteps.completedAt.name] == null ? 1 : 2),
    },
  },
  arrangement_assignment: spec(arrangementAssignments),
  arrangement_signoff: spec(arrangementSignoffs),
  // 统计年报 (issue 20): the closed years (frozen figures), the year's 库房/设备/人员 entries (keyed by
  // year, hence scoped to the station) and the 考核指标 snapshots the bureau ranks the stations on.
  statistics_closure: spec(statisticsClosures),
  statistics_profile: {
    table: getTableName(statisticsProfiles),
    columns: {
      id: statisticsProfiles.year.name,
      version: statisticsProfiles.version.name,
      nodeId: statisticsProfiles.nodeId.name,
      deletedAt: null,
    },
    files: [],
    local: [],
    stationScopedId: true,
  },
  statistics_indicator_snapshot: spec(statisticsIndicatorSnapshots),
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
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + ((canonicalJson(v[i]) as string | undefined) ?? '');
    return s + ']';
  }
  const o = v as Record<string, unknown>;
  return objectJson(o, Object.keys(o).sort());
}

/** Quoted keys, cached: the same few dozen column names recur in every record. */
const quoted = new Map<string, string>();
const quote = (k: string): string => {
  let q = quoted.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quoted.size < 4096) quoted.set(k, q);
  }
  return q;
};

/** An object as canonical JSON with its keys in the given (sorted) order, undefined values left out. */
function objectJson(o: Record<string, unknown>, sortedKeys: readonly string[]): string {
  let s = '{';
  let first = true;
  for (const k of sortedKeys) {
    const x = o[k];
    if (x === undefined) continue;
    s +=
      (first ? '' : ',') +
      quote(k) +
      ':' +
      (x === null || typeof x !== 'object' ? JSON.stringify(x) : canonicalJson(x));
    first = false;
  }
  return s + '}';
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

/**
 * Reads records' states, statement per entity prepared once. The record is the row as
 * stored, under its column names (`SELECT *`): that is the wire format and what the hash
 * covers, so this stays raw SQL (the export reads every changed record through it).
 */
export class StateReader {
  private stmts = new Map<string, import('better-sqlite3').Statement>();
  private owners = new Map<string, import('better-sqlite3').Statement>();
  private persons;
  private readonly sortedKeys = new Map<string, { keys: string[]; sorted: string[] }>();

  constructor(private readonly ctx: CoreContext) {
    this.persons = ctx.orm
      .select({ personId: itemPersons.personId, position: itemPersons.position })
      .from(itemPersons)
      .where(eq(itemPersons.itemId, sql.placeholder('id')))
      .orderBy(itemPersons.position, itemPersons.personId)
      .prepare();
  }

  read(entity: string, id: string): RecordState | null {
    const spec = SYNC_ENTITIES[entity];
    if (!spec) return null;
    let stmt = this.stmts.get(entity);
    if (!stmt) {
      stmt = this.ctx.sqlite.prepare(`SELECT * FROM "${spec.table}" WHERE "${spec.columns.id}" = ?`);
      this.stmts.set(entity, stmt);
    }
    const fields = stmt.get(id) as Row | undefined;
    if (!fields) return null;
    for (const c of spec.local) delete fields[c];
    if (entity === 'item') fields.persons = this.persons.all({ id });
    const files: string[] = [];
    for (const c of spec.files) {
      const v = fields[c];
      if (typeof v === 'string' && v.length === 64 && !files.includes(v)) files.push(v);
    }
    const base = {
      entity,
      id,
      version: spec.owner
        ? spec.owner.version(fields)
        : spec.columns.version === null
          ? 1
          : Number(fields[spec.columns.version] ?? 1),
      deleted: spec.columns.deletedAt !== null && fields[spec.columns.deletedAt] != null,
      nodeId: spec.owner ? this.ownerNode(entity, fields) : String(fields[spec.columns.nodeId] ?? ''),
      fields,
      files: files.sort(),
    };
    return { ...base, hash: this.hashOf(entity, base) };
  }

  /** The node of a child row's parent (an arrangement step's batch). */
  private ownerNode(entity: string, fields: Row): string {
    const o = SYNC_ENTITIES[entity]!.owner!;
    let stmt = this.owners.get(entity);
    if (!stmt) {
      stmt = this.ctx.sqlite.prepare(`SELECT "${o.nodeId}" FROM "${o.table}" WHERE "${o.id}" = ?`).pluck();
      this.owners.set(entity, stmt);
    }
    return String(stmt.get(fields[o.fk]) ?? '');
  }

  /** `stateHash`, with each table's sorted column names worked out once (the same bytes: see canonicalJson). */
  private hashOf(entity: string, s: Omit<RecordState, 'hash'>): string {
    const keys = Object.keys(s.fields);
    let cached = this.sortedKeys.get(entity);
    if (!cached || cached.keys.length !== keys.length || cached.keys.some((k, i) => k !== keys[i])) {
      this.sortedKeys.set(entity, (cached = { keys, sorted: [...keys].sort() }));
    }
    const fields = objectJson(s.fields, cached.sorted);
    return sha256Hex(
      `{"deleted":${s.deleted},"entity":${JSON.stringify(s.entity)},"fields":${fields},"files":${canonicalJson(s.files)},` +
        `"id":${JSON.stringify(s.id)},"nodeId":${JSON.stringify(s.nodeId)},"version":${JSON.stringify(s.version)}}`,
    );
  }
}
