/** Pages through the contract: list, images, attach (数据挂接), reorder, rotate, skip, remove. */
import sharp from 'sharp';
import type { PageView } from '../../contract/scan';
import { appendAudit } from '../audit';
import { recordChange, type CoreContext, AppError, mutation, sessionOf, type Handlers } from '../kernel';
import { syncItemTexts, batchTemplateOf, cancelOcr, queueOcr } from '../ocr';
import { replacePage } from './page-replace';
import { loadPage, nextSeq, PAGE_SELECT, toPageView, type PageRecord } from './pages';
import { loadOwner } from './record-pages';
import { servicesOf } from './services';

const listPages = (ctx: CoreContext, where: string, params: Record<string, unknown>): PageView[] =>
  (ctx.sqlite.prepare(`${PAGE_SELECT} AND ${where} ORDER BY p.seq, p.created_at`).all(params) as PageRecord[]).map(
    toPageView,
  );

/** The page's recognised text, from its words file (null before OCR). */
export function ocrTextOf(ctx: CoreContext, pageId: string): string | null {
  const sha = ctx.sqlite.prepare('SELECT words_sha256 FROM pages WHERE id = ?').pluck().get(pageId) as string | null;
  if (!sha) return null;
  return (JSON.parse(servicesOf(ctx).store.read(sha).toString('utf8')) as { text: string }).text;
}

function bumpPage(ctx: CoreContext, id: string, set: string, params: Record<string, unknown>): void {
  ctx.sqlite
    .prepare(`UPDATE pages SET ${set}, version = version + 1, updated_at = @now WHERE id = @id`)
    .run({ ...params, id, now: ctx.nowIso() });
  const v = ctx.sqlite.prepare('SELECT version FROM pages WHERE id = ?').pluck().get(id) as number;
  recordChange(ctx, 'page', id, v, 'update');
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
    const base = { clearance: s.clearance };
    if (input.itemId) return listPages(env.ctx, 'p.item_id = @itemId', { ...base, itemId: input.itemId });
    if (input.volumeId) return listPages(env.ctx, 'p.volume_id = @volumeId', { ...base, volumeId: input.volumeId });
    if (input.batchId) return listPages(env.ctx, 'p.batch_id = @batchId', { ...base, batchId: input.batchId });
    return listPages(env.ctx, 'p.item_id IS NULL AND p.volume_id IS NULL', base);
  },

  'pages.image': async (env, { id, variant, box }) => {
    const s = sessionOf(env);
    const p = loadPage(env.ctx, id, s.clearance);
    const store = servicesOf(env.ctx).store;
    const sha = variant === 'thumb' ? p.thumb_sha256 : variant === 'original' ? p.original_sha256 : p.processed_sha256;
    if (!sha) throw new AppError('NOT_FOUND', '页面图像缺失');
    // Rotate before cropping (sharp applies them in call order): field boxes are in the
    // coordinates OCR saw, which is the rotated page.
    let img = sharp(store.read(sha), { page: variant === 'original' ? p.original_page : 0 });
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
      for (const p of pages)
        bumpPage(ctx, p.id, 'item_id = @item, volume_id = @volume, seq = @seq', {
          item: input.itemId,
          volume: input.volumeId,
          seq: seq++,
        });
      resync(ctx, [...pages.map((p) => p.item_id), input.itemId]);
      appendAudit(ctx, actor, {
        action: 'page.attach',
        entity: input.itemId ? 'item' : input.volumeId ? 'volume' : 'page',
        entityId: input.itemId ?? input.volumeId ?? null,
        summary: owner ? `挂接 ${pages.length} 页到 ${owner.archiveCode}` : `${pages.length} 页退回待挂接`,
        details: { pages: ids, from: [...new Set(pages.map((p) => p.owner_code ?? null))] },
      });
      return ids.map((id) => toPageView(loadPage(ctx, id, s.clearance)));
    }),

  'pages.reorder': (env, { ids }) =>
    mutation(env, (ctx, s, actor) => {
      const pages = ids.map((id) => loadPage(ctx, id, s.clearance));
      const owner = `${pages[0]!.item_id}|${pages[0]!.volume_id}`;
      if (pages.some((p) => `${p.item_id}|${p.volume_id}` !== owner))
        throw new AppError('VALIDATION_FAILED', '只能调整同一份档案内的页面顺序');
      ids.forEach((id, i) => bumpPage(ctx, id, 'seq = @seq', { seq: i + 1 }));
      resync(ctx, [pages[0]!.item_id]);
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
        bumpPage(ctx, id, 'rotation = @rotation', { rotation });
        // What was read from the old orientation no longer holds: read the page again.
        const reread = !p.skipped && p.ocr_status !== 'pending';
        if (reread) {
          cancelOcr(ctx, id);
          ctx.sqlite.prepare("DELETE FROM page_fields WHERE page_id = ? AND status = 'pending'").run(id);
          queueOcr(ctx, id, p.batch_id, batchTemplateOf(ctx, id));
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
        bumpPage(ctx, id, 'skipped = @skipped', { skipped: skipped ? 1 : 0 });
        if (skipped) {
          cancelOcr(ctx, id);
          if (p.ocr_status === 'queued' || p.ocr_status === 'running')
            ctx.sqlite.prepare("UPDATE pages SET ocr_status = 'skipped' WHERE id = ?").run(id);
        }
        // A page brought back from "blank" gets read like any other.
        if (!skipped && p.ocr_status === 'skipped') queueOcr(ctx, id, p.batch_id, batchTemplateOf(ctx, id));
        resync(ctx, [p.item_id]);
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
      bumpPage(ctx, id, 'deleted_at = @now, deleted_by = @by, deleted_reason = @reason', { by: actor.id, reason });
      cancelOcr(ctx, id);
      resync(ctx, [p.item_id]);
      appendAudit(ctx, actor, {
        action: 'page.remove',
        entity: 'page',
        entityId: id,
        summary: `删除第 ${p.seq} 页：${reason}`,
        details: { original: p.original_sha256 },
      });
      return { ok: true as const };
    }),
} satisfies Partial<Handlers>;
