/**
 * 统计年报 (issue 20): the annual report's figures counted as of year end, each opened to the
 * records it counts, the year's 库房/设备/人员 entries, and closing a year with the head's signature.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { statisticsHandlers } from './handlers';
export { annualReport } from './report';
export { snapshotForExport } from './snapshot';
export { bureauStations } from './bureau';
