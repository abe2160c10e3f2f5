/**
 * A batch of scanned forms becomes records in one step (批量生成档案): a preview of the
 * records the batch's verified form pages would make, then the clerk's ticked rows
 * written in one transaction.
 */
import { z } from 'zod';
import { zId } from './schemas';

export const zBatchRecordsPreview = z.object({ batchId: zId });

export const zBatchRecordsCommit = z.object({
  batchId: zId,
  /** The pages the clerk kept ticked in the review list. */
  pageIds: z
    .array(zId)
    .min(1, { error: '请至少勾选一条要生成的档案' })
    .max(1000, { error: '一次最多生成 1000 条档案' }),
});

export interface BatchRecordPerson {
  name: string;
  idNumber: string | null;
  /** Already in 人员档案 (found by 公民身份号码): linked, not created again. */
  existing: boolean;
}

export interface BatchRecordRow {
  pageId: string;
  seq: number;
  pageName: string;
  template: { id: string; name: string } | null;
  category: { id: string; fullCode: string; name: string } | null;
  title: string;
  /** YYYY-MM-DD, from the form's date field. */
  date: string;
  /** 年度, from the form's date (never today's). */
  year: number | null;
  persons: BatchRecordPerson[];
  /** Shown beside the row; the record can still be made. */
  warnings: string[];
  /** Why this page cannot become a record (not verified, no form, already attached …). */
  blockers: string[];
  creatable: boolean;
}

export interface BatchRecordsPreview {
  batchId: string;
  rows: BatchRecordRow[];
  creatable: number;
}

export interface BatchRecordsResult {
  created: { pageId: string; itemId: string; archiveCode: string; title: string }[];
}
