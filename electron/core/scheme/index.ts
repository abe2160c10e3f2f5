/**
 * The classification scheme (分类方案) and its 档号 templates: the scheme.* methods.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { formatArchiveCode } from './archive-code';
export { schemeHandlers, seedDefaultScheme } from './handlers';
export { loadScheme } from './repo';
export { type CategoryInput, saveCategory } from './save';
