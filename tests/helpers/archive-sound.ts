/**
 * After a process was killed mid-work: is the archive sound? One check for every kill test
 * (demo, import, reindex, OCR batch, bundle export and import).
 *
 * First the raw file, as the kill left it (before the app's own open repairs anything):
 * `PRAGMA integrity_check` is ok, foreign keys hold, and every index and trigger the
 * migrations declare exists with its declared SQL. Then the archive is opened the way the
 * app opens it (createCore, the CLI's built-in account, calls through dispatch): the audit
 * chain verifies (`audit.verify`), and the counts that a half-done job could leave apart
 * agree (see `expectCountsConsistent`).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { declaredObjects, listObjects } from '../../db/declared-objects';
import { defaultMigrationsDir } from '../../db/migrate';
import { createCore, DB_FILE } from '../../electron/core/app';
import { CliSessionStore } from '../../scripts/cli/session';

export interface SoundReport {
  items: number;
  pages: number;
  /** Whether the search index was stale (a bulk load) and rebuilt before its count was compared. */
  reindexed: boolean;
}

/** The raw-file checks: integrity, foreign keys, every declared index and trigger. */
export function expectFileSound(file: string, what = file): void {
  const raw = new Database(file, { fileMustExist: true });
  try {
    expect(raw.pragma('integrity_check', { simple: true }), `${what}: integrity_check`).toBe('ok');
    expect(raw.pragma('foreign_key_check'), `${what}: foreign_key_check`).toEqual([]);
    const have = new Map(listObjects(raw).map((o) => [`${o.type}:${o.name}`, o.sql]));
    const missing = declaredObjects(defaultMigrationsDir())
      .filter((o) => have.get(`${o.type}:${o.name}`) !== o.sql)
      .map((o) => `${o.type}:${o.name}`);
    expect(missing, `${what}: declared indexes and triggers missing or changed`).toEqual([]);
  } finally {
    raw.close();
  }
}

const count = (db: Database.Database, sql: string): number => db.prepare(sql).pluck().get() as number;

/**
 * Counts that must agree whatever point a job was killed at:
 * - every item's last change-log row is its current version (sync would miss it otherwise),
 *   and no change-log row names an item that does not exist;
 * - every page in the OCR queue ('queued'/'running') has exactly one live job in the same
 *   state, every live job's page says so, and every page read ('done') has its words (and,
 *   when it belongs to a live item, its text row);
 * - once the search index is current, it holds one live document per item (own and mirrored).
 */
export function expectCountsConsistent(db: Database.Database, what: string): void {
  // Grouped once and joined (change_log has no index on entity_id: a per-item lookup is quadratic).
  const logged = `(SELECT entity_id, max(version) AS v FROM change_log WHERE entity = 'item' GROUP BY entity_id)`;
  const itemsOffLog = count(
    db,
    `SELECT count(*) FROM items i LEFT JOIN ${logged} c ON c.entity_id = i.id WHERE c.v IS NOT i.version`,
  );
  expect(itemsOffLog, `${what}: items whose version is not the last one in the change log`).toBe(0);
  const changesForNothing = count(db, `SELECT count(*) FROM ${logged} WHERE entity_id NOT IN (SELECT id FROM items)`);
  expect(changesForNothing, `${what}: change-log rows for items that do not exist`).toBe(0);

  const queueMismatch = count(
    db,
    `SELECT count(*) FROM pages p WHERE p.ocr_status IN ('queued', 'running') AND 1 <> (SELECT count(*)
       FROM ocr_jobs j WHERE j.page_id = p.id AND j.status IN ('queued', 'running') AND j.status = p.ocr_status)`,
  );
  expect(queueMismatch, `${what}: pages in the OCR queue without exactly one matching job`).toBe(0);
  const orphanJobs = count(
    db,
    `SELECT count(*) FROM ocr_jobs j JOIN pages p ON p.id = j.page_id
       WHERE j.status IN ('queued', 'running') AND p.ocr_status <> j.status`,
  );
  expect(orphanJobs, `${what}: live OCR jobs whose page is not in the same state`).toBe(0);
  const doneWithoutText = count(
    db,
    `SELECT count(*) FROM pages p WHERE p.ocr_status = 'done'
       AND (p.words_sha256 IS NULL OR (p.item_id IS NOT NULL AND p.deleted_at IS NULL AND p.skipped = 0
         AND p.id NOT IN (SELECT page_id FROM page_texts WHERE page_id IS NOT NULL)))`,
  );
  expect(doneWithoutText, `${what}: pages read without their text`).toBe(0);
}

/** Items the search index must hold one live document for. */
function searchable(db: Database.Database): number {
  return (
    count(db, 'SELECT count(*) FROM items') + count(db, "SELECT count(*) FROM station_records WHERE entity = 'item'")
  );
}

/** Documents that are live and not retired by a later one. */
const liveDocs = (db: Database.Database) =>
  count(
    db,
    `SELECT count(*) FROM search_docs d WHERE d.live = 1
       AND d.doc NOT IN (SELECT replaces FROM search_docs WHERE replaces IS NOT NULL)`,
  );

/**
 * Every check, on the data folder `dir` (its database need not be closed by others: the
 * reads see what was committed). The open may rebuild missing declared objects and a stale
 * search index, as the app's own start does; the raw checks run before it.
 */
export async function expectArchiveSound(dir: string, what = dir): Promise<SoundReport> {
  const file = path.join(dir, DB_FILE);
  expectFileSound(file, what);
  const sessions = new CliSessionStore();
  const core = createCore({ dataDir: dir, sessions, log: { info() {}, error() {} } });
  try {
    const db = core.ctx.sqlite;
    expectFileSound(file, `${what} (after the app's open)`);
    const token = sessions.mintBuiltIn();
    const call = async (method: 'audit.verify' | 'search.status' | 'search.rebuild') => {
      const r = await core.dispatch(method, {}, { sessionToken: token });
      if (!r.ok) throw new Error(`${what}: ${method}: ${r.error.code} ${r.error.message}`);
      return r.value;
    };
    const verified = (await call('audit.verify')) as { ok: boolean };
    expect(verified.ok, `${what}: audit chain ${JSON.stringify(verified)}`).toBe(true);
    expectCountsConsistent(db, what);
    const state = ((await call('search.status')) as { state: string }).state;
    if (state === 'stale') await call('search.rebuild');
    expect(liveDocs(db), `${what}: live search documents vs items`).toBe(searchable(db));
    return {
      items: count(db, 'SELECT count(*) FROM items'),
      pages: count(db, 'SELECT count(*) FROM pages'),
      reindexed: state === 'stale',
    };
  } finally {
    await core.close();
  }
}
