import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * One intake run: a SANE batch, the files a clerk dropped, or what the hot folder picked
 * up. Pages keep their batch so the screen can show a batch's progress live.
 */
export const scanBatches = sqliteTable(
  'scan_batches',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    /** 'sane' | 'hotfolder' | 'files' | 'cli'. */
    source: text('source').notNull(),
    itemId: text('item_id'),
    volumeId: text('volume_id'),
    /** Scanner settings as JSON: resolution, mode, source, device. */
    settings: text('settings').notNull().default('{}'),
    /** 'open' | 'done' | 'failed' | 'cancelled'. */
    status: text('status', { enum: ['open', 'done', 'failed', 'cancelled'] }).notNull(),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('ix_scan_batches_created').on(t.createdAt)],
);

/**
 * A scanned page (数据挂接: attached to an item or a volume, or waiting in the intake
 * tray when neither is set). The original is kept byte for byte in the file store under
 * its sha256; the processed copy, thumbnail, OCR words and searchable PDF are derived.
 * The scan metadata columns are the DA/T 46 digitization attributes.
 */
export const pages = sqliteTable(
  'pages',
  {
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    version: integer('version').notNull().default(1),
    batchId: text('batch_id'),
    itemId: text('item_id'),
    volumeId: text('volume_id'),
    /** Order within the item or volume (1-based). */
    seq: integer('seq').notNull(),
    originalSha256: text('original_sha256').notNull(),
    originalName: text('original_name').notNull(),
    /** Page index inside the original file (multi-page TIFF or PDF). */
    originalPage: integer('original_page').notNull().default(0),
    format: text('format').notNull(),
    processedSha256: text('processed_sha256'),
    thumbSha256: text('thumb_sha256'),
    pdfSha256: text('pdf_sha256'),
    wordsSha256: text('words_sha256'),
    width: integer('width'),
    height: integer('height'),
    dpi: integer('dpi'),
    colorMode: text('color_mode'),
    device: text('device'),
    software: text('software'),
    skewAngle: real('skew_angle'),
    /** Clockwise quarter turns the clerk applied (0–3). */
    rotation: integer('rotation').notNull().default(0),
    /** Detected blank (duplex back sides); skipped pages keep their mark and can be restored. */
    blank: integer('blank').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    /** 'pending' | 'queued' | 'running' | 'done' | 'failed' | 'skipped'. */
    ocrStatus: text('ocr_status', { enum: ['pending', 'queued', 'running', 'done', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    ocrEngine: text('ocr_engine'),
    ocrConfidence: real('ocr_confidence'),
    templateId: text('template_id'),
    /** Why OCR applied no template although one was detected or forced (its labels are not on the page). */
    templateNote: text('template_note'),
    /** 'none' | 'pending' | 'verified'. */
    verifyStatus: text('verify_status', { enum: ['none', 'pending', 'verified'] })
      .notNull()
      .default('none'),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
    deletedBy: text('deleted_by'),
    deletedReason: text('deleted_reason'),
  },
  (t) => [
    index('ix_pages_item')
      .on(t.itemId, t.seq)
      .where(sql`deleted_at IS NULL`),
    index('ix_pages_volume')
      .on(t.volumeId, t.seq)
      .where(sql`deleted_at IS NULL`),
    index('ix_pages_batch').on(t.batchId),
    index('ix_pages_verify').on(t.verifyStatus),
  ],
);

/** Field values read from a form page, and what the clerk accepted. */
export const pageFields = sqliteTable(
  'page_fields',
  {
    pageId: text('page_id').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    kind: text('kind').notNull(),
    /** As recognised. */
    raw: text('raw').notNull(),
    /** After validation (normalised, a single misread digit corrected …). */
    value: text('value').notNull(),
    confidence: real('confidence').notNull(),
    valid: integer('valid').notNull(),
    /** Why the value failed validation or was changed, for the clerk. */
    issue: text('issue'),
    required: integer('required').notNull().default(0),
    /** The zone on the processed page, in pixels, as JSON {x,y,w,h}. */
    bbox: text('bbox').notNull(),
    /** 'pending' | 'accepted'. */
    status: text('status', { enum: ['pending', 'accepted'] })
      .notNull()
      .default('pending'),
    accepted: text('accepted'),
    acceptedBy: text('accepted_by'),
    acceptedAt: text('accepted_at'),
  },
  (t) => [primaryKey({ columns: [t.pageId, t.key] })],
);

/** Templates a clerk drew or imported; the built-in ones live in code. */
export const formTemplates = sqliteTable('form_templates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  version: integer('version').notNull(),
  body: text('body').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deletedAt: text('deleted_at'),
});

/**
 * The durable OCR queue: a job survives a restart (running jobs go back to queued), can
 * be cancelled, and is retried once after a failure or a timeout.
 */
export const ocrJobs = sqliteTable(
  'ocr_jobs',
  {
    id: text('id').primaryKey(),
    pageId: text('page_id').notNull(),
    batchId: text('batch_id'),
    /** 'auto', a template id, or 'none' (page text only). */
    template: text('template').notNull().default('auto'),
    /** 'queued' | 'running' | 'done' | 'failed' | 'cancelled'. */
    status: text('status', { enum: ['queued', 'running', 'done', 'failed', 'cancelled'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    enqueuedAt: text('enqueued_at').notNull(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
  },
  (t) => [
    index('ix_ocr_jobs_status').on(t.status, t.enqueuedAt),
    index('ix_ocr_jobs_page').on(t.pageId),
    uniqueIndex('ux_ocr_jobs_live_page')
      .on(t.pageId)
      .where(sql`status IN ('queued', 'running')`),
  ],
);

// Row types of the scanning tables (`enum` above types the status columns only; SQLite
// stores plain text, so the migrations are unchanged).
export type ScanBatchRecord = typeof scanBatches.$inferSelect;
export type PageRecord = typeof pages.$inferSelect;
export type PageInsert = typeof pages.$inferInsert;
export type PageFieldRecord = typeof pageFields.$inferSelect;
export type FormTemplateRecord = typeof formTemplates.$inferSelect;
export type OcrJobRecord = typeof ocrJobs.$inferSelect;
