import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/client';
import { createDispatch, type Dispatch } from '../transports/dispatch';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { SessionStore } from './auth/sessions';
import { catalogueHandlers } from './catalogue/handlers';
import { exportHandlers } from './exporter/handlers';
import { importHandlers } from './importer/handlers';
import { indexChangesSince } from './search/index-changes';
import { searchHandlers } from './search/handlers';
import { docsTable } from './search/docs-table';
import { reindexIfStale } from './search/jobs';
import { processClock, type Clock } from './kernel/clock';
import type { CoreContext, Logger } from './kernel/context';
import { EventBus } from './kernel/events';
import type { Handlers } from './kernel/handler';
import { mergeMethodMaps } from './kernel/method-map';
import { ServiceRegistry, type ServiceStopFailure } from './kernel/services';
import { uuidV7Generator, type IdGenerator } from './kernel/ids';
import { WriteLock } from './kernel/lock';
import { personHandlers } from './persons/handlers';
import { schemeHandlers } from './scheme/handlers';
import { setupHandlers } from './setup/handlers';
import { scanHandlers } from './scan/handlers';
import { pageHandlers } from './scan/page-handlers';
import { batchRecordHandlers } from './scan/batch-records';
import { recordPageHandlers } from './scan/record-pages';
import { servicesOf } from './scan/services';
import { ocrHandlers } from './ocr/handlers';
import { ocrSettingsHandlers } from './ocr/settings-handlers';
import { verifyHandlers } from './ocr/verify-handlers';
import { formHandlers } from './forms/handlers';
import { syncHandlers } from './sync/handlers';
import { downlinkHandlers } from './sync/downlink-handlers';
import { statsHandlers } from './stats/handlers';
import { isSetUp } from './setup/meta';
import { warmDefaultView } from './catalogue/query';
import { APP_VERSION } from './version';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
  passwordCost?: number;
  migrationsDir?: string;
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
  syncHandlers,
  downlinkHandlers,
  statsHandlers,
});

/** Boots the core on a data directory: opens and migrates the database, wires dispatch. */
export function createCore(opts: CoreOptions): Core {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const clock = opts.clock ?? processClock();
  const { sqlite, orm } = openDatabase(path.join(opts.dataDir, DB_FILE), {
    migrationsDir: opts.migrationsDir,
    now: () => clock.now(),
  });
  const ctx: CoreContext = {
    sqlite,
    orm,
    clock,
    ids: opts.ids ?? uuidV7Generator(() => clock.now().getTime()),
    events: new EventBus(),
    lock: new WriteLock(),
    log: opts.log ?? consoleLogger,
    dataDir: opts.dataDir,
    appVersion: APP_VERSION,
    passwordCost: opts.passwordCost ?? 2 ** 15,
    commitHooks: [],
    dataVersion: 0,
    services: new ServiceRegistry(),
    nowIso: () => clock.now().toISOString(),
  };
  ctx.commitHooks.push((since) => indexChangesSince(ctx, since));
  const sessions = new SessionStore();
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
  const levels = ctx.sqlite
    .prepare('SELECT DISTINCT clearance FROM users WHERE disabled = 0')
    .pluck()
    .all() as number[];
  for (const level of levels) warmDefaultView(ctx, level);
  // Search: rebuild an index left stale (after a bulk load or an upgrade), else load its
  // document table now rather than on the first search.
  if (!reindexIfStale(ctx)) setImmediate(() => docsTable(ctx));
  // Digitization: resume the hot folder and any OCR left queued by the last run.
  const scan = servicesOf(ctx);
  scan.hotFolder.apply();
  scan.runner.kick();
}
