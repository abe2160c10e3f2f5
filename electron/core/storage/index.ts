/**
 * The content-addressed file store (sha256 names, temp file + fsync + rename).
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { BlobStore, fsyncDir } from './blob-store';
