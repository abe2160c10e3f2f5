/**
 * Page images: decoding incoming files and cleaning scanned pages for storage and OCR.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { assessBlank, type BlankVerdict, isBlankPage } from './blank';
export { type CellBox, findCells, withCellRules } from './cells';
export type { Rect } from './crop';
export { type DecodeInput, decodePages } from './decode';
export { deskew, estimateSkew } from './deskew';
export { type PageFormat, sniffFormat } from './format';
export { inkExtent } from './ink-bands';
export { preparePage } from './prepare';
export { prepareIncoming } from './page-thread';
export type { PageOutcome, PreparedPage } from './prepare-file';
export { pageDpi, type ProcessedPage, type ProcessOptions, processPage } from './process';
export { cropGrey, encodeGreyPng, type GreyImage, loadGrey, TRANSIENT_PNG_LEVEL } from './raw';
export { findRules, inkOf, type Line, type Rules } from './rules';
export { type Frame, tableFrame } from './table';
export { binarize } from './threshold';
export { makeThumbnail } from './thumb';
export type { DecodedPage, DecodeLimits, DecodeResult } from './types';
export { removeRules, unruleGrey } from './unrule';
