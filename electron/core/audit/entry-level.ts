/**
 * The 密级 that guards an audit entry beyond the record it names: what its details carry
 * (a `securityLevel` written at the time, both sides of a re-classification) and every
 * record they point at (an id of an item, volume or page, an item's or volume's 档号, a
 * station's mirrored record at the bureau), a scan batch's pages, a conflict's record.
 * Records are looked up as they are now, deleted ones included (deletion is soft), so an
 * entry about a record since deleted or re-classified keeps the higher of the two levels.
 * Lookups are prepared once per listing and cached per value. Each record's level follows
 * the one rule of kernel/security-level.ts (an item in a volume: the higher of the two).
 */
import { and, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { items, pages, stationRecords, syncConflicts, volumes } from '../../../db/schema';
import { itemLevelSql, mirroredLevelSql, ownerLevelSql, type CoreContext } from '../kernel';

/** Keys whose value is a level, not a reference: `securityLevel` (and its `{ from, to }` when changed). */
const LEVEL_KEYS = new Set(['securityLevel', 'security_level']);
/** Strings longer than this are text (a reason, a file path), not an id or a 档号. */
const MAX_REF = 80;

export function entryLevels(ctx: CoreContext) {
  const v = sql.placeholder('v');
  const levelIn = mirroredLevelSql;
  const mirrorLevel = sql<number>`max(${levelIn(stationRecords.fields)})`;
  const itemLevel = sql<number>`max(${itemLevelSql()})`;
  const pageLevel = sql<number>`max(${ownerLevelSql()})`;
  const queries = [
    ctx.orm.select({ n: itemLevel }).from(items).where(eq(items.id, v)).prepare(),
    ctx.orm
      .select({ n: max(volumes.securityLevel) })
      .from(volumes)
      .where(eq(volumes.id, v))
      .prepare(),
    // 档号 are unique among live records (the partial index); a deleted record is found by its id.
    ctx.orm
      .select({ n: itemLevel })
      .from(items)
      .where(and(eq(items.archiveCode, v), isNull(items.deletedAt)))
      .prepare(),
    ctx.orm
      .select({ n: max(volumes.securityLevel) })
      .from(volumes)
      .where(and(eq(volumes.archiveCode, v), isNull(volumes.deletedAt)))
      .prepare(),
    ctx.orm
      .select({ n: pageLevel })
      .from(pages)
      .leftJoin(items, eq(items.id, pages.itemId))
      .leftJoin(volumes, eq(volumes.id, pages.volumeId))
      .where(eq(pages.id, v))
      .prepare(),
    // At the bureau: a station's item or volume named by its id (a conflict's, a resolution's).
    ctx.orm
      .select({ n: mirrorLevel })
      .from(stationRecords)
      .where(and(inArray(stationRecords.entity, ['item', 'volume']), eq(stationRecords.entityId, v)))
      .prepare(),
  ];
  const batch = ctx.orm
    .select({ n: pageLevel })
    .from(pages)
    .leftJoin(items, eq(items.id, pages.itemId))
    .leftJoin(volumes, eq(volumes.id, pages.volumeId))
    .where(eq(pages.batchId, v))
    .prepare();
  const conflict = ctx.orm
    .select({ n: sql<number>`max(max(${levelIn(stationRecords.fields)}, ${levelIn(syncConflicts.theirsFields)}))` })
    .from(syncConflicts)
    .leftJoin(
      stationRecords,
      and(
        eq(stationRecords.stationId, syncConflicts.stationId),
        eq(stationRecords.entity, syncConflicts.entity),
        eq(stationRecords.entityId, syncConflicts.entityId),
      ),
    )
    .where(eq(syncConflicts.id, v))
    .prepare();

  const cache = new Map<string, number>();
  const ofRef = (s: string): number => {
    if (s.length === 0 || s.length > MAX_REF) return 0;
    let n = cache.get(s);
    if (n === undefined) {
      n = Math.max(0, ...queries.map((q) => Number(q.get({ v: s })?.n ?? 0)));
      cache.set(s, n);
    }
    return n;
  };

  /** The highest level in a value: levels under a level key, and every string that names a record. */
  const ofDetails = (value: unknown, isLevel = false): number => {
    if (typeof value === 'number') return isLevel ? value : 0;
    if (typeof value === 'string') return isLevel ? Number(value) || 0 : ofRef(value);
    if (Array.isArray(value)) return value.reduce<number>((m, x) => Math.max(m, ofDetails(x, isLevel)), 0);
    if (value && typeof value === 'object')
      return Object.entries(value).reduce<number>(
        (m, [k, x]) => Math.max(m, ofDetails(x, isLevel || LEVEL_KEYS.has(k))),
        0,
      );
    return 0;
  };

  /** The level of entries whose entity is not a catalogue record but stands for some (a batch, a conflict). */
  const ofEntity = (entity: string, id: string | null): number => {
    if (!id) return 0;
    if (entity === 'scan_batch') return Number(batch.get({ v: id })?.n ?? 0);
    if (entity === 'sync_conflict') return Number(conflict.get({ v: id })?.n ?? 0);
    return 0;
  };

  return { ofDetails: (d: unknown) => ofDetails(d), ofEntity };
}
