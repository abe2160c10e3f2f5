/**
 * A new template's starting point, taken from a sample scan: the paper size and the
 * printed table's frame in millimetres, found the way OCR registers a page (ruling lines,
 * then the largest table's outer rules), so zones drawn on this sample land where the
 * extraction will look for them. The title is guessed from the page head's OCR text when
 * the page has been read; nothing is recognised here, so a draft costs well under a second.
 */
import sharp from 'sharp';
import type { Box } from '../../contract/forms';
import type { TemplateDraft } from '../../contract/templates';
import { type CoreContext, AppError, sessionOf, type Handlers } from '../kernel';
import { pageDpi, loadGrey, findRules, tableFrame, type Frame } from '../imaging';
import type { OcrLine } from '../ocr';
import { loadPage } from './pages';
import { servicesOf } from './services';
import { proposeTemplate } from './form-proposal';

const round1 = (v: number) => Math.round(v * 10) / 10;

export async function draftFromPage(ctx: CoreContext, pageId: string, clearance: number): Promise<TemplateDraft> {
  const p = loadPage(ctx, pageId, clearance);
  if (!p.processedSha256) throw new AppError('NOT_FOUND', '页面图像缺失，无法作为样张');
  const store = servicesOf(ctx).store;
  let png = store.read(p.processedSha256);
  // OCR and the preview both see the page turned by its rotation; the template must too.
  if (p.rotation)
    png = await sharp(png)
      .rotate(p.rotation * 90)
      .png()
      .toBuffer();
  const grey = await loadGrey(png);
  const dpi = p.dpi ?? pageDpi(undefined, grey.density, grey.width, grey.height);
  const mm = (px: number) => round1((px / dpi) * 25.4);
  const page = { w: mm(grey.width), h: mm(grey.height) };
  if (page.w > 1000 || page.h > 1000)
    throw new AppError('TEMPLATE_INVALID', `样张过大（${page.w} × ${page.h} 毫米），无法作为表单模板`);
  const found = tableFrame(findRules(grey));
  const frame: Box | null = found ? { x: mm(found.x), y: mm(found.y), w: mm(found.w), h: mm(found.h) } : null;
  return {
    pageId,
    dpi,
    size: { width: grey.width, height: grey.height },
    page,
    frame: frame && frame.w > 0 && frame.h > 0 ? frame : null,
    titles: guessTitles(linesOf(ctx, p.wordsSha256), found, grey.height),
  };
}

export function linesOf(ctx: CoreContext, wordsSha: string | null): OcrLine[] {
  if (!wordsSha) return [];
  try {
    const words = JSON.parse(servicesOf(ctx).store.read(wordsSha).toString('utf8')) as { lines?: OcrLine[] };
    return Array.isArray(words.lines) ? words.lines : [];
  } catch {
    return []; // a damaged words file costs the guess, not the draft
  }
}

const clean = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '');
const HAN = /\p{Script=Han}/u;

/**
 * The form's printed title: the tallest line of Chinese text above the table (or in the
 * top third of a page without one). Titles are printed larger than anything else there;
 * the unit's name or a file number above the table are smaller.
 */
export function guessTitles(lines: readonly OcrLine[], frame: Frame | null, pageHeight: number): string[] {
  const limit = frame ? frame.y + 2 : pageHeight * 0.3;
  const best = lines
    .filter((l) => l.bbox.y1 <= limit)
    .map((l) => ({ text: clean(l.text), height: l.bbox.y1 - l.bbox.y0 }))
    .filter((l) => [...l.text].length >= 2 && [...l.text].length <= 40 && HAN.test(l.text))
    .sort((a, b) => b.height - a.height)[0];
  return best ? [best.text] : [];
}

/** forms.templates.fromPage and proposeFromPage: here rather than in forms, because it reads a scanned page. */
export const formDraftHandlers = {
  'forms.templates.fromPage': (env, { pageId }) => draftFromPage(env.ctx, pageId, sessionOf(env).clearance),
  'forms.templates.proposeFromPage': async (env, { pageId }) => {
    const clearance = sessionOf(env).clearance;
    const draft = await draftFromPage(env.ctx, pageId, clearance);
    return proposeTemplate(draft, linesOf(env.ctx, loadPage(env.ctx, pageId, clearance).wordsSha256));
  },
} satisfies Partial<Handlers>;
