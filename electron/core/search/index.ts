/**
 * Full-text search: the index, queries, reindex jobs and the search.* methods.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { docsTable } from './docs-table';
export { loadItems, loadRange } from './document';
export { searchHandlers } from './handlers';
export { indexChangesSince } from './index-changes';
export { reindexIfStale, runReindexJob } from './jobs';
export { forgetMatches } from './match-cache';
export { isStale, markStale } from './meta';
export { parseQuery } from './query-parse';
export { type ScanDoc, scanDocOf, scanMatches } from './reference-scan';
export { rebuildIndex } from './reindex';
export { categoryResolver, matchAll, runSearch } from './search';
export { indexStationItems } from './station-index';
export { splitStationKey, touchedStationItems } from './station-source';
export { stationNamesOf } from './station-hits';
