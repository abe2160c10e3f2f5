/**
 * Shared reads of the appraisal domain: the clock's year, a record's latest decision, its hold, its
 * expiry. A record is a 件 (item) or a 案卷 (volume); both are read into one shape (`Rec`) so each
 * workflow handles the two the same way.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  appraisalDecisions,
  items,
  legalHolds,
  volumes,
  type AppraisalDecisionRecord,
  type ItemRecord,
} from '../../../db/schema';
import type { AppraisalDecisionView, AppraisalEntity } from '../../contract/appraisal';
import { AppError, type CoreContext, type Session } from '../kernel';

/** The calendar year of the injected clock (retention runs in whole years). */
export const yearOf = (ctx: CoreContext): number => new Date(ctx.nowIso()).getFullYear();

/** Years a retention period runs from the record's year; null: 永久. */
export const PERIOD_YEARS = { Y: null, D30: 30, D10: 10 } as const;

/** A 件 or 案卷 as the appraisal workflows see it. `level` guards it (an item's access_level). */
export interface Rec {
  entity: AppraisalEntity;
  id: string;
  version: number;
  archiveCode: string;
  title: string;
  year: number;
  retention: ItemRecord['retention'];
  securityLevel: number;
  level: number;
  /** The item's row (purge needs it); null for a volume. */
  item: ItemRecord | null;
  /** An item's volume (null when loose); a volume's own id. */
  volumeId: string | null;
  dates: string;
  pageCount: number | null;
  deletedAt: string | null;
}

export const itemRec = (it: ItemRecord): Rec => ({
  entity: 'item',
  id: it.id,
  version: it.version,
  archiveCode: it.archiveCode,
  title: it.title,
  year: it.year,
  retention: it.retention,
  securityLevel: it.securityLevel,
  level: it.accessLevel,
  item: it,
  volumeId: it.volumeId,
  dates: it.date,
  pageCount: it.pageCount,
  deletedAt: it.deletedAt,
});

/** A volume's record; its page count is the sum of its items' (null when none was counted). */
function volumeRec(ctx: CoreContext, id: string): Rec | undefined {
  const v = ctx.orm.select().from(volumes).where(eq(volumes.id, id)).get();
  if (!v) return undefined;
  const pages = ctx.orm
    .select({ n: sql<number | null>`sum(${items.pageCount})` })
    .from(items)
    .where(and(eq(items.volumeId, v.id), isNull(items.deletedAt)))
    .get()!.n;
  return {
    entity: 'volume',
    id: v.id,
    version: v.version,
    archiveCode: v.archiveCode,
    title: v.title,
    year: v.year,
    retention: v.retention,
    securityLevel: v.securityLevel,
    level: v.securityLevel,
    item: null,
    volumeId: v.id,
    dates: [v.startDate, v.endDate].filter(Boolean).join('-'),
    pageCount: pages,
    deletedAt: v.deletedAt,
  };
}

export function recordOf(ctx: CoreContext, entity: AppraisalEntity, id: string): Rec | undefined {
  if (entity === 'volume') return volumeRec(ctx, id);
  const it = ctx.orm.select().from(items).where(eq(items.id, id)).get();
  return it && itemRec(it);
}

/** A live record within the caller's clearance (else the same NOT_FOUND as declared targets give). */
export function liveRecord(ctx: CoreContext, s: Session, entity: AppraisalEntity, id: string): Rec {
  const r = recordOf(ctx, entity, id);
  if (!r || r.deletedAt || r.level > s.clearance) throw new AppError('NOT_FOUND');
  return r;
}

export const unitOf = (r: Pick<Rec, 'entity'>): string => (r.entity === 'volume' ? '案卷 ' : '');

export const latestDecision = (
  ctx: CoreContext,
  entity: AppraisalEntity,
  id: string,
): AppraisalDecisionRecord | undefined =>
  ctx.orm
    .select()
    .from(appraisalDecisions)
    .where(and(eq(appraisalDecisions.entity, entity), eq(appraisalDecisions.entityId, id)))
    .orderBy(desc(appraisalDecisions.decidedAt), desc(appraisalDecisions.id))
    .get();

/** The last year a record is kept: its retention from its year, or its latest 继续保存 period. */
export function keptUntil(rec: Pick<Rec, 'year' | 'retention'>, d: AppraisalDecisionRecord | undefined) {
  if (d?.decision === 'keep') return d.keepUntilYear;
  const n = PERIOD_YEARS[rec.retention];
  return n === null ? null : rec.year + n;
}

/** The archive codes among `ids` (of one kind) under an unreleased hold. */
function heldAmong(ctx: CoreContext, entity: AppraisalEntity, ids: string[]): string[] {
  if (!ids.length) return [];
  return ctx.orm
    .select({ id: legalHolds.entityId })
    .from(legalHolds)
    .where(and(eq(legalHolds.entity, entity), inArray(legalHolds.entityId, ids), isNull(legalHolds.releasedAt)))
    .all()
    .map((h) => h.id);
}

export const isHeld = (ctx: CoreContext, entity: AppraisalEntity, id: string): boolean =>
  heldAmong(ctx, entity, [id]).length > 0;

/**
 * Why a record cannot be destroyed for a hold, or null: its own hold; for an item, its volume's
 * hold (the 卷 is frozen whole); for a volume, a hold on any live item in it.
 */
export function holdReason(ctx: CoreContext, r: Rec): string | null {
  if (isHeld(ctx, r.entity, r.id)) return `${r.archiveCode} 处于冻结（诉讼保全）状态`;
  if (r.entity === 'item' && r.volumeId && isHeld(ctx, 'volume', r.volumeId)) {
    const v = ctx.orm.select({ code: volumes.archiveCode }).from(volumes).where(eq(volumes.id, r.volumeId)).get();
    return `${r.archiveCode} 所在案卷 ${v?.code ?? ''} 处于冻结（诉讼保全）状态`;
  }
  if (r.entity === 'volume') {
    const inside = ctx.orm
      .select({ id: items.id, code: items.archiveCode })
      .from(items)
      .where(and(eq(items.volumeId, r.id), isNull(items.deletedAt)))
      .all();
    const held = new Set(
      heldAmong(
        ctx,
        'item',
        inside.map((i) => i.id),
      ),
    );
    const codes = inside.filter((i) => held.has(i.id)).map((i) => i.code);
    if (codes.length) return `案卷 ${r.archiveCode} 内的 ${codes.join('、')} 处于冻结（诉讼保全）状态`;
  }
  return null;
}

export function assertExpired(ctx: CoreContext, r: Rec, d = latestDecision(ctx, r.entity, r.id)): void {
  const until = keptUntil(r, d);
  if (until === null || until >= yearOf(ctx))
    throw new AppError(
      'APPRAISAL_NOT_EXPIRED',
      `${unitOf(r)}${r.archiveCode} 保管期限${until === null ? '为永久' : `到 ${until} 年底`}，尚未到期，不能销毁`,
      { archiveCode: r.archiveCode, keptUntil: until },
    );
}

export function assertNotHeld(ctx: CoreContext, r: Rec): void {
  const why = holdReason(ctx, r);
  if (why) throw new AppError('APPRAISAL_HELD', `${why}，不能销毁`, { archiveCode: r.archiveCode });
}

export const decisionView = (d: AppraisalDecisionRecord): AppraisalDecisionView => ({
  id: d.id,
  decision: d.decision,
  newRetention: d.newRetention,
  keepUntilYear: d.keepUntilYear,
  round: d.round,
  reason: d.reason,
  decidedByName: d.decidedByName,
  decidedAt: d.decidedAt,
  listId: d.listId,
});
