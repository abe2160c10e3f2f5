/**
 * `dangan demo`: a realistic demo catalogue appended to a set-up archive, written
 * straight to SQLite (no dispatch) so a million items load in well under a minute.
 * Generation runs in a worker thread while this thread writes; the same seed gives
 * the same titles and 档号 (on the same starting database), and with `ocrText` the same
 * page text as well.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { getTableName, isNull, max } from 'drizzle-orm';
import { itemPersons, items, persons, volumes } from '../../../db/schema/catalogue';
import { dayIndex } from './people';
import { classKey, produce, type Batch, type ProduceInput } from './produce';
import type { WorkerInput } from './worker';
import { DemoWriter, secondaryIndexes } from './writer';
import { shelveDemo, type ShelveResult } from './shelve';
import { lendingHistoryDemo, noLendingHistory, type LendingHistoryResult } from './lending-history';
import { appraisalHistoryDemo, noAppraisalHistory, type AppraisalHistoryResult } from './appraisal-history';
import { noOpeningHistory, openingHistoryDemo, type OpeningHistoryResult } from './opening-history';
import { arrangementHistoryDemo, noArrangementHistory, type ArrangementHistoryResult } from './arrangement-history';
import { appendAudit } from '../audit';
import { nodeIdOf, actorOf, type CoreContext, AppError, fondsCodeOf, getMeta, isSetUp, type Actor } from '../kernel';
import { loadScheme } from '../scheme';
import { markStale } from '../search';
import type { DemoResult } from '../../contract/cli';

export interface DemoOptions {
  items: number;
  seed?: string | number;
  /** Items per transaction. */
  batchSize?: number;
  /** Generate in a worker thread (default: for 20,000 items or more). */
  worker?: boolean;
  /** Drop the randomly-fed secondary indexes during the load and rebuild them after (default: 200,000 items or more). */
  rebuildIndexes?: boolean;
  /**
   * Also give every item 1–3 pages of OCR-like text, 200–800 characters in all (for the
   * full-text search benchmark). Off by default: it more than doubles the database.
   */
  ocrText?: boolean;
  /**
   * Also the issue 19 workflow history: appraisal rounds and destruction lists (one executed, so
   * a few records are purged), legal holds, opening reviews, 密级 changes, arrangement batches.
   * Off by default: the catalogue a plain demo loads stays exactly as generated.
   */
  workflows?: boolean;
  onProgress?(done: number, total: number): void;
  /** Who the audit entry names (the caller through the contract); 'system' when absent. */
  actor?: Actor;
}

// The result is the contract's (demo.generate returns it as it is).
export type { DemoResult } from '../../contract/cli';

/** Indexes whose keys arrive in random order (dates, persons, links): cheaper to rebuild by one sort. */
const REBUILT = /^(ix_items_(class|date_sec|volume)|ux_persons_idno|ix_persons_name|ix_item_persons_person)$/;

/**
 * Recreates the dropped indexes that are missing, each on its own so that one failure does
 * not leave the others missing (the drop may also have stopped halfway); then throws the first failure.
 */
function recreateIndexes(db: CoreContext['sqlite'], dropped: { name: string; sql: string }[]): void {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).pluck();
  let failed: unknown = null;
  for (const i of dropped) {
    if (exists.get(i.name)) continue;
    try {
      db.exec(i.sql);
    } catch (e) {
      failed ??= e;
    }
  }
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
}

function readState(ctx: CoreContext, seed: string, total: number, batchSize: number): ProduceInput {
  const byClass = (rows: { c: string; y: number; r: string; o: string; m: number | null }[]) =>
    rows.map((r): [string, number] => [classKey(r.c, r.y, r.r, r.o), r.m ?? 0]);
  const classOf = (t: typeof items | typeof volumes) => [t.categoryId, t.year, t.retention, t.orgCode] as const;
  const maxItem = ctx.orm
    .select({ c: items.categoryId, y: items.year, r: items.retention, o: items.orgCode, m: max(items.itemNo) })
    .from(items)
    .where(isNull(items.volumeId))
    .groupBy(...classOf(items))
    .all();
  const maxVolume = ctx.orm
    .select({
      c: volumes.categoryId,
      y: volumes.year,
      r: volumes.retention,
      o: volumes.orgCode,
      m: max(volumes.volumeNo),
    })
    .from(volumes)
    .groupBy(...classOf(volumes))
    .all();
  // Raw: one string per person of the archive (a million in a big one), plucked without row objects.
  const idNumber = persons.idNumber.name;
  const taken = ctx.sqlite
    .prepare(`SELECT "${idNumber}" FROM "${getTableName(persons)}" WHERE "${idNumber}" IS NOT NULL`)
    .pluck()
    .all() as NonNullable<(typeof persons.$inferSelect)['idNumber']>[];
  return {
    seed,
    total,
    batchSize,
    fonds: fondsCodeOf(ctx),
    unit: getMeta(ctx, 'unit_name') ?? '北港派出所',
    today: dayIndex(ctx.clock.now()),
    scheme: loadScheme(ctx).list,
    // Numbering continues after what the archive already holds (deleted numbers included).
    maxItem: byClass(maxItem),
    maxVolume: byClass(maxVolume),
    taken,
  };
}

/** Runs the generator in a worker thread (TypeScript sources are loaded through tsx). */
function produceInWorker(input: ProduceInput, onBatch: (b: Batch) => void): Promise<void> {
  const here = import.meta.url;
  const ts = here.endsWith('.ts');
  const entry = new URL(ts ? './worker.ts' : './worker.js', here).href;
  const tsx = ts
    ? pathToFileURL(
        createRequire(here)
          .resolve('tsx/esm/api')
          .replace(/\.cjs$/, '.mjs'),
      ).href
    : null;
  const code = tsx
    ? `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`
    : `import(${JSON.stringify(entry)})`;
  const flow = new SharedArrayBuffer(8);
  const counters = new Int32Array(flow);
  const data: WorkerInput = { input, flow, maxInFlight: 2 };
  const worker = new Worker(code, { eval: true, workerData: data });
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      void worker.terminate();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    worker.on('message', (m: { batch?: Batch; end?: boolean }) => {
      if (failed) return;
      try {
        if (m.batch) {
          onBatch(m.batch);
          Atomics.add(counters, 1, 1);
          Atomics.notify(counters, 1);
        } else if (m.end) resolve();
      } catch (e) {
        fail(e);
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => (code === 0 ? resolve() : fail(new Error(`演示数据生成线程异常退出（${code}）`))));
  });
}

export async function generateDemo(ctx: CoreContext, opts: DemoOptions): Promise<DemoResult> {
  if (!isSetUp(ctx)) throw new AppError('SETUP_REQUIRED', '尚未完成首次设置：请先运行 dangan setup，再生成演示数据');
  const started = performance.now();
  const db = ctx.sqlite;
  const seed = String(opts.seed ?? 1);
  const total = Math.max(0, Math.floor(opts.items));
  const ocrText = opts.ocrText ?? false;
  const input = { ...readState(ctx, seed, total, opts.batchSize ?? 25_000), ocrText };
  const writer = new DemoWriter(db, nodeIdOf(ctx), input.fonds, ctx.nowIso(), ocrText);
  const sum = { items: 0, volumes: 0, persons: 0, links: 0, pages: 0, textChars: 0 };
  let shelves: ShelveResult = { places: 0, boxes: 0, boxedItems: 0, boxedVolumes: 0, looseVolumes: 0 };
  let lending: LendingHistoryResult = noLendingHistory();
  let appraisal: AppraisalHistoryResult = noAppraisalHistory();
  let opening: OpeningHistoryResult = noOpeningHistory();
  let arrangement: ArrangementHistoryResult = noArrangementHistory();
  const onBatch = (b: Batch) => {
    writer.write(b);
    ctx.dataVersion++;
    sum.items += b.items;
    sum.volumes += b.volumes;
    sum.persons += b.persons;
    sum.links += b.links;
    sum.pages += b.pages;
    sum.textChars += b.textChars;
    opts.onProgress?.(sum.items, total);
  };
  const rebuild = opts.rebuildIndexes ?? total >= 200_000;
  const dropped = rebuild
    ? [items, persons, itemPersons]
        .flatMap((t) => secondaryIndexes(db, getTableName(t)))
        .filter((i) => REBUILT.test(i.name))
    : [];
  try {
    // The bulk load writes around the search index: it is rebuilt afterwards (marked first,
    // so a load cut short by a crash still leads to a rebuild).
    if (total > 0) markStale(ctx);
    for (const i of dropped) db.exec(`DROP INDEX IF EXISTS "${i.name}"`);
    if (opts.worker ?? total >= 20_000) await produceInWorker(input, onBatch);
    else produce(input, ctx.ids, onBatch);
    writer.begin();
    const actor = opts.actor ?? actorOf(null);
    // Boxed and shelved with the load's bulk settings, in the transaction of its audit entry.
    if (total > 0) shelves = shelveDemo(ctx, actor, seed);
    // A lending history over the demo's records, signed by the demo's station head.
    lending = lendingHistoryDemo(ctx, seed, total);
    // Appraisal rounds and destruction lists, opening reviews and 密级 changes, then arrangement
    // batches last (their signatures name self-check counts that nothing may change afterwards).
    if (opts.workflows) {
      appraisal = appraisalHistoryDemo(ctx, seed, total);
      opening = openingHistoryDemo(ctx, seed, total);
      arrangement = arrangementHistoryDemo(ctx, total);
    }
    appendAudit(ctx, actor, {
      action: 'demo.generate',
      entity: 'system',
      summary: `生成演示数据：${sum.items} 件、${sum.volumes} 卷、${sum.persons} 人${ocrText ? `、${sum.pages} 页文字` : ''}，装 ${shelves.boxes} 盒上架，借阅申请 ${lending.requests} 份，鉴定 ${appraisal.decisions} 件，开放鉴定 ${opening.reviews} 件，整理批次 ${arrangement.batches} 个（种子 ${seed}）`,
      details: { ...sum, seed, shelves, lending, appraisal, opening, arrangement },
    });
    writer.commit();
  } catch (e) {
    writer.abort();
    throw e;
  } finally {
    // Whatever happened, the dropped indexes come back; a kill before this point is repaired
    // by the next open, which rebuilds every declared index the file lacks.
    try {
      writer.forScans();
      recreateIndexes(db, dropped);
    } finally {
      writer.restore();
      ctx.dataVersion++;
    }
  }
  // Fresh statistics so the planner picks the covering indexes; a sampled ANALYZE is enough.
  // (Run in WAL mode: after an ANALYZE under the rollback journal, the checkpoint below
  // found the database locked.)
  try {
    writer.forScans();
    db.pragma('analysis_limit = 2000');
    db.exec('ANALYZE');
  } finally {
    writer.restore();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.dataVersion++;
  const seconds = (performance.now() - started) / 1000;
  return {
    ...sum,
    shelves,
    lending,
    appraisal,
    opening,
    arrangement,
    seed,
    seconds: Math.round(seconds * 100) / 100,
    itemsPerSecond: Math.round(sum.items / seconds),
  };
}
