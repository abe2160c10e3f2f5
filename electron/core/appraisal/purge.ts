/**
 * Destruction removes a record's content and keeps its catalogue entry only in the tombstone:
 * scanned pages (their rows soft-deleted through the same columns as 删除页, derived file
 * references cleared, form fields and queued OCR dropped), page texts (so search no longer finds
 * them: the item is re-indexed in the same transaction through its change-log row), person links
 * and personal fields; then the item itself is soft-deleted through the catalogue's own path.
 * A volume (案卷) is destroyed whole: every live item in it as above, then the volume's own scans
 * and remarks, then the volume itself.
 */
import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import {
  itemPersons,
  items,
  ocrJobs,
  pageFields,
  pages,
  pageTexts,
  volumes,
  type ItemRecord,
} from '../../../db/schema';
import { softDelete } from '../catalogue';
import { actorOf, type CoreContext, recordChange, type Session } from '../kernel';
import type { Rec } from './rows';

/** Soft-deletes the live pages of an item or of a volume (its own scans) and drops what derives from them. */
function purgePages(ctx: CoreContext, s: Session, owner: SQL, reason: string): void {
  const now = ctx.nowIso();
  const live = ctx.orm
    .select({ id: pages.id, version: pages.version })
    .from(pages)
    .where(and(owner, isNull(pages.deletedAt)))
    .all();
  const ids = live.map((p) => p.id);
  if (ids.length) {
    ctx.orm.delete(pageFields).where(inArray(pageFields.pageId, ids)).run();
    ctx.orm
      .update(ocrJobs)
      .set({ status: 'cancelled' })
      .where(and(inArray(ocrJobs.pageId, ids), eq(ocrJobs.status, 'queued')))
      .run();
    for (const p of live) {
      ctx.orm
        .update(pages)
        .set({
          deletedAt: now,
          deletedBy: s.userId,
          deletedReason: reason,
          processedSha256: null,
          thumbSha256: null,
          pdfSha256: null,
          wordsSha256: null,
          version: p.version + 1,
          updatedAt: now,
        })
        .where(eq(pages.id, p.id))
        .run();
      recordChange(ctx, 'page', p.id, p.version + 1, 'update');
    }
  }
}

export function purgeItem(ctx: CoreContext, s: Session, it: ItemRecord, reason: string): void {
  purgePages(ctx, s, eq(pages.itemId, it.id), reason);
  for (const t of ctx.orm.select().from(pageTexts).where(eq(pageTexts.itemId, it.id)).all()) {
    ctx.orm.delete(pageTexts).where(eq(pageTexts.id, t.id)).run();
    recordChange(ctx, 'page_text', t.id, t.version + 1, 'delete');
  }
  ctx.orm.delete(itemPersons).where(eq(itemPersons.itemId, it.id)).run();
  ctx.orm
    .update(items)
    .set({ personNames: '', extra: '{}', remarks: '', author: '', docNumber: '' })
    .where(eq(items.id, it.id))
    .run();
  softDelete(
    ctx,
    { table: 'items', entity: 'item', id: it.id, version: it.version },
    { userId: s.userId, actor: actorOf(s) },
    reason,
    `销毁 ${it.archiveCode} ${it.title}：${reason}`,
    { destroyed: true },
  );
}

export function purgeVolume(ctx: CoreContext, s: Session, v: Rec, reason: string): void {
  const inside = ctx.orm
    .select()
    .from(items)
    .where(and(eq(items.volumeId, v.id), isNull(items.deletedAt)))
    .all();
  for (const it of inside) purgeItem(ctx, s, it, reason);
  purgePages(ctx, s, eq(pages.volumeId, v.id), reason);
  ctx.orm.update(volumes).set({ remarks: '' }).where(eq(volumes.id, v.id)).run();
  softDelete(
    ctx,
    { table: 'volumes', entity: 'volume', id: v.id, version: v.version },
    { userId: s.userId, actor: actorOf(s) },
    reason,
    `销毁案卷 ${v.archiveCode} ${v.title}（卷内 ${inside.length} 件）：${reason}`,
    { destroyed: true, items: inside.map((it) => it.archiveCode) },
  );
}
