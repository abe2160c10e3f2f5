/**
 * 扫描批次 for the intake screen, as the caller's 密级 allows: a batch filed into a record
 * above it is not listed (not even its id), and a batch's page counts take in only the
 * pages the caller may see (a tray batch whose pages went on into a 秘密 record counts
 * none of those).
 */
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { items, volumes } from '../../../db/schema/catalogue';
import { pages, scanBatches } from '../../../db/schema/scan';
import type { BatchView } from '../../contract/scan';
import { type CoreContext, ownerLevelSql } from '../kernel';

const batchItem = alias(items, 'batch_item');
const batchVolume = alias(volumes, 'batch_volume');
const pageItem = alias(items, 'page_item');
const pageVolume = alias(volumes, 'page_volume');

export function listBatches(ctx: CoreContext, clearance: number, limit: number): BatchView[] {
  const seen = sql`(${pages.id} IS NOT NULL AND ${ownerLevelSql('page_item', 'page_volume')} <= ${clearance})`;
  // A page-count per batch: sums over the batch's live, visible pages (0 for an empty batch).
  const total = (what?: SQL) =>
    sql<number>`coalesce(sum(${what ? sql`${seen} AND ${what}` : seen}), 0)`.mapWith(Number);
  return ctx.orm
    .select({
      id: scanBatches.id,
      source: scanBatches.source,
      status: scanBatches.status,
      itemId: scanBatches.itemId,
      volumeId: scanBatches.volumeId,
      error: scanBatches.error,
      createdAt: scanBatches.createdAt,
      pages: total(),
      blank: total(sql`${pages.blank}`),
      ocrDone: total(sql`${pages.ocrStatus} = 'done'`),
      ocrFailed: total(sql`${pages.ocrStatus} = 'failed'`),
      ocrPending: total(sql`${pages.ocrStatus} IN ('queued','running','pending')`),
    })
    .from(scanBatches)
    .leftJoin(batchItem, eq(batchItem.id, scanBatches.itemId))
    .leftJoin(batchVolume, eq(batchVolume.id, scanBatches.volumeId))
    .leftJoin(pages, and(eq(pages.batchId, scanBatches.id), isNull(pages.deletedAt)))
    .leftJoin(pageItem, eq(pageItem.id, pages.itemId))
    .leftJoin(pageVolume, eq(pageVolume.id, pages.volumeId))
    .where(sql`${ownerLevelSql('batch_item', 'batch_volume')} <= ${clearance}`)
    .groupBy(scanBatches.id)
    .orderBy(desc(scanBatches.createdAt), desc(scanBatches.id))
    .limit(limit)
    .all();
}
