/**
 * Scanned pages and batches: intake, hot folder, SANE scanners, page actions, the OCR runner and the
 * ocr.* methods over pages.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { batchRecordHandlers } from './batch-records';
export { formDraftHandlers } from './form-draft';
export { scanHandlers } from './handlers';
export { ocrHandlers } from './ocr-handlers';
export { ocrSettingsHandlers } from './ocr-settings-handlers';
export { verifyHandlers } from './ocr-verify-handlers';
export { pageHandlers } from './page-handlers';
export { recordPageHandlers } from './record-pages';
export { listDevices, saneAvailable, scanBatch } from './sane';
export { servicesOf } from './services';
export { commitReading, failJob } from './ocr-commit';
