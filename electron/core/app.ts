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
import { uuidV7Generator, type IdGenerator } from './kernel/ids';
import { WriteLock } from './kernel/lock';
import { personHandlers } from './persons/handlers';
import { schemeHandlers } from './scheme/handlers';
import { setupHandlers } from './setup/handlers';
import { scanHandlers } from './scan/handlers';
import { pageHandlers } from './scan/page-handlers';
import { batchRecordHandlers } from './scan/batch-records';
import { recordPageHandlers } from './scan/record-pages';
import { servicesOf, stopServices } from './scan/services';
import { ocrHandlers } from './ocr/handlers';
import { ocrSettingsHandlers } from './ocr/settings-handlers';
import { verifyHandlers } from './ocr/verify-handlers';
import { formHandlers } from './forms/handlers';
import { syncHandlers } from './sync/handlers';
import { downlinkHandlers } from './sync/downlink-handlers';
import { statsHandlers } from './stats/handlers';
import { demoHandlers } from './demo/handlers';
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
  /** The session store dispatch resolves callers with; the CLI passes one that also holds its built-in account. */
  sessions?: SessionStore;
}

export interface Core {
  ctx: CoreContext;
  dispatch: Dispatch;
  sessions: SessionStore;
  close(): void;
}

export const DB_FILE = 'dangan.sqlite';

const consoleLogger: Logger = {
  info: (m, x) => console.error(`[dangan] ${m}`, x ?? ''),
  error: (m, x) => console.error(`[dangan] ${m}`, x ?? ''),
};

export const handlers: Handlers = {
  ...setupHandlers,
  ...authHandlers,
  ...schemeHandlers,
  ...catalogueHandlers,
  ...personHandlers,
  ...importHandlers,
  ...exportHandlers,
  ...auditHandlers,
  ...searchHandlers,
  ...scanHandlers,
  ...pageHandlers,
  ...batchRecordHandlers,
  ...recordPageHandlers,
  ...ocrHandlers,
  ...ocrSettingsHandlers,
  ...verifyHandlers,
  ...formHandlers,
  ...syncHandlers,
  ...downlinkHandlers,
  ...statsHandlers,
  ...demoHandlers,
};

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
    nowIso: () => clock.now().toISOString(),
  };
  ctx.commitHooks.push((since) => indexChangesSince(ctx, since));
  const sessions = opts.sessions ?? new SessionStore();
  return {
    ctx,
    sessions,
    dispatch: createDispatch(ctx, handlers, sessions),
    close: () => {
      // Workers are told to stop; anything they were reading is requeued at the next start.
      void stopServices(ctx).catch(() => undefined);
      sqlite.close();
    },
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
  if (!reindexIfStale(ctx)) setImmediate(() => docsTable(ctx.sqlite));
  // Digitization: resume the hot folder and any OCR left queued by the last run.
  const scan = servicesOf(ctx);
  scan.hotFolder.apply();
  scan.runner.kick();
}
