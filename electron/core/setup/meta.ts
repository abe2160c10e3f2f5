import { eq } from 'drizzle-orm';
import { meta } from '../../../db/schema';
import type { SystemStatus } from '../../contract/dto';
import type { NodeRole } from '../../contract/domain';
import type { CoreContext } from '../kernel/context';

export const DEFAULT_IDLE_MINUTES = 15;

export function getMeta(ctx: CoreContext, key: string): string | null {
  const row = ctx.orm.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get();
  return row?.value ?? null;
}

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
  };
}

export const fondsCodeOf = (ctx: CoreContext): string => getMeta(ctx, 'fonds_code') ?? '';
