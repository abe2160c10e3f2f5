/**
 * Catalogue export to spreadsheets: the export.* methods.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { exportHandlers } from './handlers';
export { CATALOGUE_TITLE, catalogueSheet, type ExportRecord, tableSheet, type TableSheet } from './xlsx';
