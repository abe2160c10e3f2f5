/**
 * The hash-chained audit log: appending entries, verifying the chain, and the audit.* methods.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { appendAudit, verifyAuditChain } from './chain';
export { auditHandlers } from './handlers';
