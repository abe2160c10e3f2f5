/** Page rows and their views; the queries every page screen shares. */
import { and, asc, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import { items, volumes } from '../../../db/schema/catalogue';
import { pageFields, pages, type PageRecord } from '../../../db/schema/scan';
import type { PageView } from '../../contract/scan';
import { type CoreContext, AppError, ownerLevelSql } from '../kernel';

/** A live page with its owner's 档号 (the item's or the volume's; null in the tray). */
export type OwnedPage = PageRecord & { ownerCode: string | null };

const EXT: Record<string, string> = { jpeg: 'jpg', png: 'png', tiff: 'tif', pdf: 'pdf' };

/** DA/T 31 file naming: the 档号 followed by a four-digit page serial. */
export const exportNameOf = (code: string, seq: number, format: string): string =>
  `${code}-${String(seq).padStart(4, '0')}.${EXT[format] ?? 'png'}`;

export function toPageView(r: OwnedPage): PageView {
  return {
    id: r.id,
    itemId: r.itemId,
    volumeId: r.volumeId,
    batchId: r.batchId,
    seq: r.seq,
    originalName: r.originalName,
    originalPage: r.originalPage,
    format: r.format,
    width: r.width,
    height: r.height,
    dpi: r.dpi,
    colorMode: r.colorMode,
    device: r.device,
    software: r.software,
    skewAngle: r.skewAngle,
    rotation: r.rotation,
    blank: r.blank === 1,
    skipped: r.skipped === 1,
    ocrStatus: r.ocrStatus,
    ocrConfidence: r.ocrConfidence,
    ocrEngine: r.ocrEngine,
    templateId: r.templateId,
    templateNote: r.templateNote ?? null,
    verifyStatus: r.verifyStatus,
    error: r.error,
    createdAt: r.createdAt,
    exportName: r.ownerCode ? exportNameOf(r.ownerCode, r.seq, r.format) : null,
  };
}

/** The page columns plus the owner's 档号. */
export const OWNED_PAGE = {
  ...getTableColumns(pages),
  ownerCode: sql<string | null>`coalesce(${items.archiveCode}, ${volumes.archiveCode})`,
};

/** The joins `visiblePages` needs: the owning item and volume. */
export const ownerJoin = { items: eq(items.id, pages.itemId), volumes: eq(volumes.id, pages.volumeId) };

/**
 * Pages with their owner joined; callers filter with `.where(visiblePages(clearance, …))`,
 * which hides deleted pages and those whose owner is above the caller's clearance.
 */
export const selectPages = (ctx: CoreContext) =>
  ctx.orm.select(OWNED_PAGE).from(pages).leftJoin(items, ownerJoin.items).leftJoin(volumes, ownerJoin.volumes);

export const visiblePages = (clearance: number, ...where: (SQL | undefined)[]): SQL | undefined =>
  and(isNull(pages.deletedAt), sql`${ownerLevelSql()} <= ${clearance}`, ...where);

/** Serial order within an owner; pages of the same serial by arrival. */
export const PAGE_ORDER = [asc(pages.seq), asc(pages.createdAt)] as const;

export function loadPage(ctx: CoreContext, id: string, clearance: number): OwnedPage {
  const r = selectPages(ctx)
    .where(visiblePages(clearance, eq(pages.id, id)))
    .get();
  if (!r) throw new AppError('NOT_FOUND', '页面不存在或无权查看');
  return r;
}

/** The next free serial in an item, a volume, or the tray. */
export function nextSeq(ctx: CoreContext, owner: { itemId: string | null; volumeId: string | null }): number {
  const where = owner.itemId
    ? eq(pages.itemId, owner.itemId)
    : owner.volumeId
      ? eq(pages.volumeId, owner.volumeId)
      : and(isNull(pages.itemId), isNull(pages.volumeId));
  const row = ctx.orm
    .select({ max: sql<number>`coalesce(max(${pages.seq}), 0)` })
    .from(pages)
    .where(and(where, isNull(pages.deletedAt)))
    .get();
  return (row?.max ?? 0) + 1;
}

/**
 * Bumps a page's version with the given changes and returns the new version (for the
 * change-log row the caller writes).
 */
export function bumpPage(
  ctx: CoreContext,
  id: string,
  set: Partial<Omit<PageRecord, 'id' | 'version' | 'updatedAt'>>,
  now = ctx.nowIso(),
): number {
  const row = ctx.orm
    .update(pages)
    .set({ ...set, version: sql`${pages.version} + 1`, updatedAt: now })
    .where(eq(pages.id, id))
    .returning({ version: pages.version })
    .get();
  if (!row) throw new AppError('NOT_FOUND', '页面不存在或无权查看');
  return row.version;
}

/** The page's image changed: unverified fields read from the old one no longer apply (accepted values stay). */
export function dropPendingFields(ctx: CoreContext, pageId: string): void {
  ctx.orm
    .delete(pageFields)
    .where(and(eq(pageFields.pageId, pageId), eq(pageFields.status, 'pending')))
    .run();
}
