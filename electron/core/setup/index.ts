/**
 * First-run setup: the setup.* methods.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { setupHandlers } from './handlers';
