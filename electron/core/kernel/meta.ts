import type Database from 'better-sqlite3';
import { meta } from '../../../db/schema';
import type { SystemStatus } from '../../contract/dto';
import type { NodeRole } from '../../contract/domain';
import type { CoreContext } from './context';
import { tableSql } from './raw-sql';

export const DEFAULT_IDLE_MINUTES = 15;

/**
 * Raw on purpose: read on every request (the node's role) and per imported row (the
 * fonds), where the query builder cost ~3× (measured); the names come from the schema.
 */
export const metaValue = (db: Database.Database, key: string): string | null =>
  (db
    .prepare(`SELECT ${meta.value.name} FROM ${tableSql(meta)} WHERE ${meta.key.name} = ?`)
    .pluck()
    .get(key) as string | undefined) ?? null;

export const getMeta = (ctx: CoreContext, key: string): string | null => metaValue(ctx.sqlite, key);

export function setMeta(ctx: CoreContext, key: string, value: string): void {
  ctx.orm.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}

export const isSetUp = (ctx: CoreContext): boolean => getMeta(ctx, 'setup_done') === '1';

export function idleMinutes(ctx: CoreContext): number {
  const v = Number(getMeta(ctx, 'idle_timeout_minutes'));
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_IDLE_MINUTES;
}

export function systemStatus(ctx: CoreContext): SystemStatus {
  const done = isSetUp(ctx);
  return {
    setupDone: done,
    appVersion: ctx.appVersion,
    nodeRole: (getMeta(ctx, 'node_role') as NodeRole | null) ?? null,
    unitName: getMeta(ctx, 'unit_name'),
    fondsCode: getMeta(ctx, 'fonds_code'),
    nodeId: getMeta(ctx, 'node_id'),
    idleTimeoutMinutes: idleMinutes(ctx),
    now: ctx.nowIso(),
  };
}

export const fondsCodeOf = (ctx: CoreContext): string => getMeta(ctx, 'fonds_code') ?? '';
