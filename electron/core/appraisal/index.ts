/**
 * 鉴定 / 销毁 / 开放鉴定 / 解密: the due list by retention, appraisal decisions, legal holds,
 * destruction lists signed by the station head and executed into tombstones, opening reviews and
 * 密级 changes (signed), the 销毁清册 and 开放鉴定表.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { appraisalHandlers } from './handlers';
