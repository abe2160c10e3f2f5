import type Database from 'better-sqlite3';
import type { Orm } from '../../../db/client';
import type { Role, SecurityLevel } from '../../contract/domain';
import type { Permission } from '../../contract/permissions';
import type { Clock } from './clock';
import type { EventBus } from './events';
import type { IdGenerator } from './ids';
import type { WriteLock } from './lock';
import type { ServiceRegistry } from './services';

export interface Logger {
  info(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

/** Who is calling: resolved by dispatch from the session token, checked on every call. */
export interface Session {
  token: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  clearance: SecurityLevel;
  permissions: readonly Permission[];
  /** Until the user replaces an administrator-set password, dispatch allows only the methods to do so. */
  mustChangePassword: boolean;
}

/** The actor written into audit rows; `system` for jobs without a user (CLI setup, demo). */
export interface Actor {
  id: string | null;
  name: string;
}

export interface CoreContext {
  sqlite: Database.Database;
  orm: Orm;
  clock: Clock;
  ids: IdGenerator;
  events: EventBus;
  lock: WriteLock;
  log: Logger;
  dataDir: string;
  appVersion: string;
  /** scrypt cost parameter N (2^15 in production; tests may lower it). */
  passwordCost: number;
  /**
   * Run inside every mutation's transaction just before it commits, with the last
   * change-log seq before the mutation (derived data such as the search index).
   */
  commitHooks: ((sinceSeq: number) => void)[];
  /** Bumped after every committed mutation; read caches (counts, tree) key on it. */
  dataVersion: number;
  /** This core's services and caches (see services.ts); stopped, awaited, by core.close(). */
  services: ServiceRegistry<CoreContext>;
  nowIso(): string;
}

export const actorOf = (s: Session | null): Actor =>
  s ? { id: s.userId, name: `${s.displayName}(${s.username})` } : { id: null, name: 'system' };
