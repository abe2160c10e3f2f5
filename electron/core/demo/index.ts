/**
 * Realistic demo data: the generator and the vocabulary the OCR fixtures reuse.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { generateDemo } from './generate';
export { FAR_TOWNS, QC_REASONS, QR_REASONS, REL_F, REL_M } from './page-vocab';
export { dayIndex, People } from './people';
export { Rng } from './rng';
export { COUNTY, ROADS, TOWNS, VILLAGES } from './vocab';
export { demoHandlers } from './handlers';
