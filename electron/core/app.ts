import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from './open-database';
import { createDispatch, type Dispatch } from './dispatch';
import { auditHandlers } from './audit';
import { authHandlers, SessionStore } from './auth';
import { catalogueHandlers, personHandlers, warmDefaultView } from './catalogue';
import { exportHandlers } from './exporter';
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
} from './kernel';
import { schemeHandlers } from './scheme';
import { setupHandlers } from './setup';
import {
  scanHandlers,
  pageHandlers,
  batchRecordHandlers,
  recordPageHandlers,
  servicesOf,
  stopServices,
  ocrHandlers,
  ocrSettingsHandlers,
  verifyHandlers,
  formDraftHandlers,
} from './scan';
import { formHandlers } from './forms';
import { syncHandlers, downlinkHandlers } from './sync';
import { statsHandlers } from './stats';
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
  ...formDraftHandlers,
  ...syncHandlers,
  ...downlinkHandlers,
  ...statsHandlers,
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
  const sessions = new SessionStore();
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
