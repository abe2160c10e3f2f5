/**
 * 鉴定 / 销毁 / 开放鉴定 / 解密: the due list by retention, appraisal decisions, legal holds,
 * destruction lists signed by the station head and executed into tombstones, opening reviews and
 * 密级 changes (signed), the 销毁清册 and 开放鉴定表.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { appraisalHandlers } from './handlers';
// For the demo's bulk history (demo/appraisal-history.ts): the signed contents the methods hash,
// the purge a destruction runs, and the retention periods.
export { listContent } from './destruction';
export { openingContent, securityContent } from './opening';
export { purgeItem } from './purge';
export { PERIOD_YEARS } from './rows';
