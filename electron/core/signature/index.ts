/**
 * Signatures bound to the signer (password confirmed at the moment of signing) and to what was
 * signed (content hash): loan approvals, later acceptance and destruction.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { contentHash, sign, type SignRequest } from './sign';
