/**
 * The form-template editor's own calls: a draft drawn from a sample scan, and a template
 * imported from a file. Saving, reading (export) and deleting use `forms.templates.*`.
 */
import { z } from 'zod';
import type { Box, TemplateField } from './forms';
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

/**
 * A new template proposed from a read page of a form no template or dictionary knows:
 * the draft plus one zone per label/value pair found, placed on the value (or beside a
 * label with no value), label and kind filled in, for the clerk to confirm.
 */
export interface TemplateProposal extends TemplateDraft {
  fields: TemplateField[];
  /** The value read in each proposed zone, by field key ('' when the label had none). */
  values: Record<string, string>;
  /** What could not be trusted or was left out (zh-CN). */
  notes: string[];
}
