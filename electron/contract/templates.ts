/**
 * The form-template editor's own calls: a draft drawn from a sample scan, and a template
 * imported from a file. Saving, reading (export) and deleting use `forms.templates.*`.
 */
import { z } from 'zod';
import type { Box } from './forms';
import { zId } from './schemas';

export const zTemplateFromPage = z.object({ pageId: zId });

export const zTemplateImport = z.object({
  fileName: z.string().trim().max(255).default(''),
  /** The file's text: parsed and checked on the server, so every transport gets one verdict. */
  text: z.string().min(1, { error: '模板文件为空' }).max(2_000_000, { error: '模板文件不能超过 2 MB' }),
});

/** What a sample page gives a new template: its size, resolution and printed table frame. */
export interface TemplateDraft {
  pageId: string;
  /** The page's resolution: template millimetres are image pixels / dpi × 25.4. */
  dpi: number;
  /** The processed page in pixels as the preview shows it (turned by the page's rotation). */
  size: { width: number; height: number };
  /** Paper size in millimetres. */
  page: { w: number; h: number };
  /** The printed table's outer frame in millimetres; null when the page has no ruled table. */
  frame: Box | null;
  /** Printed titles guessed from the page head's OCR text; empty before OCR has read the page. */
  titles: string[];
}
