/**
 * 盘点 (stock-take): scans of a place range's labels, the live and final report, acceptance
 * (misplaced records moved through shelving's moveTo), print and export.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { stocktakeHandlers } from './handlers';
export { decodeLabels } from './photo';
export { reportDoc } from './files';
