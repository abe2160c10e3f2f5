/** Pages through the contract: list, images, attach (数据挂接), reorder, rotate, skip, remove. */
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import sharp from 'sharp';
import { pages as pagesTable } from '../../../db/schema/scan';
import type { OtherPersonField, PageView } from '../../contract/scan';
import { appendAudit } from '../audit';
import { recordChange, type CoreContext, AppError, mutation, sessionOf, type Handlers } from '../kernel';
import { syncItemTexts, batchTemplateOf, cancelOcr, queueOcr } from '../ocr';
import { replacePage } from './page-replace';
import {
  bumpPage,
  dropPendingFields,
  loadPage,
  nextSeq,
  PAGE_ORDER,
  selectPages,
  toPageView,
  visiblePages,
} from './pages';
import { loadOwner } from './record-pages';
import { servicesOf } from './services';

const listPages = (ctx: CoreContext, clearance: number, where: SQL | undefined): PageView[] =>
  selectPages(ctx)
    .where(visiblePages(clearance, where))
    .orderBy(...PAGE_ORDER)
    .all()
    .map(toPageView);

/** The page's words file (null before OCR): its text, and further persons' fields on a page of several. */
export function ocrWordsOf(
  ctx: CoreContext,
  pageId: string,
): { text: string; otherPersons?: OtherPersonField[][] } | null {
  const sha = ctx.orm
    .select({ words: pagesTable.wordsSha256 })
    .from(pagesTable)
    .where(eq(pagesTable.id, pageId))
    .get()?.words;
  if (!sha) return null;
  return JSON.parse(servicesOf(ctx).store.read(sha).toString('utf8')) as {
    text: string;
    otherPersons?: OtherPersonField[][];
  };
}

/** The page's recognised text, from its words file (null before OCR). */
export function ocrTextOf(ctx: CoreContext, pageId: string): string | null {
  return ocrWordsOf(ctx, pageId)?.text ?? null;
}

/** Changes a page, bumping its version, with its change-log row. */
function changePage(ctx: CoreContext, id: string, set: Parameters<typeof bumpPage>[2], now?: string): void {
  recordChange(ctx, 'page', id, bumpPage(ctx, id, set, now), 'update');
}

const resync = (ctx: CoreContext, itemIds: (string | null)[]) => {
  for (const id of new Set(itemIds)) if (id) syncItemTexts(ctx, id, (p) => ocrTextOf(ctx, p));
};

/** The OCR runner claims the jobs a page action queued once the transaction is in. */
function kickAfter<T>(ctx: CoreContext, fn: () => T): T {
  const out = fn();
  servicesOf(ctx).runner.kick();
  return out;
}

export const pageHandlers = {
  'pages.list': (env, input) => {
    const s = sessionOf(env);
    const list = (where: SQL | undefined) => listPages(env.ctx, s.clearance, where);
    if (input.itemId) return list(eq(pagesTable.itemId, input.itemId));
    if (input.volumeId) return list(eq(pagesTable.volumeId, input.volumeId));
    if (input.batchId) return list(eq(pagesTable.batchId, input.batchId));
    return list(and(isNull(pagesTable.itemId), isNull(pagesTable.volumeId)));
  },

  'pages.image': async (env, { id, variant, box }) => {
    const s = sessionOf(env);
    const p = loadPage(env.ctx, id, s.clearance);
    const store = servicesOf(env.ctx).store;
    const sha = variant === 'thumb' ? p.thumbSha256 : variant === 'original' ? p.originalSha256 : p.processedSha256;
    if (!sha) throw new AppError('NOT_FOUND', '页面图像缺失');
    // Rotate before cropping (sharp applies them in call order): field boxes are in the
    // coordinates OCR saw, which is the rotated page.
    let img = sharp(store.read(sha), { page: variant === 'original' ? p.originalPage : 0 });
    if (p.rotation) img = img.rotate(p.rotation * 90);
    if (box && variant === 'preview') img = img.extract({ left: box.x, top: box.y, width: box.w, height: box.h });
    if (variant !== 'thumb')
      img = img.resize({
        width: box ? undefined : 1600,
        height: box ? undefined : 1600,
        fit: 'inside',
        withoutEnlargement: true,
      });
    const { data, info } = await img.jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true });
    return { mime: 'image/jpeg', base64: data.toString('base64'), width: info.width, height: info.height };
  },

  'pages.attach': (env, input) =>
    mutation(env, (ctx, s, actor) => {
      // A page never belongs to nothing: the record must exist and be within the caller's
      // clearance (both targets empty sends the pages back to the tray).
      const owner = input.itemId || input.volumeId ? loadOwner(ctx, input, s.clearance) : null;
      const ids = [...new Set(input.ids)];
      const pages = ids.map((id) => loadPage(ctx, id, s.clearance));
      let seq = nextSeq(ctx, input);
      for (const p of pages) changePage(ctx, p.id, { itemId: input.itemId, volumeId: input.volumeId, seq: seq++ });
      resync(ctx, [...pages.map((p) => p.itemId), input.itemId]);
      appendAudit(ctx, actor, {
        action: 'page.attach',
        entity: input.itemId ? 'item' : input.volumeId ? 'volume' : 'page',
        entityId: input.itemId ?? input.volumeId ?? null,
        summary: owner ? `挂接 ${pages.length} 页到 ${owner.archiveCode}` : `${pages.length} 页退回待挂接`,
        details: { pages: ids, from: [...new Set(pages.map((p) => p.ownerCode))] },
      });
      return ids.map((id) => toPageView(loadPage(ctx, id, s.clearance)));
    }),

  'pages.reorder': (env, { ids }) =>
    mutation(env, (ctx, s, actor) => {
      const pages = ids.map((id) => loadPage(ctx, id, s.clearance));
      const owner = `${pages[0]!.itemId}|${pages[0]!.volumeId}`;
      if (pages.some((p) => `${p.itemId}|${p.volumeId}` !== owner))
        throw new AppError('VALIDATION_FAILED', '只能调整同一份档案内的页面顺序');
      ids.forEach((id, i) => changePage(ctx, id, { seq: i + 1 }));
      resync(ctx, [pages[0]!.itemId]);
      appendAudit(ctx, actor, {
        action: 'page.reorder',
        entity: 'page',
        entityId: ids[0]!,
        summary: `调整 ${ids.length} 页的顺序`,
        details: { order: ids },
      });
      return ids.map((id) => toPageView(loadPage(ctx, id, s.clearance)));
    }),

  'pages.rotate': (env, { id, quarterTurns }) =>
    kickAfter(env.ctx, () =>
      mutation(env, (ctx, s, actor) => {
        const p = loadPage(ctx, id, s.clearance);
        const rotation = (((p.rotation + quarterTurns) % 4) + 4) % 4;
        changePage(ctx, id, { rotation });
        // What was read from the old orientation no longer holds: read the page again.
        const reread = !p.skipped && p.ocrStatus !== 'pending';
        if (reread) {
          cancelOcr(ctx, id);
          dropPendingFields(ctx, id);
          queueOcr(ctx, id, p.batchId, batchTemplateOf(ctx, id));
        }
        appendAudit(ctx, actor, {
          action: 'page.rotate',
          entity: 'page',
          entityId: id,
          summary: `第 ${p.seq} 页旋转至 ${rotation * 90}°`,
        });
        return toPageView(loadPage(ctx, id, s.clearance));
      }),
    ),

  'pages.skip': (env, { id, skipped }) =>
    kickAfter(env.ctx, () =>
      mutation(env, (ctx, s, actor) => {
        const p = loadPage(ctx, id, s.clearance);
        changePage(ctx, id, { skipped: skipped ? 1 : 0 });
        if (skipped) {
          cancelOcr(ctx, id);
          if (p.ocrStatus === 'queued' || p.ocrStatus === 'running')
            ctx.orm.update(pagesTable).set({ ocrStatus: 'skipped' }).where(eq(pagesTable.id, id)).run();
        }
        // A page brought back from "blank" gets read like any other.
        if (!skipped && p.ocrStatus === 'skipped') queueOcr(ctx, id, p.batchId, batchTemplateOf(ctx, id));
        resync(ctx, [p.itemId]);
        appendAudit(ctx, actor, {
          action: skipped ? 'page.skip' : 'page.unskip',
          entity: 'page',
          entityId: id,
          summary: `第 ${p.seq} 页${skipped ? '标为空白跳过' : '恢复'}`,
        });
        return toPageView(loadPage(ctx, id, s.clearance));
      }),
    ),

  'pages.replace': (env, input) => replacePage(env, input),

  'pages.remove': (env, { id, reason }) =>
    mutation(env, (ctx, s, actor) => {
      const p = loadPage(ctx, id, s.clearance);
      const now = ctx.nowIso();
      changePage(ctx, id, { deletedAt: now, deletedBy: actor.id, deletedReason: reason }, now);
      cancelOcr(ctx, id);
      resync(ctx, [p.itemId]);
      appendAudit(ctx, actor, {
        action: 'page.remove',
        entity: 'page',
        entityId: id,
        summary: `删除第 ${p.seq} 页：${reason}`,
        details: { original: p.originalSha256 },
      });
      return { ok: true as const };
    }),
} satisfies Partial<Handlers>;
