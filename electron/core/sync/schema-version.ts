/**
 * The `Schema-Version` a bundle carries: the number of database migrations of the app
 * that wrote it. A reader refuses a bundle from a newer app (its records may hold fields
 * this version cannot store) and accepts older ones, whose records it still reads.
 */
import { AppError, type CoreContext } from '../kernel';
import { intField, type BagInfo } from './bagit';

/**
 * USB sync arrived with migration 0005 (the sixth): no app ever wrote a bundle with a
 * smaller version, so one claiming it is malformed rather than old.
 */
export const FIRST_SYNC_SCHEMA_VERSION = 6;

/** This archive's schema version: the migrations applied to its database. */
export function schemaVersion(ctx: CoreContext): number {
  try {
    // Raw: __drizzle_migrations is the migrator's own bookkeeping table, not part of db/schema.
    return ctx.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number;
  } catch {
    return 0;
  }
}

/**
 * Checks a bundle's `Schema-Version` against this archive. `required` is false for
 * downlinks, whose first versions were written without the field (read as the oldest).
 */
export function checkBundleSchema(
  ctx: CoreContext,
  info: BagInfo,
  what: '数据包' | '下发包',
  required = true,
): { ok: true; version: number } | { ok: false; error: AppError } {
  const declared = intField(info, 'Schema-Version');
  if (declared === null && !required) return { ok: true, version: FIRST_SYNC_SCHEMA_VERSION };
  if (declared === null || declared < FIRST_SYNC_SCHEMA_VERSION) {
    const error = new AppError('BUNDLE_TAMPERED', `${what}的 Schema-Version 字段缺失或无效`, {
      schemaVersion: info['Schema-Version'] ?? null,
    });
    return { ok: false, error };
  }
  const own = schemaVersion(ctx);
  if (declared > own) {
    const error = new AppError(
      'BUNDLE_TOO_NEW',
      `该${what}由更新版本的档案系统写出（数据结构版本 ${declared}，本机为 ${own}），本机无法读取。请先把本机档案系统升级到与对方相同或更新的版本，再导入此${what}；${what}本身完好，可保留在优盘上稍后导入。`,
      { schemaVersion: declared, ownSchemaVersion: own },
    );
    return { ok: false, error };
  }
  return { ok: true, version: declared };
}
