/**
 * 整理 → 自查 → 验收: arrangement batches with their steps (the seven-step method), 定人定项
 * assignments and progress, the self-check report, password-signed step sign-offs, the
 * 卷内备考表 fields they fill and the 验收记录.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { arrangementHandlers } from './handlers';
// For the demo's bulk history (demo/arrangement-history.ts): what a sign-off signs, and the
// self-check whose counts it names.
export { signoffContent } from './sign-off';
export { selfCheck } from './self-check';
