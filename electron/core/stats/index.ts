/**
 * Statistics over the catalogue: the stats.* methods.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { bureauStats } from './bureau';
export { statsHandlers } from './handlers';
