/**
 * Importing legacy catalogues from spreadsheets: the import.* methods and the CLI import.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { halfWidth } from './convert';
export { importHandlers } from './handlers';
export { MAX_IMPORT_BYTES } from './read-table';
export { categoryTemplate, commitImport } from './service';
