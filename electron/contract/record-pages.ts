/** A record's scanned pages: the pages of an item or a volume, a page's text, the record's searchable PDF. */
import { z } from 'zod';
import type { PageView } from './scan';
import { zId } from './schemas';

/** One record: an item (件) or a volume (案卷). */
export const zPageOwner = z
  .object({ itemId: zId.optional(), volumeId: zId.optional() })
  .refine((r) => !!r.itemId !== !!r.volumeId, { error: '请指定一件档案或一个案卷' });

export const zPageText = z.object({ id: zId });

export interface RecordPageView extends PageView {
  /** The item the page belongs to (a volume's own pages, such as its cover, have none). */
  item: { id: string; itemNo: number; archiveCode: string; title: string } | null;
}

export interface RecordPagesView {
  owner: { kind: 'item' | 'volume'; id: string; archiveCode: string; title: string };
  /** In reading order: a volume's own pages first, then its items by 件号, each by page order. */
  pages: RecordPageView[];
}

export interface PageTextView {
  id: string;
  status: PageView['ocrStatus'];
  /** Null before the page has been read. */
  text: string | null;
  engine: string | null;
  confidence: number | null;
}

export interface RecordPdf {
  fileName: string;
  mime: 'application/pdf';
  base64: string;
  pages: number;
}
