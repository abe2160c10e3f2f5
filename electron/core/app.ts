import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import path from 'node:path';
import { openDatabase } from './open-database';
import { createDispatch, type Dispatch } from './dispatch';
import { auditHandlers } from './audit';
import { authHandlers, SessionStore } from './auth';
import { catalogueHandlers, personHandlers, warmDefaultView } from './catalogue';
import { exportHandlers } from './exporter';
import { printHandlers } from './print';
import { importHandlers } from './importer';
import { indexChangesSince, searchHandlers, docsTable, reindexIfStale } from './search';
import {
  processClock,
  type Clock,
  type CoreContext,
  type Logger,
  EventBus,
  type Handlers,
  uuidV7Generator,
  type IdGenerator,
  WriteLock,
  isSetUp,
  mergeMethodMaps,
  ServiceRegistry,
  type ServiceStopFailure,
} from './kernel';
import { schemeHandlers } from './scheme';
import { setupHandlers } from './setup';
import {
  scanHandlers,
  pageHandlers,
  batchRecordHandlers,
  recordPageHandlers,
  servicesOf,
  ocrHandlers,
  ocrSettingsHandlers,
  verifyHandlers,
  formDraftHandlers,
} from './scan';
import { formHandlers } from './forms';
import { syncHandlers, downlinkHandlers } from './sync';
import { statsHandlers } from './stats';
import { demoHandlers } from './demo';
import { roomHandlers } from './room';
import { stocktakeHandlers } from './stocktake';
import { lendingHandlers } from './lending';
import { arrangementHandlers } from './arrangement';
import { appraisalHandlers } from './appraisal';
import { statisticsHandlers } from './statistics';
import { dashboardHandlers, warmDashboard } from './dashboard';
import { boxHandlers } from './shelving';
import { placeHandlers } from './shelving';
import { APP_VERSION } from './version';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
  passwordCost?: number;
  migrationsDir?: string;
  /** The session store dispatch resolves callers with; the CLI passes one that also holds its built-in account. */
  sessions?: SessionStore;
}

export interface Core {
  ctx: CoreContext;
  dispatch: Dispatch;
  sessions: SessionStore;
  /**
   * Stops every service of this core (newest first), awaiting each, then closes SQLite.
   * Services that failed to stop are logged and returned; calling it again returns the
   * same promise.
   */
  close(): Promise<ServiceStopFailure[]>;
}

export const DB_FILE = 'dangan.sqlite';

const consoleLogger: Logger = {
  info: (m, x) => console.error(`[dangan] ${m}`, x ?? ''),
  error: (m, x) => console.error(`[dangan] ${m}`, x ?? ''),
};

// Built once at start-up; a method defined by two domains stops the start with its name.
export const handlers: Handlers = mergeMethodMaps({
  setupHandlers,
  authHandlers,
  schemeHandlers,
  catalogueHandlers,
  personHandlers,
  importHandlers,
  exportHandlers,
  printHandlers,
  auditHandlers,
  searchHandlers,
  scanHandlers,
  pageHandlers,
  batchRecordHandlers,
  recordPageHandlers,
  ocrHandlers,
  ocrSettingsHandlers,
  verifyHandlers,
  formHandlers,
  formDraftHandlers,
  syncHandlers,
  downlinkHandlers,
  statsHandlers,
  demoHandlers,
  roomHandlers,
  stocktakeHandlers,
  lendingHandlers,
  arrangementHandlers,
  appraisalHandlers,
  boxHandlers,
  placeHandlers,
  statisticsHandlers,
  dashboardHandlers,
});

/** Boots the core on a data directory: opens and migrates the database, wires dispatch. */
export function createCore(opts: CoreOptions): Core {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const clock = opts.clock ?? processClock();
  const log = opts.log ?? consoleLogger;
  // Declared indexes and triggers the file lacks are rebuilt before anything is served
  // (a bulk load killed after dropping indexes); each is named as it starts.
  const { sqlite, orm, rebuilt } = openDatabase(path.join(opts.dataDir, DB_FILE), {
    migrationsDir: opts.migrationsDir,
    now: () => clock.now(),
    onRebuild: ({ done, total, object }) =>
      log.info(`正在重建缺失的${object.type === 'index' ? '索引' : '触发器'} ${object.name}（${done + 1}/${total}）`),
  });
  if (rebuilt.length > 0)
    log.info(`已重建 ${rebuilt.length} 个缺失的索引或触发器`, { rebuilt: rebuilt.map((o) => o.name) });
  const ctx: CoreContext = {
    sqlite,
    orm,
    clock,
    ids: opts.ids ?? uuidV7Generator(() => clock.now().getTime()),
    events: new EventBus(),
    lock: new WriteLock(),
    log,
    dataDir: opts.dataDir,
    appVersion: APP_VERSION,
    passwordCost: opts.passwordCost ?? 2 ** 15,
    commitHooks: [],
    dataVersion: 0,
    services: new ServiceRegistry(),
    nowIso: () => clock.now().toISOString(),
  };
  ctx.commitHooks.push((since) => indexChangesSince(ctx, since));
  const sessions = opts.sessions ?? new SessionStore();
  let closing: Promise<ServiceStopFailure[]> | null = null;
  return {
    ctx,
    sessions,
    dispatch: createDispatch(ctx, handlers, sessions),
    close: () =>
      (closing ??= (async () => {
        // Workers stop and are awaited first (a page they were reading is requeued at the
        // next start); only then may SQLite close under them.
        const failures = await ctx.services.stopAll(ctx.log);
        sqlite.close();
        return failures;
      })()),
  };
}

/**
 * For long-running hosts (serve, the desktop shell): prepares the catalogue's default view
 * for each clearance that has accounts, in the background, so the first grid is quick.
 */
export function warmCaches(core: Core): void {
  const { ctx } = core;
  if (!isSetUp(ctx)) return;
  const levels = ctx.orm
    .selectDistinct({ clearance: users.clearance })
    .from(users)
    .where(eq(users.disabled, false))
    .all();
  for (const { clearance } of levels) warmDefaultView(ctx, clearance);
  // Search: rebuild an index left stale (after a bulk load or an upgrade), else load its
  // document table now rather than on the first search.
  if (!reindexIfStale(ctx)) setImmediate(() => docsTable(ctx));
  // 工作台: the station head lands on it; its held series scans every item once (then cached).
  setImmediate(() => warmDashboard(ctx));
  // Digitization: resume the hot folder and any OCR left queued by the last run.
  const scan = servicesOf(ctx);
  scan.hotFolder.apply();
  scan.runner.kick();
}
