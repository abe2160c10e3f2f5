/**
 * One place decides whether a caller may touch the records a method's input names: the
 * contract declares the fields (contract/targets.ts, beside each method's permission),
 * dispatch calls `assertTargets` after the permission check and before the handler. A
 * record that does not exist and one above the caller's 密级 get the same NOT_FOUND with
 * the same message and details, so an id cannot be probed.
 */
import { eq, inArray, isNull, and, sql } from 'drizzle-orm';
import { items, pages, scanBatches, stationRecords, volumes } from '../../db/schema';
import { TARGET_NOT_FOUND, type TargetKind, type Targets } from '../contract/targets';
import { AppError, type CoreContext } from './kernel';

/** Ids per query: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

type Levels = Map<string, number>;

const levelOfItem = sql<number>`coalesce(${items.securityLevel}, ${volumes.securityLevel}, 0)`;

/**
 * Each kind's resolver: the 密级 of every named record that exists. An item or volume
 * counts even when deleted (its tombstone and 撤销删除 are guarded the same way); a
 * deleted page no longer exists for any method. A page or batch takes the level of the
 * item or volume it belongs to (0 in the intake tray).
 */
const resolvers: Record<TargetKind, (ctx: CoreContext, ids: string[]) => Levels> = {
  item: (ctx, ids) =>
    new Map(
      ctx.orm
        .select({ id: items.id, level: items.securityLevel })
        .from(items)
        .where(inArray(items.id, ids))
        .all()
        .map((r) => [r.id, r.level]),
    ),
  volume: (ctx, ids) =>
    new Map(
      ctx.orm
        .select({ id: volumes.id, level: volumes.securityLevel })
        .from(volumes)
        .where(inArray(volumes.id, ids))
        .all()
        .map((r) => [r.id, r.level]),
    ),
  page: (ctx, ids) =>
    new Map(
      ctx.orm
        .select({ id: pages.id, level: levelOfItem })
        .from(pages)
        .leftJoin(items, eq(items.id, pages.itemId))
        .leftJoin(volumes, eq(volumes.id, pages.volumeId))
        .where(and(inArray(pages.id, ids), isNull(pages.deletedAt)))
        .all()
        .map((r) => [r.id, r.level]),
    ),
  batch: (ctx, ids) =>
    new Map(
      ctx.orm
        .select({ id: scanBatches.id, level: levelOfItem })
        .from(scanBatches)
        .leftJoin(items, eq(items.id, scanBatches.itemId))
        .leftJoin(volumes, eq(volumes.id, scanBatches.volumeId))
        .where(inArray(scanBatches.id, ids))
        .all()
        .map((r) => [r.id, r.level]),
    ),
};

/**
 * At the county bureau an item or volume id may name a station's record (kept in
 * station_records, level in its fields): it exists, at that level, so the handler can
 * answer "县局只能查看" to those who may see it and nobody learns more than that.
 */
function stationLevels(ctx: CoreContext, kind: 'item' | 'volume', ids: string[]): Levels {
  const level = sql<number>`max(coalesce(json_extract(${stationRecords.fields}, '$.fields.security_level'), 0))`;
  return new Map(
    ctx.orm
      .select({ id: stationRecords.entityId, level })
      .from(stationRecords)
      .where(and(eq(stationRecords.entity, kind), inArray(stationRecords.entityId, ids)))
      .groupBy(stationRecords.entityId)
      .all()
      .map((r) => [r.id, Number(r.level)]),
  );
}

/** The 密级 of each named record that exists; absent ids are not in the map. */
export function levelsOf(ctx: CoreContext, kind: TargetKind, ids: readonly string[]): Levels {
  const out: Levels = new Map();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    for (const [id, level] of resolvers[kind](ctx, chunk)) out.set(id, level);
    if (kind === 'item' || kind === 'volume') {
      const missing = chunk.filter((id) => !out.has(id));
      if (missing.length) for (const [id, level] of stationLevels(ctx, kind, missing)) out.set(id, level);
    }
  }
  return out;
}

/** The ids a field of the parsed input names: a string, an array of strings, or none. */
function idsAt(input: unknown, path: string): string[] {
  let v: unknown = input;
  for (const key of path.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/**
 * Refuses the call unless every record the input names exists and is within `clearance`.
 * One NOT_FOUND for both failures: same code and message, no details.
 */
export function assertTargets(ctx: CoreContext, clearance: number, targets: Targets<unknown>, input: unknown): void {
  for (const [path, declared] of Object.entries(targets)) {
    const ids = idsAt(input, path);
    if (ids.length === 0) continue;
    const kind = typeof declared === 'function' ? declared(input) : declared;
    const levels = levelsOf(ctx, kind, ids);
    if (ids.some((id) => (levels.get(id) ?? Infinity) > clearance)) {
      // No details (not even the field): which of the named records failed is itself a hint.
      throw new AppError('NOT_FOUND', TARGET_NOT_FOUND[kind]);
    }
  }
}
